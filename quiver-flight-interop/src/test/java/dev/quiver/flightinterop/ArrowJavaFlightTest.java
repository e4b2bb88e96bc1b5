package dev.quiver.flightinterop;

import dev.quiver.array.RecordBatch;
import dev.quiver.flight.FlightCallOptions;
import dev.quiver.flight.FlightClientOptions;
import dev.quiver.flight.FlightExchange;
import dev.quiver.flight.FlightInfo;
import dev.quiver.flight.FlightPutWriter;
import dev.quiver.flight.FlightServer;
import dev.quiver.flight.FlightStreamReader;
import dev.quiver.flight.MemoryProducer;
import dev.quiver.flight.ServerAuthenticator;
import dev.quiver.flight.TestCertificates;
import dev.quiver.flight.directory.DirectoryFlightProducer;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.testing.TestData;
import org.apache.arrow.flight.AsyncPutListener;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Flight between Quiver and Arrow Java 19 ({@code org.apache.arrow:flight-core}) in both directions, over every gold
 * case Arrow Java can represent: Arrow Java's FlightClient calls ListFlights, GetFlightInfo, DoGet, DoPut,
 * DoExchange, ListActions and DoAction on Quiver servers, and Quiver's client calls the same on an Arrow Java
 * FlightServer; in plaintext, and with TLS and token authentication (Arrow Java's basic-to-bearer
 * {@code GeneratedBearerTokenAuthenticator} on its server, its {@code authenticateBasicToken} as client).
 * Uncompressed bodies only: Arrow Java 19's Flight neither writes compressed bodies (its stream listeners take an
 * IpcOption, which has no codec) nor reads them (its FlightStream builds its VectorLoader without a compression
 * factory). Whatever Arrow Java
 * received is written again by Arrow Java's IPC stream writer and read by Quiver, and must equal what Quiver
 * reads from the gold stream.
 *
 * <p>Both run in this JVM: Arrow Java 19's Flight asks for grpc-java and Netty 4.2, and with the project's
 * grpc-bom all of gRPC resolves to the one version Quiver uses (1.85.1); Quiver's transport is grpc-netty-shaded
 * (its own relocated Netty), Arrow Java's grpc-netty with the plain Netty, so the two do not clash.
 */
class ArrowJavaFlightTest {
    /** Gold cases Arrow Java 19 cannot represent (see quiver-interop's GoldCases for the errors it gives). */
    static final Set<String> ARROW_JAVA_CANNOT = Set.of(
            "decimal32", "decimal64",   // no 32/64-bit decimal vectors: it refuses the schema
            "duplicate_fieldnames",     // its struct vector keys children by name: one child of two
            "nested_dictionary");       // dictionaries inside dictionaries (ARROW-7779): its Flight writer sends
                                        // the inner one under the name '$data$' and never sends its dictionary

    @TempDir
    static Path dir;
    static TestCertificates.Pair cert;
    static BufferAllocator allocator;
    static final String TOKEN = "arrow-java-token";

    record Config(boolean tls, boolean token) {
        @Override public String toString() { return (tls ? "TLS" : "plaintext") + (token ? " token" : ""); }
    }

    static final List<Config> CONFIGS = List.of(new Config(false, false), new Config(true, true));

    @BeforeAll
    static void start() throws Exception {
        cert = TestCertificates.make(dir, "server")[0];
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        allocator.close();
    }

    static List<TestData.GoldCase> cases() {
        return TestData.goldCases().stream().filter(c -> !ARROW_JAVA_CANNOT.contains(c.name())).toList();
    }

    /** What Arrow Java received, as its IPC writer wrote it, read by Quiver and compared with the gold stream. */
    static void assertArrowJavaGot(String what, TestData.GoldCase c, byte[] ipc) throws Exception {
        try (RecordBatchStreamReader r = Ipc.openStream(ipc)) {
            List<RecordBatch> got = new ArrayList<>();
            for (RecordBatch b : r.readAll().batches()) got.add(b.detach());
            Gold.assertSame(what, Gold.stream(c), r.schema(), got);
        }
    }

    private static FlightClient arrowJavaClient(int port, Config c) throws Exception {
        FlightClient.Builder b = FlightClient.builder().allocator(allocator)
                .location(c.tls() ? Location.forGrpcTls("localhost", port) : Location.forGrpcInsecure("127.0.0.1", port));
        if (c.tls()) {
            try (InputStream in = Files.newInputStream(cert.certificate())) {
                b.trustedCertificates(in);
                return b.build();
            }
        }
        return b.build();
    }

    // ---- Arrow Java client, Quiver server ----

    @TestFactory
    List<DynamicTest> arrowJavaClientQuiverServer() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Config c : CONFIGS) {
            MemoryProducer producer = new MemoryProducer();
            FlightServer.Builder sb = FlightServer.builder(producer);
            if (c.tls()) sb.tls(cert.certificate(), cert.key());
            if (c.token()) sb.authenticator(ServerAuthenticator.bearerToken(TOKEN));
            String prefix = "Arrow Java client, Quiver server, " + c + ": ";
            try (FlightServer server = sb.start(); FlightClient client = arrowJavaClient(server.port(), c)) {
                CallOption[] call = {};
                if (c.token()) {
                    FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                            () -> client.listActions().forEach(a -> { }));
                    tests.add(DynamicTest.dynamicTest(prefix + "a call without a token is refused",
                            () -> assertEquals(FlightStatusCode.UNAUTHENTICATED, refused.status().code())));
                    call = new CallOption[] {client.authenticateBasicToken("arrow-java", TOKEN).orElseThrow()};
                }
                for (TestData.GoldCase g : cases()) {
                    String what = prefix + g + " DoPut/GetFlightInfo/DoGet/DoExchange";
                    try {
                        arrowJavaRoundTrip(client, call, producer, g);
                        tests.add(DynamicTest.dynamicTest(what, () -> { }));
                    } catch (Throwable t) {
                        tests.add(DynamicTest.dynamicTest(what, () -> { throw t; }));
                    }
                }
                List<String> listed = new ArrayList<>();
                client.listFlights(org.apache.arrow.flight.Criteria.ALL, call)
                        .forEach(i -> listed.add(String.join("/", i.getDescriptor().getPath())));
                List<String> expected = cases().stream().map(Object::toString).sorted().toList();
                tests.add(DynamicTest.dynamicTest(prefix + "ListFlights", () -> assertEquals(expected, listed.stream().sorted().toList())));
                List<String> actions = new ArrayList<>();
                client.listActions(call).forEach(a -> actions.add(a.getType()));
                tests.add(DynamicTest.dynamicTest(prefix + "ListActions", () -> assertEquals(List.of("echo", "who"), actions)));
                List<String> echoed = new ArrayList<>();
                client.doAction(new org.apache.arrow.flight.Action("echo", "hi arrow java".getBytes()), call)
                        .forEachRemaining(r -> echoed.add(new String(r.getBody())));
                tests.add(DynamicTest.dynamicTest(prefix + "DoAction", () -> assertEquals(List.of("hi arrow java"), echoed)));
            }
        }
        return tests;
    }

    private static void arrowJavaRoundTrip(FlightClient client, CallOption[] call, MemoryProducer producer,
                                           TestData.GoldCase g) throws Exception {
        FlightDescriptor d = FlightDescriptor.path(g.folder(), g.name());
        try (ArrowStreamReader r = ArrowJavaPeer.open(g, allocator)) {
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            boolean more = r.loadNextBatch(); // Arrow Java sends the dictionaries when the put starts
            FlightClient.ClientStreamListener put = client.startPut(d, root, r, new AsyncPutListener(), call);
            while (more) {
                put.putNext();
                more = r.loadNextBatch();
            }
            put.completed();
            put.getResult();
        }
        MemoryProducer.Stored st = producer.flights.get(g.toString());
        Gold.assertSame(g + " received by Quiver", Gold.stream(g), st.schema(), st.batches());
        org.apache.arrow.flight.FlightInfo info = client.getInfo(d, call);
        assertEquals(st.batches().stream().mapToLong(RecordBatch::numRows).sum(), info.getRecords(), g + ": rows");
        FlightEndpoint e = info.getEndpoints().getFirst();
        try (FlightStream s = client.getStream(e.getTicket(), call)) {
            assertArrowJavaGot(g + " DoGet by Arrow Java", g, ArrowJavaPeer.drain(s));
        }
        // DoExchange: Quiver's MemoryProducer echoes the batches
        try (ArrowStreamReader r = ArrowJavaPeer.open(g, allocator)) {
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            boolean more = r.loadNextBatch();
            FlightClient.ExchangeReaderWriter x = client.doExchange(FlightDescriptor.command("echo".getBytes()), call);
            x.getWriter().start(root, r);
            List<Integer> rows = new ArrayList<>();
            while (more) {
                x.getWriter().putNext();
                rows.add(root.getRowCount());
                more = r.loadNextBatch();
            }
            x.getWriter().completed();
            List<Integer> back = new ArrayList<>();
            while (x.getReader().next()) back.add(x.getReader().getRoot().getRowCount());
            assertEquals(rows, back, g + ": DoExchange echo row counts");
            x.close();
        }
    }

    @TestFactory
    List<DynamicTest> arrowJavaClientQuiverDirectoryServer() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        try (FlightServer server = FlightServer.builder(new DirectoryFlightProducer(TestData.root().resolve("integration"),
                DirectoryFlightProducer.Options.DEFAULT.withBatchesPerEndpoint(2))).start();
             FlightClient client = arrowJavaClient(server.port(), CONFIGS.getFirst())) {
            for (TestData.GoldCase g : cases()) {
                String what = "Arrow Java client, Quiver directory server: " + g + " GetFlightInfo/DoGet of every endpoint";
                try {
                    org.apache.arrow.flight.FlightInfo info = client.getInfo(
                            FlightDescriptor.path(g.folder(), "generated_" + g.name() + ".stream"));
                    Gold.Read gold = Gold.stream(g);
                    assertEquals(Math.max(1, (gold.batches().size() + 1) / 2), info.getEndpoints().size(), "endpoints");
                    List<RecordBatch> got = new ArrayList<>();
                    dev.quiver.type.Schema schema = null;
                    for (FlightEndpoint e : info.getEndpoints()) {
                        try (FlightStream s = client.getStream(e.getTicket());
                             RecordBatchStreamReader r = Ipc.openStream(ArrowJavaPeer.drain(s))) {
                            schema = r.schema();
                            for (RecordBatch b : r.readAll().batches()) got.add(b.detach());
                        }
                    }
                    Gold.assertSame(g + " DoGet", gold, schema, got);
                    tests.add(DynamicTest.dynamicTest(what, () -> { }));
                } catch (Throwable t) {
                    tests.add(DynamicTest.dynamicTest(what, () -> { throw t; }));
                }
            }
        }
        return tests;
    }

    // ---- Quiver client, Arrow Java server ----

    @TestFactory
    List<DynamicTest> quiverClientArrowJavaServer() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Config c : CONFIGS) {
            ArrowJavaPeer.Producer producer = new ArrowJavaPeer.Producer(allocator, cases());
            org.apache.arrow.flight.FlightServer.Builder b = org.apache.arrow.flight.FlightServer.builder()
                    .allocator(allocator).producer(producer)
                    .location(c.tls() ? Location.forGrpcTls("127.0.0.1", 0) : Location.forGrpcInsecure("127.0.0.1", 0));
            if (c.tls()) b.useTls(cert.certificate().toFile(), cert.key().toFile());
            if (c.token()) {
                b.headerAuthenticator(new GeneratedBearerTokenAuthenticator(new BasicCallHeaderAuthenticator((user, password) -> {
                    if (!TOKEN.equals(password)) throw CallStatus.UNAUTHENTICATED.withDescription("wrong password").toRuntimeException();
                    return () -> user;
                })));
            }
            String prefix = "Quiver client, Arrow Java server, " + c + ": ";
            try (org.apache.arrow.flight.FlightServer server = b.build().start()) {
                FlightClientOptions o = FlightClientOptions.DEFAULT;
                if (c.tls()) o = o.withTrustedCertificates(cert.certificate());
                String uri = (c.tls() ? "grpc+tls://localhost:" : "grpc://127.0.0.1:") + server.getPort();
                try (dev.quiver.flight.FlightClient client = dev.quiver.flight.FlightClient.connect(uri, o)) {
                    FlightCallOptions call = FlightCallOptions.DEFAULT;
                    if (c.token()) {
                        dev.quiver.flight.FlightException refused = assertThrows(dev.quiver.flight.FlightException.class, client::listActions);
                        tests.add(DynamicTest.dynamicTest(prefix + "a call without a token is refused",
                                () -> assertEquals(dev.quiver.flight.FlightStatusCode.UNAUTHENTICATED, refused.code())));
                        call = client.authenticateBasicToken("quiver", TOKEN);
                    }
                    List<String> listed = new ArrayList<>();
                    for (FlightInfo i : client.listFlights(new byte[0], call)) listed.add(String.join("/", i.descriptor().path()));
                    List<String> names = cases().stream().map(Object::toString).toList();
                    tests.add(DynamicTest.dynamicTest(prefix + "ListFlights", () -> assertEquals(names, listed)));
                    List<String> actions = client.listActions(call).stream().map(a -> a.type()).toList();
                    tests.add(DynamicTest.dynamicTest(prefix + "ListActions", () -> assertEquals(List.of("echo"), actions)));
                    List<String> echoed = client.doAction(new dev.quiver.flight.Action("echo", "hi quiver"), call)
                            .stream().map(dev.quiver.flight.Result::bodyText).toList();
                    tests.add(DynamicTest.dynamicTest(prefix + "DoAction", () -> assertEquals(List.of("hi quiver"), echoed)));
                    for (TestData.GoldCase g : cases()) {
                        String what = prefix + g + " GetFlightInfo/DoGet/DoPut/DoExchange";
                        try {
                            quiverRoundTrip(client, call, producer, g);
                            tests.add(DynamicTest.dynamicTest(what, () -> { }));
                        } catch (Throwable t) {
                            tests.add(DynamicTest.dynamicTest(what, () -> { throw t; }));
                        }
                    }
                }
            }
        }
        return tests;
    }

    private static void quiverRoundTrip(dev.quiver.flight.FlightClient client, FlightCallOptions call,
                                        ArrowJavaPeer.Producer producer, TestData.GoldCase g) throws Exception {
        Gold.Read gold = Gold.stream(g);
        FlightInfo info = client.getFlightInfo(dev.quiver.flight.FlightDescriptor.path(g.folder(), g.name()), call);
        assertEquals(Gold.withoutDictionaryIds(gold.schema()), Gold.withoutDictionaryIds(info.schema()), g + ": GetFlightInfo schema");
        assertEquals(gold.batches().stream().mapToLong(RecordBatch::numRows).sum(), info.totalRecords(), g + ": rows");
        try (FlightStreamReader r = client.doGet(info.endpoints().getFirst().ticket(), call)) {
            List<RecordBatch> got = new ArrayList<>();
            for (RecordBatch b; (b = r.readNext()) != null; ) got.add(b.detach());
            Gold.assertSame(g + " DoGet from Arrow Java", gold, r.schema(), got);
        }
        try (FlightPutWriter w = client.doPut(dev.quiver.flight.FlightDescriptor.path("up", g.folder(), g.name()), gold.schema(), call)) {
            w.writeAll(gold.batches());
            assertEquals(gold.batches().size(), w.finish().size(), g + ": one PutResult per batch");
        }
        assertArrowJavaGot(g + " DoPut received by Arrow Java", g, producer.uploads.get("up/" + g));
        try (FlightExchange x = client.doExchange(dev.quiver.flight.FlightDescriptor.command("echo"), call)) {
            x.writer().begin(gold.schema());
            for (RecordBatch b : gold.batches()) {
                x.writer().write(b);
                assertNull(Gold.compare(b, x.reader().readNext()), g + ": DoExchange echo");
            }
            x.writer().doneWriting();
            assertNull(x.reader().readNext());
        }
    }
}
