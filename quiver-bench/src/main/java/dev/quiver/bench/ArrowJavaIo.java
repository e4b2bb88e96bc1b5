package dev.quiver.bench;

import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writing IPC files with Apache Arrow Java the way its documentation shows. */
final class ArrowJavaIo {
    private ArrowJavaIo() {}

    /** Arrow Java's LZ4_FRAME and ZSTD codecs (arrow-compression). */
    static final CompressionCodec.Factory CODECS = CommonsCompressionFactory.INSTANCE;

    /** Writes one batch held in {@code root} as a file. */
    static void writeFile(WritableByteChannel out, VectorSchemaRoot root, DictionaryProvider dictionaries,
                          CompressionUtil.CodecType codec) throws IOException {
        // the codec factory knows only the compressing codecs: "none" is the writer without one
        try (ArrowFileWriter w = codec == CompressionUtil.CodecType.NO_COMPRESSION
                ? new ArrowFileWriter(root, dictionaries, out)
                : new ArrowFileWriter(root, dictionaries, out, Map.of(), IpcOption.DEFAULT, CODECS, codec)) {
            w.start();
            w.writeBatch();
            w.end();
        }
    }

    /**
     * Writes several batches as a file: each is loaded into the writer's root (zero-copy, the buffers are
     * retained) and written, as Arrow Java's writers write whatever their root holds.
     */
    static void writeFile(WritableByteChannel out, Schema schema, List<ArrowRecordBatch> batches,
                          DictionaryProvider dictionaries, BufferAllocator allocator) throws IOException {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
             ArrowFileWriter w = new ArrowFileWriter(root, dictionaries, out)) {
            VectorLoader loader = new VectorLoader(root);
            w.start();
            for (ArrowRecordBatch b : batches) {
                loader.load(b);
                w.writeBatch();
            }
            w.end();
        }
    }

    /** The record batches (retaining the buffers) of several roots. */
    static List<ArrowRecordBatch> unload(List<VectorSchemaRoot> roots) {
        List<ArrowRecordBatch> out = new ArrayList<>(roots.size());
        for (VectorSchemaRoot r : roots) out.add(new VectorUnloader(r).getRecordBatch());
        return out;
    }
}
