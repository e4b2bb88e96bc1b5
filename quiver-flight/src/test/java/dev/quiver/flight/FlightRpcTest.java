package dev.quiver.flight;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.Table;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every RPC, Quiver client against Quiver server (an in-memory producer). */
class FlightRpcTest {
    static MemoryProducer producer;
    static FlightServer server;
    static FlightClient client;

    static RecordBatch sample(int base) {
        return RecordBatch.builder()
                .add("x", Arrow.int32(base, base + 1, null))
                .add("s", Arrow.utf8("a" + base, null, "c"))
                .build();
    }

    @BeforeAll
    static void start() throws Exception {
        producer = new MemoryProducer();
        producer.put("stored", sample(0).schema(), List.of(sample(0), sample(10)));
        server = FlightServer.builder(producer).start();
        client = FlightClient.connect(server.location().uri());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void handshakeEchoesPayloads() {
        List<byte[]> back = client.handshake(List.of("one".getBytes(), "two".getBytes()));
        assertEquals(2, back.size());
        assertEquals("two", new String(back.get(1), StandardCharsets.UTF_8));
    }

    @Test
    void listFlightsWithAndWithoutCriteria() {
        producer.put("list/a", sample(0).schema(), List.of(sample(0)));
        producer.put("list/b", sample(0).schema(), List.of(sample(0)));
        List<FlightInfo> some = client.listFlights("list/".getBytes(), FlightCallOptions.DEFAULT);
        assertEquals(2, some.size());
        assertTrue(client.listFlights().size() >= 3);
    }

    @Test
    void getFlightInfoPollFlightInfoAndGetSchema() {
        FlightInfo info = client.getFlightInfo(FlightDescriptor.path("stored"));
        assertEquals(6, info.totalRecords());
        assertEquals(sample(0).schema(), info.schema());
        assertEquals(FlightDescriptor.path("stored"), info.descriptor());
        assertEquals(List.of(new FlightEndpoint(Ticket.of("stored"))).get(0).ticket(), info.endpoints().get(0).ticket());
        PollInfo poll = client.pollFlightInfo(FlightDescriptor.path("stored"));
        assertTrue(poll.isComplete());
        assertEquals(6, poll.info().totalRecords());
        Schema s = client.getSchema(FlightDescriptor.path("stored")); // the producer's default: from GetFlightInfo
        assertEquals(sample(0).schema(), s);
    }

    @Test
    void getFlightInfoOfAnUnknownFlightIsNotFound() {
        FlightException e = assertThrows(FlightException.class, () -> client.getFlightInfo(FlightDescriptor.path("nope")));
        assertEquals(FlightStatusCode.NOT_FOUND, e.code());
        assertEquals("no flight path nope", e.getMessage());
    }

    @Test
    void doGetReadsEveryBatchWithValues() throws Exception {
        try (FlightStreamReader r = client.doGet(Ticket.of("stored"))) {
            assertEquals(sample(0).schema(), r.schema());
            Table t = r.readAll();
            assertEquals(2, t.numBatches());
            assertNull(ArrayEquality.compare(sample(0), t.batch(0)));
            assertNull(ArrayEquality.compare(sample(10), t.batch(1)));
            assertTrue(r.isEnded());
        }
    }

    @Test
    void doPutWithAcknowledgementsThenDoGet() throws Exception {
        List<PutResult> acks;
        try (FlightPutWriter w = client.doPut(FlightDescriptor.path("up", "1"), sample(0).schema())) {
            w.write(sample(1), "first".getBytes());
            w.write(sample(2));
            w.putMetadata("note".getBytes());
            acks = w.finish();
        }
        assertEquals(List.of("first", "1", "note"), acks.stream().map(PutResult::appMetadataText).toList());
        try (FlightStreamReader r = client.doGet(Ticket.of("up/1"))) {
            FlightChunk c = r.readChunk();
            assertArrayEquals("first".getBytes(), c.appMetadata());
            assertNull(ArrayEquality.compare(sample(1), c.batch()));
            c = r.readChunk();
            assertNull(c.appMetadata());
            assertNull(ArrayEquality.compare(sample(2), c.batch()));
            assertNull(r.readChunk());
        }
    }

    @Test
    void doPutAcksCanBeReadAsTheyCome() {
        try (FlightPutWriter w = client.doPut(FlightDescriptor.path("up", "acks"), sample(0).schema())) {
            w.write(sample(1), "a".getBytes());
            assertEquals("a", w.readAck().appMetadataText());
            w.write(sample(2), "b".getBytes());
            assertEquals("b", w.readAck().appMetadataText());
        }
        assertEquals(2, producer.flights.get("up/acks").batches().size());
    }

    @Test
    void doExchangeEchoesBatchesAndMetadata() throws Exception {
        try (FlightExchange x = client.doExchange(FlightDescriptor.command("echo"))) {
            x.writer().begin(sample(0).schema());
            x.writer().write(sample(3), "m3".getBytes());
            FlightChunk c = x.reader().readChunk();
            assertNull(ArrayEquality.compare(sample(3), c.batch()));
            assertArrayEquals("m3".getBytes(), c.appMetadata());
            x.writer().putMetadata("only".getBytes());
            c = x.reader().readChunk();
            assertNull(c.batch());
            assertArrayEquals("only".getBytes(), c.appMetadata());
            x.writer().doneWriting();
            assertNull(x.reader().readChunk());
        }
    }

    @Test
    void dictionariesWithDeltasAndReplacementsTravelBothWays() throws Exception {
        List<RecordBatch> batches = List.of(words("a", "b"), words("a", "b", "c"),
                words("x"), words("x", "y"));
        try (FlightClient deltas = FlightClient.connect(server.location().uri(), FlightClientOptions.DEFAULT
                .withWrite(dev.quiver.ipc.IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true)))) {
            try (FlightPutWriter w = deltas.doPut(FlightDescriptor.path("dict"), batches.get(0).schema())) {
                w.writeAll(batches);
            }
            try (FlightStreamReader r = deltas.doGet(Ticket.of("dict"))) {
                List<RecordBatch> got = r.readAll().batches();
                assertEquals(4, got.size());
                for (int i = 0; i < 4; i++) assertNull(ArrayEquality.compare(batches.get(i), got.get(i)), "batch " + i);
            }
            try (FlightExchange x = deltas.doExchange(FlightDescriptor.command("echo"))) {
                x.writer().begin(batches.get(0).schema());
                for (RecordBatch b : batches) {
                    x.writer().write(b);
                    assertNull(ArrayEquality.compare(b, x.reader().readNext()));
                }
            }
        }
    }

    /** A batch of one dictionary-encoded column. */
    static RecordBatch words(String... dictionary) {
        Integer[] idx = new Integer[dictionary.length];
        for (int i = 0; i < idx.length; i++) idx[i] = dictionary.length - 1 - i;
        return RecordBatch.builder().add("w", Arrow.dictionary(Arrow.int32(idx), Arrow.utf8(dictionary))).build();
    }

    @Test
    void doActionAndListActions() {
        List<Result> r = client.doAction(new Action("echo", "hello"));
        assertEquals(1, r.size());
        assertEquals("hello", r.get(0).bodyText());
        List<ActionType> types = client.listActions();
        assertEquals(List.of("echo", "who"), types.stream().map(ActionType::type).toList());
    }

    @Test
    void callHeadersReachTheProducer() {
        List<Result> r = client.doAction(new Action("header", "x-quiver-test"),
                FlightCallOptions.DEFAULT.withHeader("X-Quiver-Test", "42"));
        assertEquals("42", r.get(0).bodyText());
    }

    @Test
    void binaryHeadersTravelByteForByte() {
        String bytes = new String(new byte[] {0, (byte) 0xFF, 'a', (byte) 0x80}, StandardCharsets.ISO_8859_1);
        List<Result> r = client.doAction(new Action("header", "token-bin"),
                FlightCallOptions.DEFAULT.withHeader("token-bin", bytes));
        assertArrayEquals(bytes.getBytes(StandardCharsets.ISO_8859_1), r.get(0).body());
    }

    @Test
    void aCallThatFailedFailsEveryLaterWriteAndCloseWithAnExceptionOfItsOwn() throws Exception {
        FlightProducer refusing = new FlightProducer() {
            @Override
            public void doPut(CallContext context, FlightStreamReader in, StreamSink<PutResult> acks) {
                // refuses once the schema has arrived: the client's doPut has sent it and returned its writer by
                // then (refusing at once raced with sending the schema, and doPut itself then failed, under load)
                in.schema();
                throw FlightException.alreadyExists("no thanks");
            }
        };
        try (FlightServer s = FlightServer.builder(refusing).start(); FlightClient c = FlightClient.connect(s.location().uri())) {
            FlightException e = assertThrows(FlightException.class, () -> {
                try (FlightPutWriter w = c.doPut(FlightDescriptor.path("x"), sample(0).schema())) {
                    assertThrows(FlightException.class, w::readAck); // the call is over
                    w.write(sample(0));
                }
            });
            assertEquals(FlightStatusCode.ALREADY_EXISTS, e.code());
            assertEquals("no thanks", e.getMessage());
            assertEquals(1, e.getSuppressed().length, "close failed too, with an exception of its own");
        }
    }

    @Test
    void aTimeoutEndsTheCallWithTimedOut() {
        long start = System.nanoTime();
        FlightException e = assertThrows(FlightException.class, () -> client.doAction(new Action("sleep", "10000"),
                FlightCallOptions.DEFAULT.withTimeout(Duration.ofMillis(200))));
        assertEquals(FlightStatusCode.TIMED_OUT, e.code());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "the deadline ends the call early");
    }

    @Test
    void unimplementedMethodsSayWhich() throws Exception {
        try (FlightServer bare = FlightServer.builder(new FlightProducer() {}).start();
             FlightClient c = FlightClient.connect(bare.location().uri())) {
            FlightException e = assertThrows(FlightException.class, () -> c.listFlights());
            assertEquals(FlightStatusCode.UNIMPLEMENTED, e.code());
            assertEquals("ListFlights is not implemented by this server", e.getMessage());
            e = assertThrows(FlightException.class, () -> c.getSchema(FlightDescriptor.path("x")));
            assertEquals("GetFlightInfo is not implemented by this server", e.getMessage());
            try (FlightStreamReader r = c.doGet(Ticket.of("x"))) {
                e = assertThrows(FlightException.class, r::readNext);
                assertEquals(FlightStatusCode.UNIMPLEMENTED, e.code());
            }
            assertEquals(0, c.handshake(List.of("p".getBytes())).size(), "the default handshake accepts");
        }
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        try (FlightClient c = FlightClient.connect("grpc://127.0.0.1:1")) {
            FlightException e = assertThrows(FlightException.class, c::listActions);
            assertEquals(FlightStatusCode.UNAVAILABLE, e.code());
        }
    }

    @Test
    void badUrisAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlightClient.connect("http://x:1"));
        assertEquals("unsupported Flight URI scheme 'http' in http://x:1 (expected grpc://, grpc+tcp:// or grpc+tls://)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FlightClient.connect("grpc://nohost"));
        assertEquals("a Flight URI needs a host and a port: grpc://nohost", e.getMessage());
    }

    @Test
    void theDescriptorOfAnExchangeArrivesEvenWithoutData() {
        try (FlightExchange x = client.doExchange(FlightDescriptor.command("echo"))) {
            x.writer().doneWriting();
            assertNull(x.reader().readChunk());
            assertNotNull(x.reader());
        }
    }
}
