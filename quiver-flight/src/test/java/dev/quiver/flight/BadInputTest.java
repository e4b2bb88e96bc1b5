package dev.quiver.flight;

import com.google.protobuf.ByteString;
import dev.quiver.InvalidDataException;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.flight.proto.FlightProtos;
import dev.quiver.ipc.IpcLimits;
import dev.quiver.ipc.IpcReadOptions;
import io.grpc.MethodDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed FlightData from a client end that call with INVALID_ARGUMENT and a message that says what and where,
 * a message over the size limit with RESOURCE_EXHAUSTED naming the limit, and the server goes on serving. Also
 * malformed data a server sends, as the client sees it.
 */
class BadInputTest {
    static MemoryProducer producer;
    static FlightServer server;
    static FlightClient client;
    static final byte[] DESCRIPTOR = Protos.descriptor(FlightDescriptor.path("bad")).toByteArray();

    @BeforeAll
    static void start() throws Exception {
        producer = new MemoryProducer();
        server = FlightServer.builder(producer).maxInboundMessageSize(64 << 10).start();
        client = FlightClient.connect(server.location().uri());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static Integer[] zeros(int n) {
        Integer[] z = new Integer[n];
        java.util.Arrays.fill(z, 0);
        return z;
    }

    static RecordBatch batch() {
        return RecordBatch.builder().add("x", Arrow.int32(1, 2, 3)).build();
    }

    static RecordBatch dictionaryBatch() {
        return RecordBatch.builder().add("d", Arrow.dictionary(Arrow.int8(0, 1, 0), Arrow.utf8("a", "b"))).build();
    }

    /** Sends raw frames as a DoPut and returns how the server ended the call. */
    private static FlightException put(List<FlightFrame.Outgoing> frames) {
        ClientStream<FlightFrame, FlightProtos.PutResult> s = client.start(Methods.DO_PUT, FlightCallOptions.DEFAULT,
                x -> {}, true, 4);
        try {
            for (FlightFrame.Outgoing f : frames) s.send(f);
            s.halfClose();
        } catch (FlightException e) {
            // the server may end the call before everything is sent
        }
        FlightException e = assertThrows(FlightException.class, () -> {
            while (s.inbound.take() != null) {
                // acks of what came before the bad message
            }
        });
        assertServerStillServes();
        return e;
    }

    private static void assertServerStillServes() {
        assertEquals(2, client.listActions().size());
    }

    @Test
    void metadataThatIsNoFlatbufferIsInvalidArgument() throws Exception {
        List<IpcMessages.Msg> m = IpcMessages.of(batch().schema(), List.of(batch()));
        byte[] garbage = {8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        FlightException e = put(List.of(m.get(0).frame(DESCRIPTOR), new IpcMessages.Msg(garbage, new byte[0]).frame(null)));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().startsWith("FlightData message 2 of DoPut: vtable of Message table lies outside the "
                + "flatbuffer"), e.getMessage());
        // where: 8 bytes into the second message's metadata, counting the bytes of the messages before it
        assertTrue(e.getMessage().endsWith("(DoPut, at byte " + (m.get(0).metadata().length + 8) + ")"), e.getMessage());
    }

    @Test
    void aBodyShorterThanItsMetadataSaysIsInvalidArgument() throws Exception {
        List<IpcMessages.Msg> m = IpcMessages.of(batch().schema(), List.of(batch()));
        IpcMessages.Msg b = m.get(1);
        FlightException e = put(List.of(m.get(0).frame(DESCRIPTOR), b.withBody(new byte[8]).frame(null)));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
        long at = m.get(0).metadata().length + b.metadata().length;
        assertEquals("FlightData message 2 of DoPut: message body too short: the metadata declares " + b.body().length
                + " bytes, the message carries 8 (DoPut, at byte " + at + ")", e.getMessage());
    }

    @Test
    void aBatchBeforeTheSchemaIsInvalidArgument() throws Exception {
        List<IpcMessages.Msg> m = IpcMessages.of(batch().schema(), List.of(batch()));
        FlightException e = put(List.of(m.get(1).frame(DESCRIPTOR)));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
        assertEquals("FlightData message 1 of DoPut: the stream must start with a schema message, found a record batch "
                + "message (DoPut, at byte 0)", e.getMessage());
    }

    @Test
    void aBatchWhoseDictionaryWasNeverSentIsInvalidArgument() throws Exception {
        List<IpcMessages.Msg> m = IpcMessages.of(dictionaryBatch().schema(), List.of(dictionaryBatch()));
        assertEquals(3, m.size(), "schema, dictionary, batch");
        FlightException e = put(List.of(m.get(0).frame(DESCRIPTOR), m.get(2).frame(null)));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().startsWith("FlightData message 2 of DoPut: "), e.getMessage());
        assertTrue(e.getMessage().contains("dictionary"), e.getMessage());
    }

    @Test
    void aDictionaryWithAnUnknownIdIsInvalidArgument() throws Exception {
        List<IpcMessages.Msg> m = IpcMessages.of(batch().schema(), List.of(batch()));
        List<IpcMessages.Msg> d = IpcMessages.of(dictionaryBatch().schema(), List.of(dictionaryBatch()));
        FlightException e = put(List.of(m.get(0).frame(DESCRIPTOR), d.get(1).frame(null)));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
        assertEquals("FlightData message 2 of DoPut: dictionary batch for id 0, which no field of the schema uses "
                + "(DoPut, at byte " + m.get(0).metadata().length + ")", e.getMessage());
    }

    /** A marshaller of raw bytes, to send FlightData that no encoder would write. */
    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override public InputStream stream(byte[] value) { return new ByteArrayInputStream(value); }

        @Override public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    @Test
    void malformedProtobufIsInvalidArgument() {
        MethodDescriptor<byte[], byte[]> rawPut = Methods.DO_PUT.toBuilder(RAW, RAW).build();
        byte[] descriptorField = FlightProtos.FlightData.newBuilder()
                .setFlightDescriptor(Protos.descriptor(FlightDescriptor.path("bad")))
                .setDataHeader(ByteString.copyFrom(new byte[] {1, 2, 3})).build().toByteArray();
        // a data_body (field 1000) that declares 1000 bytes of which only 3 follow
        byte[] bad = java.util.Arrays.copyOf(descriptorField, descriptorField.length + 6);
        int at = descriptorField.length;
        bad[at] = (byte) 0xC2; bad[at + 1] = 0x3E; bad[at + 2] = (byte) 0xE8; bad[at + 3] = 0x07;
        ClientStream<byte[], byte[]> s = client.start(rawPut, FlightCallOptions.DEFAULT, x -> {}, true, 4);
        s.send(bad);
        s.halfClose();
        FlightException e = assertThrows(FlightException.class, () -> s.inbound.take());
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
        assertEquals("FlightData message 1 of DoPut: malformed FlightData: data_body declares 1000 bytes but only 2 "
                + "remain in the FlightData message (FlightData, at byte " + (at + 2) + ")", e.getMessage());
        assertServerStillServes();
    }

    @Test
    void aMessageOverTheSizeLimitIsResourceExhaustedNamingTheLimit() {
        RecordBatch big = RecordBatch.builder().add("x", Arrow.int64(zeros(20_000))).build();
        FlightException e = assertThrows(FlightException.class, () -> {
            try (FlightPutWriter w = client.doPut(FlightDescriptor.path("big"), big.schema())) {
                w.write(big);
            }
        });
        assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, e.code());
        assertEquals("FlightData message 2 of DoPut: the message of 160144 bytes exceeds the server's limit of 65536 "
                + "bytes (maxInboundMessageSize)", e.getMessage());
        assertServerStillServes();
    }

    @Test
    void aBodyOverTheReadLimitIsResourceExhausted() throws Exception {
        try (FlightServer s = FlightServer.builder(new MemoryProducer())
                .readOptions(IpcReadOptions.DEFAULT.withLimits(IpcLimits.DEFAULT.withMaxBodyLength(8))).start();
             FlightClient c = FlightClient.connect(s.location().uri())) {
            FlightException e = assertThrows(FlightException.class, () -> {
                try (FlightPutWriter w = c.doPut(FlightDescriptor.path("limit"), batch().schema())) {
                    w.write(batch());
                }
            });
            assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, e.code());
            assertTrue(e.getMessage().startsWith("FlightData message 2 of DoPut: body length 16 exceeds the limit of 8 "
                    + "bytes (DoPut, at byte "), e.getMessage());
        }
    }

    @Test
    void malformedDataFromAServerIsAnInvalidDataExceptionOnTheClient() throws Exception {
        FlightProducer liar = new FlightProducer() {
            @Override
            public void doGet(CallContext context, Ticket ticket, FlightStreamWriter out) {
                try {
                    List<IpcMessages.Msg> m = IpcMessages.of(batch().schema(), List.of(batch()));
                    out.writeMessage(MemorySegment.ofArray(m.get(0).metadata()), MemorySegment.NULL, null);
                    out.writeMessage(MemorySegment.ofArray(m.get(1).metadata()), MemorySegment.ofArray(new byte[4]), null);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
        };
        try (FlightServer s = FlightServer.builder(liar).start(); FlightClient c = FlightClient.connect(s.location().uri());
             FlightStreamReader r = c.doGet(Ticket.of("x"))) {
            assertEquals(batch().schema(), r.schema());
            InvalidDataException e = assertThrows(InvalidDataException.class, r::readNext);
            assertTrue(e.getMessage().startsWith("FlightData message 2 of DoGet: message body too short: the metadata "
                    + "declares"), e.getMessage());
        }
    }

    @Test
    void aClientLimitOnMessagesIsResourceExhausted() throws Exception {
        producer.put("large", batch().schema(), List.of(RecordBatch.builder().add("x", Arrow.int32(zeros(100_000))).build()));
        try (FlightClient c = FlightClient.connect(server.location().uri(),
                FlightClientOptions.DEFAULT.withMaxInboundMessageSize(1000));
             FlightStreamReader r = c.doGet(Ticket.of("large"))) {
            FlightException e = assertThrows(FlightException.class, r::readNext);
            assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, e.code());
            assertTrue(e.getMessage().contains("1000"), e.getMessage());
        }
    }
}
