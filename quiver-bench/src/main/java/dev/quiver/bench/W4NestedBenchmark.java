package dev.quiver.bench;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * W4 nested: write the file to memory (no compression) and read it back from memory touching every value. Each
 * library reads back the file it wrote.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class W4NestedBenchmark {

    @State(Scope.Benchmark)
    public static class QuiverState {
        List<RecordBatch> batches;
        MemorySink sink;
        byte[] file;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            batches = W4Nested.quiverBatches(W4Nested.rows());
            sink = new MemorySink(W4Nested.rows() * 48);
            write(this);
            file = sink.toByteArray();
        }
    }

    @State(Scope.Benchmark)
    public static class ArrowJavaState {
        BufferAllocator allocator;
        Dictionary dictionary;
        DictionaryProvider provider;
        List<VectorSchemaRoot> roots;
        List<ArrowRecordBatch> batches;
        MemorySink sink;
        byte[] file;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            allocator = new RootAllocator();
            dictionary = W4Nested.arrowJavaDictionary(allocator);
            provider = new DictionaryProvider.MapDictionaryProvider(dictionary);
            roots = W4Nested.arrowJavaBatches(allocator, W4Nested.rows());
            batches = ArrowJavaIo.unload(roots);
            sink = new MemorySink(W4Nested.rows() * 48);
            write(this);
            file = sink.toByteArray();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            batches.forEach(ArrowRecordBatch::close);
            roots.forEach(VectorSchemaRoot::close);
            dictionary.getVector().close();
            allocator.close();
        }
    }

    static int write(QuiverState s) throws IOException {
        s.sink.reset();
        try (RecordBatchFileWriter w = Ipc.newFile(s.sink, s.batches.get(0).schema(), IpcWriteOptions.DEFAULT)) {
            for (RecordBatch b : s.batches) w.write(b);
        }
        return s.sink.size();
    }

    static int write(ArrowJavaState s) throws IOException {
        s.sink.reset();
        ArrowJavaIo.writeFile(s.sink, W4Nested.arrowSchema(), s.batches, s.provider, s.allocator);
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
        return W4Nested.quiverRead(s.file);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public long arrowJava_read(ArrowJavaState s) throws IOException {
        return W4Nested.arrowJavaRead(s.file, s.allocator);
    }
}
