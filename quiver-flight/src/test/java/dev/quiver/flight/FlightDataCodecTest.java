package dev.quiver.flight;

import com.google.protobuf.ByteString;
import dev.quiver.flight.proto.FlightProtos;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FlightData written and read by hand agrees with protobuf's own encoding of the same message. */
class FlightDataCodecTest {
    static final byte[] DESCRIPTOR = Protos.descriptor(FlightDescriptor.path("a", "b")).toByteArray();

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + seed);
        return b;
    }

    @Test
    void whatIsSentIsProtobufsEncodingOfTheSameMessage() throws Exception {
        byte[] header = bytes(40, 1);
        byte[] body = bytes(300_000, 2);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nativePart = arena.allocate(100_000);
            MemorySegment.copy(body, 0, nativePart, ValueLayout.JAVA_BYTE, 0, 100_000);
            // a slice of a heap array at an offset, then native memory: both kinds of parts the encoder hands over
            byte[] padded = new byte[250_000];
            System.arraycopy(body, 100_000, padded, 50_000, 200_000);
            List<MemorySegment> parts = List.of(nativePart, MemorySegment.ofArray(padded).asSlice(50_000, 200_000));
            FlightFrame.Outgoing out = new FlightFrame.Outgoing(DESCRIPTOR, MemorySegment.ofArray(header),
                    "app".getBytes(), parts, body.length);
            byte[] expected = FlightProtos.FlightData.newBuilder()
                    .setFlightDescriptor(FlightProtos.FlightDescriptor.parseFrom(DESCRIPTOR))
                    .setDataHeader(ByteString.copyFrom(header)).setAppMetadata(ByteString.copyFromUtf8("app"))
                    .setDataBody(ByteString.copyFrom(body)).build().toByteArray();

            InputStream drained = FlightDataCodec.INSTANCE.stream(out);
            assertEquals(expected.length, drained.available());
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            ((io.grpc.Drainable) drained).drainTo(sink);
            assertArrayEquals(expected, sink.toByteArray());
            assertArrayEquals(expected, FlightDataCodec.INSTANCE.stream(out).readAllBytes(), "read() agrees with drainTo()");
        }
    }

    @Test
    void whatProtobufEncodesIsReadBackWithUnknownFieldsSkipped() {
        byte[] header = bytes(24, 3);
        byte[] body = bytes(70_000, 4);
        FlightProtos.FlightData d = FlightProtos.FlightData.newBuilder()
                .setDataHeader(ByteString.copyFrom(header)).setDataBody(ByteString.copyFrom(body)).build();
        // unknown fields of every wire type a newer peer might add
        byte[] known = d.toByteArray();
        byte[] unknown = {(byte) 0xA0, 0x06, 0x05, (byte) 0xA9, 0x06, 1, 2, 3, 4, 5, 6, 7, 8, (byte) 0xB2, 0x06, 2, 9, 9,
                (byte) 0xBD, 0x06, 1, 2, 3, 4};
        byte[] all = new byte[unknown.length + known.length];
        System.arraycopy(unknown, 0, all, 0, unknown.length);
        System.arraycopy(known, 0, all, unknown.length, known.length);
        FlightFrame.Incoming in = (FlightFrame.Incoming) FlightDataCodec.INSTANCE.parse(new ByteArrayInputStream(all));
        try {
            assertNull(in.error());
            assertNull(in.descriptor());
            assertNull(in.appMetadata());
            assertArrayEquals(header, in.header().toArray(ValueLayout.JAVA_BYTE));
            assertArrayEquals(body, in.body().toArray(ValueLayout.JAVA_BYTE));
            assertEquals(0, in.body().address() % 64, "bodies are aligned for SIMD-friendly access");
            assertEquals(all.length, in.wireSize());
        } finally {
            in.discard();
        }
    }

    @Test
    void aFieldOfTheWrongWireTypeIsAnError() {
        byte[] bad = {0x10, 0x05}; // data_header (2) as a varint
        FlightFrame.Incoming in = (FlightFrame.Incoming) FlightDataCodec.INSTANCE.parse(new ByteArrayInputStream(bad));
        assertEquals("malformed FlightData: field 2 has wire type 0, expected 2 (length-delimited) (FlightData, at byte 0)",
                in.error().getMessage());
    }

    @Test
    void aTruncatedVarintIsAnError() {
        byte[] bad = {0x12, (byte) 0x80, (byte) 0x80};
        FlightFrame.Incoming in = (FlightFrame.Incoming) FlightDataCodec.INSTANCE.parse(new ByteArrayInputStream(bad));
        assertTrue(in.error().getMessage().startsWith("malformed FlightData: the message ends inside data_header length"),
                in.error().getMessage());
    }
}
