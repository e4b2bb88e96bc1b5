package dev.quiver.bench;

import dev.quiver.array.RecordBatch;
import dev.quiver.array.Utf8Array;
import dev.quiver.array.VarBinaryBuilder;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.type.ArrowTypes;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.openjdk.jmh.annotations.CompilerControl;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * W1 cities: one batch, one column {@code v: utf8}, each value drawn uniformly from seven French cities (the seed
 * notebook's compression example). "Touching every value" sums the strings' lengths.
 *
 * <p>The loops that touch the values are methods of their own that the JIT never inlines into their callers
 * ({@link CompilerControl.Mode#DONT_INLINE}), for every library: inlined into the method that also opens the file
 * and decodes the batch, they can be left with calls per value when C2's node budget runs out (see
 * quiver-bench/ANALYSIS.md, W3).
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
                    sum += lengths((Utf8Array) batch.column(0));
                }
            }
        }
        return sum;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long lengths(Utf8Array v) {
        long sum = 0;
        for (int i = 0, n = v.length(); i < n; i++) sum += v.valueLength(i);
        return sum;
    }

    /** Reads a file from memory with Arrow Java and sums the value lengths. */
    static long arrowJavaRead(byte[] file, BufferAllocator allocator) throws IOException {
        long sum = 0;
        try (ArrowFileReader r = new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(file), allocator,
                ArrowJavaIo.CODECS)) {
            for (ArrowBlock block : r.getRecordBlocks()) {
                r.loadRecordBatch(block);
                sum += lengths((VarCharVector) r.getVectorSchemaRoot().getVector(0));
            }
        }
        return sum;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long lengths(VarCharVector v) {
        long sum = 0;
        for (int i = 0, n = v.getValueCount(); i < n; i++) sum += v.getValueLength(i);
        return sum;
    }

    // ---- the input files: Quiver's W1 file per codec (what PyArrow reads), and the LZ4 file PyArrow writes ----

    /** Bump when the generated data changes, so that stale files are not reused. */
    private static final int VERSION = 1;

    /** The W1 file Quiver writes with {@code codec} (its default level), generated when missing. */
    static Path file(Codec codec) throws IOException {
        String name = "w1-v" + VERSION + "-" + rows() + "-" + codec.name().toLowerCase(java.util.Locale.ROOT) + ".arrow";
        return DataFiles.input(Bench.dir().resolve(name), target -> {
            Path tmp = DataFiles.temporary(target);
            RecordBatch batch = quiverBatch(values(rows()));
            try (RecordBatchFileWriter w = Ipc.newFile(tmp, batch.schema(), codec.quiverOptions())) {
                w.write(batch);
            }
            DataFiles.publish(tmp, target);
        });
    }

    /**
     * The W1 file as Arrow C++ writes it with LZ4_FRAME (linked blocks), written by PyArrow from
     * {@link #file(Codec) Quiver's uncompressed file} (quiver-bench/run's {@code prepare} step); there is no
     * generator on this side: without PyArrow the file does not exist and its rows are skipped.
     */
    static Path arrowCppLz4File() throws IOException {
        return Bench.dir().resolve("w1-v" + VERSION + "-" + rows() + "-lz4-arrowcpp.arrow");
    }

}
