package dev.quiver.arrowjava;

import dev.quiver.array.RecordBatch;
import dev.quiver.cdata.CData;
import dev.quiver.validate.ValidationLevel;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

import java.lang.foreign.MemorySegment;

/**
 * One-call conversions between Apache Arrow Java's {@link VectorSchemaRoot} and Quiver's {@link RecordBatch}, through
 * the Arrow C Data Interface: the buffers are shared, not copied, both ways.
 *
 * <ul>
 *   <li>{@link #toVectorSchemaRoot}: the root's vectors point at the batch's memory, which the batch keeps (see
 *   {@link RecordBatch#retain()}) until Arrow Java releases it, when the root (or the vectors' buffers) are closed;
 *   closing the batch first is safe.</li>
 *   <li>{@link #toRecordBatch}: the batch reads Arrow Java's buffers, which Arrow Java keeps (reference counted)
 *   until the batch is closed or reclaimed; closing the root first is safe.</li>
 * </ul>
 * Dictionary-encoded columns need a dictionary provider on Arrow Java's side: pass one to receive or supply the
 * dictionaries.
 */
public final class ArrowJavaBridge {
    private ArrowJavaBridge() {}

    /** The batch as a new root allocated from {@code allocator} (dictionaries, if any, go to {@code dictionaries}). */
    public static VectorSchemaRoot toVectorSchemaRoot(RecordBatch batch, BufferAllocator allocator,
                                                      CDataDictionaryProvider dictionaries) {
        try (ArrowArray array = ArrowArray.allocateNew(allocator);
             ArrowSchema schema = ArrowSchema.allocateNew(allocator)) {
            CData.exportBatch(batch, array.memoryAddress(), schema.memoryAddress());
            return Data.importVectorSchemaRoot(allocator, array, schema, dictionaries);
        }
    }

    /** The batch as a new root, for batches without dictionary-encoded columns. */
    public static VectorSchemaRoot toVectorSchemaRoot(RecordBatch batch, BufferAllocator allocator) {
        try (CDataDictionaryProvider none = new CDataDictionaryProvider()) {
            VectorSchemaRoot root = toVectorSchemaRoot(batch, allocator, none);
            if (!none.getDictionaryIds().isEmpty()) {
                root.close();
                throw new IllegalArgumentException("the batch has dictionary-encoded columns: pass a "
                        + "CDataDictionaryProvider to receive the dictionaries");
            }
            return root;
        }
    }

    /**
     * The root's current contents as a Quiver batch (validated at {@code level}); {@code dictionaries} supplies the
     * dictionaries of dictionary-encoded vectors (may be null when there are none).
     */
    public static RecordBatch toRecordBatch(VectorSchemaRoot root, BufferAllocator allocator,
                                            DictionaryProvider dictionaries, ValidationLevel level) {
        try (ArrowArray array = ArrowArray.allocateNew(allocator);
             ArrowSchema schema = ArrowSchema.allocateNew(allocator)) {
            Data.exportVectorSchemaRoot(allocator, root, dictionaries, array, schema);
            return CData.importBatch(MemorySegment.ofAddress(array.memoryAddress()),
                    MemorySegment.ofAddress(schema.memoryAddress()), level);
        }
    }

    /** {@link #toRecordBatch(VectorSchemaRoot, BufferAllocator, DictionaryProvider, ValidationLevel)} at FULL. */
    public static RecordBatch toRecordBatch(VectorSchemaRoot root, BufferAllocator allocator) {
        return toRecordBatch(root, allocator, null, ValidationLevel.FULL);
    }
}
