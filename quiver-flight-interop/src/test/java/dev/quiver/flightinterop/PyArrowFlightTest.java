package dev.quiver.flightinterop;

import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.flight.Action;
import dev.quiver.flight.FlightCallOptions;
import dev.quiver.flight.FlightClient;
import dev.quiver.flight.FlightClientOptions;
import dev.quiver.flight.FlightDescriptor;
import dev.quiver.flight.FlightEndpoint;
import dev.quiver.flight.FlightException;
import dev.quiver.flight.FlightExchange;
import dev.quiver.flight.FlightInfo;
import dev.quiver.flight.FlightPutWriter;
import dev.quiver.flight.FlightServer;
import dev.quiver.flight.FlightStatusCode;
import dev.quiver.flight.FlightStreamReader;
import dev.quiver.flight.MemoryProducer;
import dev.quiver.flight.Result;
import dev.quiver.flight.ServerAuthenticator;
import dev.quiver.flight.TestCertificates;
import dev.quiver.flight.directory.DirectoryFlightProducer;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Flight between Quiver and PyArrow 25 (Arrow C++) in both directions, over every gold case of the Arrow test data:
 * a PyArrow client against Quiver's directory server (GetFlightInfo, DoGet of every endpoint, DoPut, ListFlights,
 * ListActions, DoAction) and against a Quiver server that keeps uploads (DoPut, GetFlightInfo, DoGet, DoExchange,
 * DoAction); a Quiver client against a PyArrow {@code FlightServerBase} (ListFlights, GetFlightInfo, DoGet, DoPut,
 * DoExchange, DoAction). Three configurations each way: uncompressed bodies in plaintext; LZ4 bodies with token
 * authentication; ZSTD bodies with TLS and token authentication. Values are compared, batch by batch, with what
 * each side reads from the gold files itself.
 */
class PyArrowFlightTest {
    @TempDir
    static Path dir;
    static TestCertificates.Pair cert;
    static final String TOKEN = "s3cret-token";

    /** One configuration: body codec (PyArrow's name), TLS, token. */
    record Config(String codec, boolean tls, boolean token) {
        CompressionType compression() {
            return switch (codec) {
                case "lz4" -> CompressionType.LZ4_FRAME;
                case "zstd" -> CompressionType.ZSTD;
                default -> null;
            };
        }

        @Override public String toString() {
            return codec + (tls ? " TLS" : " plaintext") + (token ? " token" : "");
        }
    }

    static final List<Config> CONFIGS = List.of(new Config("none", false, false), new Config("lz4", false, true),
            new Config("zstd", true, true));

    @BeforeAll
    static void certificates() throws Exception {
        PyArrowPeer.python();
        cert = TestCertificates.make(dir, "server")[0];
    }

    private static FlightServer quiverServer(dev.quiver.flight.FlightProducer producer, Config c) throws Exception {
        FlightServer.Builder b = FlightServer.builder(producer)
                .writeOptions(IpcWriteOptions.DEFAULT.withCompression(c.compression()));
        if (c.tls()) b.tls(cert.certificate(), cert.key());
        if (c.token()) b.authenticator(ServerAuthenticator.bearerToken(TOKEN));
        return b.start();
    }

    private static List<String> clientArgs(String mode, String uri, Config c) {
        List<String> args = new ArrayList<>(List.of(mode, uri, c.codec(), TestData.root().resolve("integration").toString()));
        if (c.tls()) args.addAll(List.of("--tls-root", cert.certificate().toString()));
        if (c.token()) args.addAll(List.of("--token", TOKEN));
        return args;
    }

    /** Dynamic tests of the client's "ok"/"fail" lines; other lines ("flights", "actions") go to {@code checks}. */
    private static List<DynamicTest> verdicts(String prefix, List<String> lines) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines) {
            String[] p = line.split("\t", 3);
            switch (p[0]) {
                case "ok" -> tests.add(DynamicTest.dynamicTest(prefix + p[1], () -> {}));
                case "fail" -> tests.add(DynamicTest.dynamicTest(prefix + p[1], () -> fail(p[1] + ": " + p[2])));
                default -> { }
            }
        }
        return tests;
    }

    private static String field(List<String> lines, String key) {
        for (String l : lines) if (l.startsWith(key + "\t")) return l.substring(key.length() + 1);
        if (lines.contains(key)) return "";
        return fail("the client printed no " + key + " line: " + lines);
    }

    // ---- PyArrow client, Quiver server ----

    @TestFactory
    List<DynamicTest> pyarrowClientQuiverDirectoryServer() throws Exception {
        List<TestData.GoldCase> cases = TestData.goldCases();
        Path served = dir.resolve("served");
        TreeSet<String> expected = new TreeSet<>();
        for (TestData.GoldCase c : cases) {
            Files.createDirectories(served.resolve(c.folder()));
            for (Path f : List.of(c.file(), c.stream())) {
                Files.copy(f, served.resolve(c.folder()).resolve(f.getFileName()));
                expected.add(c.folder() + "/" + f.getFileName());
            }
            expected.add("up/" + c + ".stream");
        }
        List<String> lines;
        try (FlightServer s = FlightServer.builder(new DirectoryFlightProducer(served,
                DirectoryFlightProducer.Options.DEFAULT.withBatchesPerEndpoint(2))).start()) {
            // PyArrow uploads with LZ4 bodies; the server stores them uncompressed
            lines = PyArrowPeer.runClient(Gold.lines(cases), clientArgs("directory", s.location().uri(),
                    new Config("lz4", false, false)));
        }
        List<DynamicTest> tests = new ArrayList<>(verdicts("PyArrow client, Quiver directory server: ", lines));
        tests.add(DynamicTest.dynamicTest("ListFlights lists every file, uploads too", () ->
                assertEquals(String.join(" ", expected), field(lines, "flights"))));
        tests.add(DynamicTest.dynamicTest("ListActions", () ->
                assertEquals("CancelFlightInfo RenewFlightEndpoint", field(lines, "actions"))));
        for (TestData.GoldCase c : cases) {
            tests.add(DynamicTest.dynamicTest("PyArrow's upload of " + c + " stored as Quiver reads the gold stream", () -> {
                Gold.Read stored = Gold.read(served.resolve("up").resolve(c + ".stream"), false);
                Gold.assertSame(c + " uploaded", Gold.stream(c), stored.schema(), stored.batches());
            }));
        }
        try (var files = Files.walk(served)) {
            List<Path> temps = files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
            tests.add(DynamicTest.dynamicTest("no upload leaves a temporary file", () -> assertEquals(List.of(), temps)));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> pyarrowClientQuiverServer() throws Exception {
        List<TestData.GoldCase> cases = TestData.goldCases();
        List<DynamicTest> tests = new ArrayList<>();
        for (Config c : CONFIGS) {
            MemoryProducer producer = new MemoryProducer();
            List<String> lines;
            try (FlightServer s = quiverServer(producer, c)) {
                String uri = c.tls() ? "grpc+tls://localhost:" + s.port() : s.location().uri();
                lines = PyArrowPeer.runClient(Gold.lines(cases), clientArgs("memory", uri, c));
            }
            String prefix = "PyArrow client, Quiver server, " + c + ": ";
            tests.addAll(verdicts(prefix, lines));
            tests.add(DynamicTest.dynamicTest(prefix + "ListFlights", () -> {
                TreeSet<String> names = new TreeSet<>();
                for (TestData.GoldCase g : cases) names.add(g.toString());
                assertEquals(String.join(" ", names), field(lines, "flights"));
            }));
            tests.add(DynamicTest.dynamicTest(prefix + "ListActions", () -> assertEquals("echo who", field(lines, "actions"))));
            if (c.token()) {
                tests.add(DynamicTest.dynamicTest(prefix + "the client saw a call without a token refused",
                        () -> assertTrue(lines.contains("ok\tunauthenticated call refused"), lines.toString())));
            }
            for (TestData.GoldCase g : cases) {
                tests.add(DynamicTest.dynamicTest(prefix + "the server received " + g + " as Quiver reads the gold stream", () -> {
                    MemoryProducer.Stored st = producer.flights.get(g.toString());
                    if (st == null) fail("nothing uploaded as " + g);
                    Gold.assertSame(g + " uploaded", Gold.stream(g), st.schema(), st.batches());
                }));
            }
        }
        return tests;
    }

    // ---- Quiver client, PyArrow server ----

    @TestFactory
    List<DynamicTest> quiverClientPyArrowServer() throws Exception {
        List<TestData.GoldCase> cases = TestData.goldCases();
        List<DynamicTest> tests = new ArrayList<>();
        for (Config c : CONFIGS) {
            List<String> args = new ArrayList<>(List.of(TestData.root().resolve("integration").toString(), c.codec()));
            if (c.tls()) args.addAll(List.of("--tls", cert.certificate().toString(), cert.key().toString()));
            if (c.token()) args.addAll(List.of("--token", TOKEN));
            List<String> names = cases.stream().map(Object::toString).toList();
            String prefix = "Quiver client, PyArrow server, " + c + ": ";
            List<Runnable> checks = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            try (PyArrowPeer.Server server = PyArrowPeer.Server.start(names, args)) {
                FlightClientOptions o = FlightClientOptions.DEFAULT
                        .withWrite(IpcWriteOptions.DEFAULT.withCompression(c.compression()));
                if (c.tls()) o = o.withTrustedCertificates(cert.certificate());
                String uri = (c.tls() ? "grpc+tls://localhost:" : "grpc://127.0.0.1:") + server.port;
                try (FlightClient client = FlightClient.connect(uri, o)) {
                    FlightCallOptions call = FlightCallOptions.DEFAULT;
                    if (c.token()) {
                        FlightException refused = assertThrows(FlightException.class, client::listFlights);
                        tests.add(DynamicTest.dynamicTest(prefix + "a call without a token is refused",
                                () -> assertEquals(FlightStatusCode.UNAUTHENTICATED, refused.code(), refused.toString())));
                        call = client.authenticateBasicToken("quiver", TOKEN);
                    }
                    List<String> listed = new ArrayList<>();
                    for (FlightInfo i : client.listFlights(new byte[0], call)) listed.add(String.join("/", i.descriptor().path()));
                    tests.add(DynamicTest.dynamicTest(prefix + "ListFlights", () -> assertEquals(names, listed)));
                    List<String> actions = client.listActions(call).stream().map(a -> a.type()).toList();
                    tests.add(DynamicTest.dynamicTest(prefix + "ListActions", () -> assertEquals(List.of("check"), actions)));
                    for (TestData.GoldCase g : cases) {
                        String what = prefix + g + " GetFlightInfo/DoGet/DoPut/DoExchange/DoAction";
                        try {
                            roundTrip(client, call, g);
                            tests.add(DynamicTest.dynamicTest(what, () -> {}));
                        } catch (Throwable t) {
                            tests.add(DynamicTest.dynamicTest(what, () -> { throw t; }));
                        }
                    }
                }
            }
        }
        return tests;
    }

    private static void roundTrip(FlightClient client, FlightCallOptions call, TestData.GoldCase g) throws Exception {
        Gold.Read gold = Gold.stream(g);
        long rows = gold.batches().stream().mapToLong(RecordBatch::numRows).sum();
        FlightInfo info = client.getFlightInfo(FlightDescriptor.path(g.folder(), g.name()), call);
        assertEquals(Gold.withoutDictionaryIds(gold.schema()), Gold.withoutDictionaryIds(info.schema()),
                g + ": GetFlightInfo schema");
        assertEquals(rows, info.totalRecords(), g + ": GetFlightInfo rows");
        assertEquals(1, info.endpoints().size());
        FlightEndpoint e = info.endpoints().getFirst();
        try (FlightStreamReader r = client.doGet(e.ticket(), call)) {
            List<RecordBatch> got = new ArrayList<>();
            for (RecordBatch b; (b = r.readNext()) != null; ) got.add(b.detach());
            Gold.assertSame(g + " DoGet", gold, r.schema(), got);
        }
        String up = "up/" + g;
        try (FlightPutWriter w = client.doPut(FlightDescriptor.path("up", g.folder(), g.name()), gold.schema(), call)) {
            w.writeAll(gold.batches());
            assertEquals(gold.batches().size(), w.finish().size(), g + ": one PutResult per batch");
        }
        List<Result> verdict = client.doAction(new Action("check", up + "\t" + g.stream()), call);
        assertEquals(List.of("ok"), verdict.stream().map(Result::bodyText).toList(), g + ": what PyArrow received");
        try (FlightExchange x = client.doExchange(FlightDescriptor.command("echo"), call)) {
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
