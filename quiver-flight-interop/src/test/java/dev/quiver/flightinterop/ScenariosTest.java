package dev.quiver.flightinterop;

import dev.quiver.array.RecordBatch;
import dev.quiver.flight.Action;
import dev.quiver.flight.CancelStatus;
import dev.quiver.flight.FlightException;
import dev.quiver.flight.FlightStatusCode;
import dev.quiver.flight.Result;
import dev.quiver.flight.FlightCallOptions;
import dev.quiver.flight.FlightClient;
import dev.quiver.flight.FlightDescriptor;
import dev.quiver.flight.FlightEndpoint;
import dev.quiver.flight.FlightExchange;
import dev.quiver.flight.FlightInfo;
import dev.quiver.flight.FlightServer;
import dev.quiver.flight.FlightStreamReader;
import dev.quiver.flight.PollInfo;
import dev.quiver.array.Arrow;
import dev.quiver.flight.FlightChunk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Flight integration scenarios (archery's: ordered, expiration_time, poll_flight_info,
 * app_metadata_flight_info_endpoint, do_exchange:echo, middleware) with {@link ScenarioProducer} as Quiver's
 * server side (and auth:basic_proto with {@link BasicProtoProducer}, on its own server, with all three clients), and as client sides Quiver's client (here), Arrow Java 19's (all but do_exchange:echo and
 * middleware) and PyArrow's (src/test/python/pyarrow_flight_scenarios.py; all but poll_flight_info, which PyArrow
 * 25's client lacks).
 * The "integration" scenario (gold data through DoPut and DoGet) is what {@link PyArrowFlightTest} and
 * {@link ArrowJavaFlightTest} do over every gold case.
 */
class ScenariosTest {
    static ScenarioProducer producer;
    static FlightServer server;
    static FlightClient client;
    /** The auth:basic_proto scenario's server (its authenticator refuses calls without a token). */
    static FlightServer basicProtoServer;

    @BeforeAll
    static void start() throws Exception {
        producer = new ScenarioProducer();
        server = FlightServer.builder(producer).start();
        client = FlightClient.connect(server.location().uri());
        basicProtoServer = FlightServer.builder(new BasicProtoProducer()).authenticator(BasicProtoProducer.AUTHENTICATOR).start();
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (server != null) server.close();
        if (basicProtoServer != null) basicProtoServer.close();
    }

    static List<Long> numbers(FlightStreamReader r) {
        List<Long> n = new ArrayList<>();
        for (RecordBatch b; (b = r.readNext()) != null; ) {
            var col = (dev.quiver.array.Int64Array) b.column("number");
            for (int i = 0; i < col.length(); i++) n.add(col.get(i));
        }
        return n;
    }

    @Test
    void ordered() {
        FlightInfo info = client.getFlightInfo(FlightDescriptor.command("ordered"));
        assertTrue(info.ordered());
        List<Long> all = new ArrayList<>();
        for (FlightEndpoint e : info.endpoints()) {
            try (FlightStreamReader r = client.doGet(e.ticket())) {
                all.addAll(numbers(r));
            }
        }
        assertEquals(List.of(1L, 2L, 3L, 10L, 20L, 30L, 100L, 200L, 300L), all);
    }

    @Test
    void expirationTime() {
        FlightInfo info = client.getFlightInfo(FlightDescriptor.command("expiration_time"));
        assertEquals(3, info.endpoints().size());
        assertNull(info.endpoints().get(0).expirationTime());
        for (int i = 0; i < 3; i++) {
            FlightEndpoint e = info.endpoints().get(i);
            for (int k = 0; k < (e.expirationTime() == null ? 1 : 2); k++) {
                try (FlightStreamReader r = client.doGet(e.ticket())) {
                    assertEquals(List.of((long) i), numbers(r), "endpoint " + i);
                }
            }
        }
        assertTrue(info.endpoints().get(1).expirationTime().isAfter(Instant.now()));
        assertEquals(CancelStatus.CANCELLED, client.cancelFlightInfo(info));
        FlightEndpoint e = info.endpoints().get(1);
        FlightEndpoint renewed = client.renewFlightEndpoint(e);
        assertTrue(renewed.expirationTime().isAfter(e.expirationTime()), renewed.toString());
    }

    @Test
    void pollFlightInfo() {
        PollInfo p = client.pollFlightInfo(FlightDescriptor.command("heavy query"));
        assertNotNull(p.info());
        assertEquals(0.1, p.progress(), 1e-9);
        assertEquals(FlightDescriptor.command("poll"), p.next());
        assertNotNull(p.expirationTime());
        p = client.pollFlightInfo(p.next());
        assertTrue(p.isComplete());
        assertEquals(1.0, p.progress(), 1e-9);
    }

    @Test
    void appMetadataFlightInfoEndpoint() {
        FlightInfo info = client.getFlightInfo(FlightDescriptor.command("foobar"));
        assertArrayEquals("foobar".getBytes(StandardCharsets.UTF_8), info.appMetadata());
        assertArrayEquals("foobar".getBytes(StandardCharsets.UTF_8), info.endpoints().getFirst().appMetadata());
    }

    @Test
    void doExchangeEcho() {
        try (FlightExchange x = client.doExchange(FlightDescriptor.command("echo"))) {
            RecordBatch first = RecordBatch.builder().add("a", Arrow.int32(0, 1)).build();
            x.writer().begin(first.schema());
            for (int i = 0; i < 10; i++) {
                byte[] meta = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
                if (i % 3 == 0) {
                    x.writer().putMetadata(meta);
                    FlightChunk c = x.reader().readChunk();
                    assertNull(c.batch());
                    assertArrayEquals(meta, c.appMetadata());
                } else {
                    RecordBatch b = RecordBatch.builder().add("a", Arrow.int32(i, i + 1)).build();
                    x.writer().write(b, meta);
                    FlightChunk c = x.reader().readChunk();
                    assertNull(dev.quiver.array.ArrayEquality.compare(b, c.batch()));
                    assertArrayEquals(meta, c.appMetadata());
                }
            }
            x.writer().doneWriting();
            assertNull(x.reader().readChunk());
        }
    }

    @Test
    void middlewareHeaderReachesTheServer() {
        client.getFlightInfo(FlightDescriptor.command("middleware"),
                FlightCallOptions.DEFAULT.withHeader("x-middleware", "expected value"));
        assertEquals("expected value", producer.lastMiddlewareHeader);
    }

    @Test
    void basicProtoAuth() {
        try (FlightClient c = FlightClient.connect(basicProtoServer.location().uri())) {
            FlightException e = assertThrows(FlightException.class, () -> c.doAction(new Action("test", "")));
            assertEquals(FlightStatusCode.UNAUTHENTICATED, e.code(), e.getMessage());
            FlightException wrong = assertThrows(FlightException.class,
                    () -> c.handshake(List.of(BasicProtoProducer.basicAuth("arrow", "wrong"))));
            assertEquals(FlightStatusCode.UNAUTHENTICATED, wrong.code(), wrong.getMessage());
            List<byte[]> token = c.handshake(List.of(BasicProtoProducer.basicAuth("arrow", "flight")));
            assertEquals(1, token.size());
            FlightCallOptions o = FlightCallOptions.DEFAULT.withHeader(BasicProtoProducer.TOKEN_HEADER,
                    new String(token.getFirst(), StandardCharsets.ISO_8859_1));
            List<Result> r = c.doAction(new Action("any type", ""), o);
            assertEquals(1, r.size());
            assertArrayEquals("arrow".getBytes(StandardCharsets.UTF_8), r.getFirst().body());
        }
    }

    @Test
    void basicAuthMessageRoundTrips() {
        String[] up = BasicProtoProducer.parseBasicAuth(BasicProtoProducer.basicAuth("arrow", "flight"));
        assertEquals(List.of("arrow", "flight"), List.of(up));
        assertThrows(FlightException.class, () -> BasicProtoProducer.parseBasicAuth(new byte[] {0x12, 0x05, 'a'}));
    }

    /** auth:basic_proto with Arrow Java 19's client and its BasicClientAuthHandler (the BasicAuth handshake). */
    @Test
    void arrowJavaClientBasicProto() throws Exception {
        try (org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
             org.apache.arrow.flight.FlightClient aj = org.apache.arrow.flight.FlightClient.builder().allocator(allocator)
                     .location(org.apache.arrow.flight.Location.forGrpcInsecure("127.0.0.1", basicProtoServer.port())).build()) {
            org.apache.arrow.flight.FlightRuntimeException e = assertThrows(org.apache.arrow.flight.FlightRuntimeException.class,
                    () -> aj.doAction(new org.apache.arrow.flight.Action("test")).forEachRemaining(x -> { }));
            assertEquals(org.apache.arrow.flight.FlightStatusCode.UNAUTHENTICATED, e.status().code(), e.getMessage());
            aj.authenticate(new org.apache.arrow.flight.auth.BasicClientAuthHandler("arrow", "flight"));
            List<byte[]> bodies = new ArrayList<>();
            aj.doAction(new org.apache.arrow.flight.Action("test")).forEachRemaining(r -> bodies.add(r.getBody()));
            assertEquals(1, bodies.size());
            assertArrayEquals("arrow".getBytes(StandardCharsets.UTF_8), bodies.getFirst());
        }
    }

    /** The client side of the same scenarios with Arrow Java 19's FlightClient. */
    @Test
    void arrowJavaClientQuiverServer() throws Exception {
        try (org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
             org.apache.arrow.flight.FlightClient aj = org.apache.arrow.flight.FlightClient.builder().allocator(allocator)
                     .location(org.apache.arrow.flight.Location.forGrpcInsecure("127.0.0.1", server.port())).build()) {
            // ordered
            org.apache.arrow.flight.FlightInfo info = aj.getInfo(org.apache.arrow.flight.FlightDescriptor.command("ordered".getBytes()));
            assertTrue(info.getOrdered(), "ordered");
            List<Long> all = new ArrayList<>();
            for (org.apache.arrow.flight.FlightEndpoint e : info.getEndpoints()) all.addAll(arrowJavaNumbers(aj, e));
            assertEquals(List.of(1L, 2L, 3L, 10L, 20L, 30L, 100L, 200L, 300L), all, "ordered");
            // expiration_time
            info = aj.getInfo(org.apache.arrow.flight.FlightDescriptor.command("expiration_time".getBytes()));
            assertEquals(3, info.getEndpoints().size());
            assertTrue(info.getEndpoints().get(0).getExpirationTime().isEmpty());
            for (int i = 0; i < 3; i++) {
                org.apache.arrow.flight.FlightEndpoint e = info.getEndpoints().get(i);
                for (int k = 0; k < (e.getExpirationTime().isEmpty() ? 1 : 2); k++) {
                    assertEquals(List.of((long) i), arrowJavaNumbers(aj, e), "expiration_time endpoint " + i);
                }
            }
            assertEquals(org.apache.arrow.flight.CancelStatus.CANCELLED,
                    aj.cancelFlightInfo(new org.apache.arrow.flight.CancelFlightInfoRequest(info)).getStatus());
            org.apache.arrow.flight.FlightEndpoint e1 = info.getEndpoints().get(1);
            org.apache.arrow.flight.FlightEndpoint renewed = aj.renewFlightEndpoint(new org.apache.arrow.flight.RenewFlightEndpointRequest(e1));
            assertTrue(renewed.getExpirationTime().orElseThrow().isAfter(e1.getExpirationTime().orElseThrow()), "renewed later");
            // poll_flight_info
            org.apache.arrow.flight.PollInfo p = aj.pollInfo(org.apache.arrow.flight.FlightDescriptor.command("heavy query".getBytes()));
            assertEquals(0.1, p.getProgress().orElseThrow(), 1e-9);
            assertArrayEquals("poll".getBytes(), p.getFlightDescriptor().orElseThrow().getCommand());
            p = aj.pollInfo(p.getFlightDescriptor().orElseThrow());
            assertTrue(p.getFlightDescriptor().isEmpty(), "complete");
            assertEquals(1.0, p.getProgress().orElseThrow(), 1e-9);
            // app_metadata_flight_info_endpoint
            info = aj.getInfo(org.apache.arrow.flight.FlightDescriptor.command("foobar".getBytes()));
            assertArrayEquals("foobar".getBytes(), info.getAppMetadata());
            assertArrayEquals("foobar".getBytes(), info.getEndpoints().getFirst().getAppMetadata());
        }
    }

    private static List<Long> arrowJavaNumbers(org.apache.arrow.flight.FlightClient aj, org.apache.arrow.flight.FlightEndpoint e)
            throws Exception {
        List<Long> n = new ArrayList<>();
        try (org.apache.arrow.flight.FlightStream s = aj.getStream(e.getTicket())) {
            while (s.next()) {
                org.apache.arrow.vector.BigIntVector v = (org.apache.arrow.vector.BigIntVector) s.getRoot().getVector("number");
                for (int i = 0; i < v.getValueCount(); i++) n.add(v.get(i));
            }
        }
        return n;
    }

    @TestFactory
    List<DynamicTest> pyarrowClientQuiverServer() throws Exception {
        List<String> lines = PyArrowPeer.run(PyArrowPeer.SCENARIO_SCRIPT, "",
                List.of(server.location().uri(), basicProtoServer.location().uri()));
        String header = producer.lastMiddlewareHeader;
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines) {
            String[] p = line.split("\t", 3);
            if (p[0].equals("ok")) tests.add(DynamicTest.dynamicTest("PyArrow client: " + p[1], () -> { }));
            if (p[0].equals("fail")) tests.add(DynamicTest.dynamicTest("PyArrow client: " + p[1], () -> fail(p[2])));
        }
        assertEquals(6, tests.size(), lines.toString()); // PyArrow 25 has no poll_flight_info
        tests.add(DynamicTest.dynamicTest("PyArrow client: middleware header seen by Quiver's server",
                () -> assertEquals("expected value", header)));
        return tests;
    }
}
