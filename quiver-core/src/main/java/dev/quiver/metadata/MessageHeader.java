package dev.quiver.metadata;

import dev.quiver.compress.CompressionType;
import dev.quiver.type.Schema;

/** The {@code MessageHeader} union of {@code format/Message.fbs} (Tensor and SparseTensor are not supported). */
public sealed interface MessageHeader {

    /** A schema message. */
    record SchemaHeader(Schema schema) implements MessageHeader {
    }

    /**
     * A record batch: the row count, one field node per array in depth-first order (as parallel arrays, to
     * keep parsing light), one buffer span per buffer relative to the start of the body, the body compression
     * (null when uncompressed) and the variadic buffer counts of view arrays (empty when none).
     */
    record RecordBatchHeader(long length, long[] nodeLengths, long[] nodeNullCounts,
                             long[] bufferOffsets, long[] bufferLengths,
                             CompressionType compression, long[] variadicBufferCounts) implements MessageHeader {
        public RecordBatchHeader {
            if (nodeLengths.length != nodeNullCounts.length || bufferOffsets.length != bufferLengths.length) {
                throw new IllegalArgumentException("parallel arrays differ in length");
            }
            variadicBufferCounts = variadicBufferCounts == null ? new long[0] : variadicBufferCounts;
        }

        public int nodeCount() { return nodeLengths.length; }
        public int bufferCount() { return bufferOffsets.length; }
    }

    /** A dictionary batch: the dictionary id, its values as a one-column record batch, and the delta flag. */
    record DictionaryBatchHeader(long id, RecordBatchHeader data, boolean isDelta) implements MessageHeader {
    }
}
