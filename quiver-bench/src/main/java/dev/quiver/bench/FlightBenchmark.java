package dev.quiver.bench;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.cli.Main;
import dev.quiver.flight.FlightClient;
import dev.quiver.flight.FlightDescriptor;
import dev.quiver.flight.FlightInfo;
import dev.quiver.flight.FlightPutWriter;
import dev.quiver.flight.FlightStreamReader;
import dev.quiver.flight.Ticket;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchFileWriter;
import org.apache.arrow.flight.AsyncPutListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Arrow Flight over loopback, server and client in separate processes ({@link FlightPeer}):
 * <ul>
 *   <li>F1 {@code doGet}: DoGet of the W2 file (one endpoint), Quiver server → Quiver client and Arrow Java →
 *       Arrow Java (PyArrow → PyArrow in pyarrow_bench.py); {@code doGetZstd} the same of the W2 ZSTD file
 *       (Arrow Java 19's Flight has no compression);</li>
 *   <li>F2 {@code doPut}: DoPut of W2's batches (held in memory) to a server that reads and drops them;</li>
 *   <li>F3 {@code smallCall}: GetFlightInfo + DoGet of a one-row file, sampled (p50/p99 in JMH's percentiles);</li>
 *   <li>F4 {@code flightGet4} / {@code flightGet1}: {@code quiver flight get} of W2 served as 4 endpoints (4 at once)
 *       vs one, to a file in the scratch directory;</li>
 *   <li>{@code doGet8Clients}: 8 clients DoGet W2 at once; the counter {@code serverRssAnonGrowthKiB} is the
 *       server's largest RssAnon during the call minus before it (the file is mapped, not copied per client).</li>
 * </ul>
 * Throughput in GB/s is the W2 file's size ÷ the time per operation; the report computes it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class FlightBenchmark {

    /** A Quiver server over the data directory, one endpoint per file. */
    @State(Scope.Benchmark)
    public static class QuiverPeer {
        FlightPeer.Process server;
        FlightClient client;
        Ticket w2;
        Ticket w2zstd;
        List<RecordBatch> batches;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path file = W2Numeric.file();
            Path zstd = W2Numeric.zstdFile();
            DataFiles.pretouch(file);
            DataFiles.pretouch(zstd);
            server = FlightPeer.Process.start("quiver", file.getParent().toString(), "100000");
            client = FlightClient.connect("grpc://127.0.0.1:" + server.port);
            w2 = only(client.getFlightInfo(FlightDescriptor.path(file.getFileName().toString())));
            w2zstd = only(client.getFlightInfo(FlightDescriptor.path(zstd.getFileName().toString())));
            batches = W2Numeric.quiverBatches(W2Numeric.rows());
        }

        static Ticket only(FlightInfo info) {
            if (info.endpoints().size() != 1) throw new IllegalStateException("expected one endpoint: " + info);
            return info.endpoints().getFirst().ticket();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            client.close();
            server.close();
        }
    }

    /** Arrow Java's server of the W2 file, its client, and W2's batches for DoPut. */
    @State(Scope.Benchmark)
    public static class ArrowJavaPeer {
        BufferAllocator allocator;
        FlightPeer.Process server;
        org.apache.arrow.flight.FlightClient client;
        List<VectorSchemaRoot> roots;
        List<ArrowRecordBatch> batches;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path file = W2Numeric.file();
            DataFiles.pretouch(file);
            allocator = new RootAllocator();
            server = FlightPeer.Process.start("arrow-java", file.toString());
            client = org.apache.arrow.flight.FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", server.port)).build();
            roots = W2Numeric.arrowJavaBatches(allocator, W2Numeric.rows());
            batches = ArrowJavaIo.unload(roots);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            client.close();
            server.close();
            for (ArrowRecordBatch b : batches) b.close();
            for (VectorSchemaRoot r : roots) r.close();
            allocator.close();
        }
    }

    /** A Quiver server over a directory holding one file of one row (F3). */
    @State(Scope.Benchmark)
    public static class SmallPeer {
        FlightPeer.Process server;
        FlightClient client;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path dir = Bench.scratch().resolve("flight-small");
            Files.createDirectories(dir);
            RecordBatch one = RecordBatch.builder().add("id", Arrow.int64(1L)).add("b", Arrow.float64(0.5)).build();
            try (RecordBatchFileWriter w = Ipc.newFile(dir.resolve("one-row.arrow"), one.schema(), dev.quiver.ipc.IpcWriteOptions.DEFAULT)) {
                w.write(one);
            }
            server = FlightPeer.Process.start("quiver", dir.toString(), "64");
            client = FlightClient.connect("grpc://127.0.0.1:" + server.port);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            client.close();
            server.close();
            Files.deleteIfExists(Bench.scratch().resolve("flight-small").resolve("one-row.arrow"));
        }
    }

    /** Servers of W2 as 4 endpoints and as one, for {@code quiver flight get} (F4). */
    @State(Scope.Benchmark)
    public static class SplitPeers {
        FlightPeer.Process four;
        FlightPeer.Process one;
        String name;
        Path out;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path file = W2Numeric.file();
            DataFiles.pretouch(file);
            name = file.getFileName().toString();
            int batches;
            try (var r = Ipc.openFile(file)) {
                batches = r.numRecordBatches();
            }
            four = FlightPeer.Process.start("quiver", file.getParent().toString(), Integer.toString((batches + 3) / 4));
            one = FlightPeer.Process.start("quiver", file.getParent().toString(), "100000");
            out = Bench.scratch().resolve("flight-get.arrow");
        }

        @Setup(Level.Invocation)
        public void removePreviousOutput() throws IOException {
            Files.deleteIfExists(out);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            four.close();
            one.close();
            Files.deleteIfExists(out);
        }
    }

    /** The server's RssAnon growth during the last call of {@link #quiver_doGet8Clients}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ServerMemory {
        public long serverRssAnonGrowthKiB;
    }

    static long drain(FlightStreamReader r) {
        long rows = 0;
        for (RecordBatch b; (b = r.readNext()) != null; ) {
            rows += b.numRows();
            b.close();
        }
        return rows;
    }

    @Benchmark
    public long quiver_doGet(QuiverPeer p) {
        try (FlightStreamReader r = p.client.doGet(p.w2)) {
            return drain(r);
        }
    }

    @Benchmark
    public long quiver_doGetZstd(QuiverPeer p) {
        try (FlightStreamReader r = p.client.doGet(p.w2zstd)) {
            return drain(r);
        }
    }

    @Benchmark
    public long arrowJava_doGet(ArrowJavaPeer p) throws Exception {
        long rows = 0;
        try (FlightStream s = p.client.getStream(new org.apache.arrow.flight.Ticket(new byte[] {'w'}))) {
            while (s.next()) rows += s.getRoot().getRowCount();
        }
        return rows;
    }

    @Benchmark
    public int quiver_doPut(QuiverPeer p) {
        try (FlightPutWriter w = p.client.doPut(FlightDescriptor.path("upload.arrow"), p.batches.getFirst().schema())) {
            w.writeAll(p.batches);
            return w.finish().size();
        }
    }

    @Benchmark
    public int arrowJava_doPut(ArrowJavaPeer p) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(p.roots.getFirst().getSchema(), p.allocator)) {
            VectorLoader loader = new VectorLoader(root);
            org.apache.arrow.flight.FlightClient.ClientStreamListener put = p.client.startPut(
                    org.apache.arrow.flight.FlightDescriptor.path("upload"), root, new AsyncPutListener());
            for (ArrowRecordBatch b : p.batches) {
                loader.load(b);
                put.putNext();
            }
            put.completed();
            put.getResult();
            return p.batches.size();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long quiver_smallCall(SmallPeer p) {
        FlightInfo info = p.client.getFlightInfo(FlightDescriptor.path("one-row.arrow"));
        try (FlightStreamReader r = p.client.doGet(info.endpoints().getFirst().ticket())) {
            return drain(r);
        }
    }

    private static int flightGet(String uri, String name, Path out, int parallel) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int rc = Main.run(java.io.InputStream.nullInputStream(), sink, sink, "flight", "get", uri, name, out.toString(),
                "--parallel", Integer.toString(parallel));
        if (rc != 0) throw new IllegalStateException("quiver flight get failed (" + rc + "): " + sink);
        return rc;
    }

    @Benchmark
    public int quiver_flightGet4(SplitPeers p) {
        return flightGet("grpc://127.0.0.1:" + p.four.port, p.name, p.out, 4);
    }

    @Benchmark
    public int quiver_flightGet1(SplitPeers p) {
        return flightGet("grpc://127.0.0.1:" + p.one.port, p.name, p.out, 1);
    }

    @Benchmark
    public long quiver_doGet8Clients(QuiverPeer p, ServerMemory m) throws Exception {
        long before = p.server.rssAnonKiB();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    try (FlightStreamReader r = p.client.doGet(p.w2)) {
                        return drain(r);
                    }
                }));
            }
            long peak = before;
            long rows = 0;
            for (Future<Long> f : calls) {
                while (!f.isDone()) {
                    peak = Math.max(peak, p.server.rssAnonKiB());
                    Thread.sleep(5);
                }
                rows += f.get();
            }
            m.serverRssAnonGrowthKiB = Math.max(m.serverRssAnonGrowthKiB, peak - before);
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }
}
