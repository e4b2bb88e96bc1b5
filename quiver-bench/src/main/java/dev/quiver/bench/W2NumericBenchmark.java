package dev.quiver.bench;

import dev.quiver.array.Float64Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.cdata.CData;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
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
import java.util.concurrent.TimeUnit;

/**
 * W2 numeric: write the file to disk (no compression); read the file summing {@code b}; read the same data as a
 * stream from a file summing {@code b}. Both libraries read the same files (written once by Quiver, in the page
 * cache before each trial: {@link DataFiles#pretouch}); writes go to {@link Bench#scratch()}.
 *
 * <p>The C Data Interface row (issue 9): {@link #quiver_cDataExport} opens the W2 file with Quiver, exports every
 * batch to Arrow Java through {@code ArrowArray} (the schema once through {@code ArrowSchema}), imports it with
 * arrow-c-data into a {@code VectorSchemaRoot} and sums {@code b} on the Arrow Java side, sharing the mapped file's
 * buffers; {@link #arrowJava_cDataExport} is Arrow Java reading the same file itself (as
 * {@link #arrowJava_readFile}). {@link Report} shows them as the row {@code W2NumericBenchmark.cDataExport}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class W2NumericBenchmark {

    /** The shared input files. */
    @State(Scope.Benchmark)
    public static class Input {
        Path file;
        Path stream;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            file = W2Numeric.file();
            stream = W2Numeric.streamFile();
            DataFiles.pretouch(file);
            DataFiles.pretouch(stream);
        }
    }

    /** Quiver's batches in memory and where it writes them. */
    @State(Scope.Benchmark)
    public static class QuiverData {
        List<RecordBatch> batches;
        Path out;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            batches = W2Numeric.quiverBatches(W2Numeric.rows());
            out = Bench.scratch().resolve("w2-write-quiver.arrow");
        }

        /**
         * The previous invocation's output is removed before the clock starts: truncating a 285 MB file on open
         * costs the kernel more than writing it (measured with dd here), the same for both libraries, and is not
         * part of writing the IPC file.
         */
        @Setup(Level.Invocation)
        public void removePreviousOutput() throws IOException {
            Files.deleteIfExists(out);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            Files.deleteIfExists(out);
        }
    }

    @State(Scope.Benchmark)
    public static class ArrowJavaData {
        BufferAllocator allocator;
        List<VectorSchemaRoot> roots;
        List<ArrowRecordBatch> batches;
        Path out;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            allocator = new RootAllocator();
            roots = W2Numeric.arrowJavaBatches(allocator, W2Numeric.rows());
            batches = ArrowJavaIo.unload(roots);
            out = Bench.scratch().resolve("w2-write-arrowjava.arrow");
        }

        /** As {@link QuiverData#removePreviousOutput()}. */
        @Setup(Level.Invocation)
        public void removePreviousOutput() throws IOException {
            Files.deleteIfExists(out);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            batches.forEach(ArrowRecordBatch::close);
            roots.forEach(VectorSchemaRoot::close);
            allocator.close();
            Files.deleteIfExists(out);
        }
    }

    /** An allocator for Arrow Java's readers. */
    @State(Scope.Benchmark)
    public static class ArrowJavaAllocator {
        BufferAllocator allocator;

        @Setup(Level.Trial)
        public void setUp() {
            allocator = new RootAllocator();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            allocator.close();
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public long quiver_write(QuiverData d) throws IOException {
        try (RecordBatchFileWriter w = Ipc.newFile(d.out, d.batches.get(0).schema(), IpcWriteOptions.DEFAULT)) {
            for (RecordBatch b : d.batches) w.write(b);
        }
        return Files.size(d.out);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public long arrowJava_write(ArrowJavaData d) throws IOException {
        try (FileChannel ch = FileChannel.open(d.out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ArrowJavaIo.writeFile(ch, W2Numeric.arrowSchema(), d.batches, null, d.allocator);
        }
        return Files.size(d.out);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public double quiver_readFile(Input in) throws IOException {
        double sum = 0;
        try (RecordBatchFileReader r = Ipc.openFile(in.file)) {
            for (int i = 0; i < r.numRecordBatches(); i++) {
                try (RecordBatch batch = r.recordBatch(i)) {
                    sum += sum((Float64Array) batch.column(2));
                }
            }
        }
        return sum;
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public double arrowJava_readFile(Input in, ArrowJavaAllocator a) throws IOException {
        double sum = 0;
        try (FileChannel ch = FileChannel.open(in.file, StandardOpenOption.READ);
             ArrowFileReader r = new ArrowFileReader(ch, a.allocator)) {
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            while (r.loadNextBatch()) sum += sum((Float8Vector) root.getVector(2));
        }
        return sum;
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public double quiver_readStream(Input in) throws IOException {
        double sum = 0;
        try (RecordBatchStreamReader r = Ipc.openStream(in.stream)) {
            for (RecordBatch next; (next = r.readNext()) != null; ) {
                try (RecordBatch batch = next) {
                    sum += sum((Float64Array) batch.column(2));
                }
            }
        }
        return sum;
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public double arrowJava_readStream(Input in, ArrowJavaAllocator a) throws IOException {
        double sum = 0;
        try (FileChannel ch = FileChannel.open(in.stream, StandardOpenOption.READ);
             ArrowStreamReader r = new ArrowStreamReader(ch, a.allocator)) {
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            while (r.loadNextBatch()) sum += sum((Float8Vector) root.getVector(2));
        }
        return sum;
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public double quiver_cDataExport(Input in, ArrowJavaAllocator a) throws IOException {
        double sum = 0;
        try (RecordBatchFileReader r = Ipc.openFile(in.file);
             CDataDictionaryProvider dictionaries = new CDataDictionaryProvider()) {
            VectorSchemaRoot root;
            try (ArrowSchema schema = ArrowSchema.allocateNew(a.allocator)) {
                CData.exportSchema(r.schema(), schema.memoryAddress());
                root = Data.importVectorSchemaRoot(a.allocator, schema, dictionaries);
            }
            try (root) {
                for (int i = 0; i < r.numRecordBatches(); i++) {
                    try (RecordBatch batch = r.recordBatch(i); ArrowArray array = ArrowArray.allocateNew(a.allocator)) {
                        CData.exportBatch(batch, array.memoryAddress());
                        Data.importIntoVectorSchemaRoot(a.allocator, array, root, dictionaries);
                    }
                    sum += sum((Float8Vector) root.getVector(2));
                }
            }
        }
        return sum;
    }

    /** The baseline of {@link #quiver_cDataExport}: Arrow Java reads the file itself. */
    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE, Bench.ARROW_OPENS})
    public double arrowJava_cDataExport(Input in, ArrowJavaAllocator a) throws IOException {
        return arrowJava_readFile(in, a);
    }

    /** The touch loops are never inlined into the benchmark methods, for either library (see {@link W1Cities}). */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static double sum(Float64Array b) {
        double s = 0;
        for (int i = 0, n = b.length(); i < n; i++) s += b.get(i);
        return s;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static double sum(Float8Vector b) {
        double s = 0;
        for (int i = 0, n = b.getValueCount(); i < n; i++) s += b.get(i);
        return s;
    }
}
