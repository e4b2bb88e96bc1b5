package dev.quiver.bench;

import dev.quiver.array.RecordBatch;
import dev.quiver.array.Utf8Array;
import dev.quiver.array.VarBinaryBuilder;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.Ipc;
import dev.quiver.type.ArrowTypes;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * W1 cities: one batch, one column {@code v: utf8}, each value drawn uniformly from seven French cities (the seed
 * notebook's compression example). "Touching every value" sums the strings' lengths.
 */
final class W1Cities {
    private W1Cities() {}

    static final String[] CITIES = {"Paris", "Montpellier", "Toulouse", "Angers", "Rennes", "Nantes", "Nice"};

    static int rows() {
        return Bench.rows(1_000_000, 5_000);
    }

    /** The column's values, from SplittableRandom(42). */
    static String[] values(int rows) {
        SplittableRandom random = new SplittableRandom(42);
        String[] v = new String[rows];
        for (int i = 0; i < rows; i++) v[i] = CITIES[random.nextInt(CITIES.length)];
        return v;
    }

    static RecordBatch quiverBatch(String[] values) {
        VarBinaryBuilder b = new VarBinaryBuilder(ArrowTypes.UTF8);
        for (String s : values) b.append(s);
        return RecordBatch.builder().add("v", b.buildArray()).build();
    }

    static VectorSchemaRoot arrowJavaRoot(BufferAllocator allocator, String[] values) {
        VarCharVector v = new VarCharVector("v", allocator);
        v.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
        v.setValueCount(values.length);
        return VectorSchemaRoot.of(v);
    }

    /** Reads a file from memory with Quiver (default options: FULL validation) and sums the value lengths. */
    static long quiverRead(byte[] file) {
        long sum = 0;
        try (RecordBatchFileReader r = Ipc.openFile(MemorySegment.ofArray(file))) {
            for (int b = 0; b < r.numRecordBatches(); b++) {
                try (RecordBatch batch = r.recordBatch(b)) {
                    Utf8Array v = (Utf8Array) batch.column(0);
                    for (int i = 0, n = v.length(); i < n; i++) sum += v.valueLength(i);
                }
            }
        }
        return sum;
    }

    /** Reads a file from memory with Arrow Java and sums the value lengths. */
    static long arrowJavaRead(byte[] file, BufferAllocator allocator) throws IOException {
        long sum = 0;
        try (ArrowFileReader r = new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(file), allocator,
                ArrowJavaIo.CODECS)) {
            for (ArrowBlock block : r.getRecordBlocks()) {
                r.loadRecordBatch(block);
                VarCharVector v = (VarCharVector) r.getVectorSchemaRoot().getVector(0);
                for (int i = 0, n = v.getValueCount(); i < n; i++) sum += v.getValueLength(i);
            }
        }
        return sum;
    }
}
