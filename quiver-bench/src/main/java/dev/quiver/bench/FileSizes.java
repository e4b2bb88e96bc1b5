package dev.quiver.bench;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.Ipc;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.io.IOException;

/**
 * Prints the sizes of the W1 files each library writes per codec, as report facts
 * ({@code w1.size.CODEC.LIB BYTES}). Run by quiver-bench/run.
 */
public final class FileSizes {
    private FileSizes() {}

    public static void main(String[] args) throws IOException {
        String[] values = W1Cities.values(W1Cities.rows());
        RecordBatch batch = W1Cities.quiverBatch(values);
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = W1Cities.arrowJavaRoot(allocator, values)) {
            for (Codec c : Codec.values()) {
                String name = c.name().toLowerCase(java.util.Locale.ROOT);
                MemorySink sink = new MemorySink(1 << 20);
                ArrowJavaIo.writeFile(sink, root, null, c.arrowJava);
                System.out.println("w1.size." + name + ".arrowJava " + sink.size());
                sink.reset();
                try (RecordBatchFileWriter w = Ipc.newFile(sink, batch.schema(), c.quiverOptions())) {
                    w.write(batch);
                }
                System.out.println("w1.size." + name + ".quiver " + sink.size());
            }
        }
    }
}
