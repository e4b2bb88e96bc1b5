package dev.quiver.bench;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * W1 cities: write the one-batch file to memory with no compression, LZ4_FRAME and ZSTD (each codec's default
 * level), and read each back from memory touching every value. Each library reads back the file it wrote.
 * {@code readArrowCppLz4}: both read, from memory, the W1 LZ4_FRAME file as Arrow C++ writes it (PyArrow wrote it
 * from Quiver's uncompressed file in quiver-bench/run's prepare step; its frames use linked blocks).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class W1CitiesBenchmark {

    @State(Scope.Benchmark)
    public static class QuiverState {
        @Param({"none", "lz4", "zstd"})
        public String codec;

        RecordBatch batch;
        IpcWriteOptions options;
        MemorySink sink;
        byte[] file;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            batch = W1Cities.quiverBatch(W1Cities.values(W1Cities.rows()));
            options = Codec.of(codec).quiverOptions();
            sink = new MemorySink(W1Cities.rows() * 16);
            write(this);
            file = sink.toByteArray();
        }
    }

    @State(Scope.Benchmark)
    public static class ArrowJavaState {
        @Param({"none", "lz4", "zstd"})
        public String codec;

        BufferAllocator allocator;
        VectorSchemaRoot root;
        Codec c;
        MemorySink sink;
        byte[] file;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            allocator = new RootAllocator();
            root = W1Cities.arrowJavaRoot(allocator, W1Cities.values(W1Cities.rows()));
            c = Codec.of(codec);
            sink = new MemorySink(W1Cities.rows() * 16);
            write(this);
            file = sink.toByteArray();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            root.close();
            allocator.close();
        }
    }

    /** The W1 LZ4 file PyArrow wrote, in memory. */
    @State(Scope.Benchmark)
    public static class ArrowCppLz4 {
        byte[] file;
        BufferAllocator allocator;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path p = W1Cities.arrowCppLz4File();
            if (!Files.exists(p)) {
                throw new IllegalStateException(p + " is missing: PyArrow writes it (quiver-bench/run's prepare step, "
                        + "src/main/python/pyarrow_bench.py prepare)");
            }
            file = Files.readAllBytes(p);
            allocator = new RootAllocator();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            allocator.close();
        }
    }

    static int write(QuiverState s) throws IOException {
        s.sink.reset();
        try (RecordBatchFileWriter w = Ipc.newFile(s.sink, s.batch.schema(), s.options)) {
            w.write(s.batch);
        }
        return s.sink.size();
    }

    static int write(ArrowJavaState s) throws IOException {
        s.sink.reset();
        ArrowJavaIo.writeFile(s.sink, s.root, null, s.c.arrowJava);
        return s.sink.size();
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public int quiver_write(QuiverState s) throws IOException {
        return write(s);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public int arrowJava_write(ArrowJavaState s) throws IOException {
        return write(s);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public long quiver_read(QuiverState s) {
        return W1Cities.quiverRead(s.file);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public long arrowJava_read(ArrowJavaState s) throws IOException {
        return W1Cities.arrowJavaRead(s.file, s.allocator);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public long quiver_readArrowCppLz4(ArrowCppLz4 s) {
        return W1Cities.quiverRead(s.file);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public long arrowJava_readArrowCppLz4(ArrowCppLz4 s) throws IOException {
        return W1Cities.arrowJavaRead(s.file, s.allocator);
    }
}
