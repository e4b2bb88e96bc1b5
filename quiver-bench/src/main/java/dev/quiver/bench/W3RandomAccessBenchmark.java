package dev.quiver.bench;

import dev.quiver.array.Int32Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.Ipc;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * W3 random access on the W2 file. {@code access}: with the file open, load the next of 1,000 random batch
 * indices (SplittableRandom(42), cycling) and sum its {@code a}; the score is the time of one access.
 * {@code openToBatch0}: open the file, hold batch 0 (read one value of it), close. The file is in the page cache
 * before each trial ({@link DataFiles#pretouch}); {@code access} maps it once per trial, {@code openToBatch0} once
 * per operation.
 *
 * <p>The sums are methods the JIT never inlines into the benchmark methods, for both libraries: inlined below
 * {@code recordBatch}, whose decoding and validation use up C2's node budget, the segment load of the sum loop
 * was left as a call per value (about 270 µs instead of 15 µs per access, depending on the order in which C2
 * compiled {@code quiver_access} and {@code recordBatch}; quiver-bench/ANALYSIS.md has the evidence).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class W3RandomAccessBenchmark {
    static final int ACCESSES = 1_000;

    /** The 1,000 random batch indices and a cursor over them. */
    @State(Scope.Thread)
    public static class Indices {
        int[] indices;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            indices = indices();
        }

        int next() {
            int i = indices[next];
            next = next + 1 == ACCESSES ? 0 : next + 1;
            return i;
        }
    }

    /** The 1,000 random batch indices of W2's batches, from SplittableRandom(42). */
    static int[] indices() {
        int batches = W2Numeric.batches(W2Numeric.rows());
        SplittableRandom random = new SplittableRandom(42);
        int[] indices = new int[ACCESSES];
        for (int i = 0; i < ACCESSES; i++) indices[i] = random.nextInt(batches);
        return indices;
    }

    /** The same indices, one per line, for PyArrow's accesses (generated when missing). */
    static Path indicesFile() throws IOException {
        Path file = Bench.dir().resolve("w3-indices-v1-" + W2Numeric.batches(W2Numeric.rows()) + ".txt");
        return DataFiles.input(file, target -> {
            StringBuilder sb = new StringBuilder();
            for (int i : indices()) sb.append(i).append('\n');
            Path tmp = DataFiles.temporary(target);
            Files.writeString(tmp, sb);
            DataFiles.publish(tmp, target);
        });
    }

    @State(Scope.Benchmark)
    public static class QuiverOpen {
        Path path;
        RecordBatchFileReader reader;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            path = W2Numeric.file();
            DataFiles.pretouch(path);
            reader = Ipc.openFile(path);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            reader.close();
        }
    }

    @State(Scope.Benchmark)
    public static class ArrowJavaOpen {
        Path path;
        BufferAllocator allocator;
        FileChannel channel;
        ArrowFileReader reader;
        List<ArrowBlock> blocks;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            path = W2Numeric.file();
            DataFiles.pretouch(path);
            allocator = new RootAllocator();
            channel = FileChannel.open(path, StandardOpenOption.READ);
            reader = new ArrowFileReader(channel, allocator);
            blocks = reader.getRecordBlocks();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            reader.close();
            channel.close();
            allocator.close();
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public long quiver_access(QuiverOpen f, Indices ix) {
        try (RecordBatch batch = f.reader.recordBatch(ix.next())) {
            return sum((Int32Array) batch.column(1));
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public long arrowJava_access(ArrowJavaOpen f, Indices ix) throws IOException {
        f.reader.loadRecordBatch(f.blocks.get(ix.next()));
        return sum((IntVector) f.reader.getVectorSchemaRoot().getVector(1));
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public int quiver_openToBatch0(QuiverOpen f) throws IOException {
        try (RecordBatchFileReader r = Ipc.openFile(f.path); RecordBatch batch = r.recordBatch(0)) {
            return ((Int32Array) batch.column(1)).get(0);
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public int arrowJava_openToBatch0(ArrowJavaOpen f) throws IOException {
        try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ);
             ArrowFileReader r = new ArrowFileReader(ch, f.allocator)) {
            r.loadRecordBatch(r.getRecordBlocks().get(0));
            return ((IntVector) r.getVectorSchemaRoot().getVector(1)).get(0);
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long sum(Int32Array a) {
        long s = 0;
        for (int i = 0, n = a.length(); i < n; i++) s += a.get(i);
        return s;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long sum(IntVector a) {
        long s = 0;
        for (int i = 0, n = a.getValueCount(); i < n; i++) s += a.get(i);
        return s;
    }
}
