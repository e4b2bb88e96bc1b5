package dev.quiver.metadata;

import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import dev.quiver.metadata.MessageHeader.SchemaHeader;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;
import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The encoder gives Arrow C++'s bytes, checked without PyArrow against messages PyArrow 25.0.1 wrote (the gold-case
 * comparison with a live PyArrow is {@code PyArrowByteIdentityTest} in quiver-interop). The expected bytes are
 * PyArrow's output, produced by:
 * <pre>
 * import pyarrow as pa
 * s = pa.schema([("x", pa.int32()), ("y", pa.utf8())])
 * b = pa.record_batch([pa.array([1, 2, 3], pa.int32()), pa.array(list("abc"))], schema=s)
 * print(s.serialize().to_pybytes().hex())
 * print(b.serialize().to_pybytes()[:8 + 200].hex())   # the prefix and metadata, without the body
 * </pre>
 * Each is framed as {@code ffffffff}, the int32 metadata length, the flatbuffer, then zeros to a multiple of 8.
 */
class ArrowCppMetadataBytesTest {
    static final String SEED_SCHEMA = "ffffffffa80000001000000000000a000c000600050008000a000000000104000c00000008000800"
            + "000004000800000004000000020000004000000004000000d8ffffff000001051000000018000000"
            + "040000000000000001000000790000000400040004000000100014000800060007000c0000001000"
            + "1000000000000102100000001c0000000400000000000000010000007800000008000c0008000700"
            + "08000000000000012000000000000000";
    static final String SEED_BATCH_0 = "ffffffffc800000014000000000000000c0016000600050008000c000c0000000003040018000000"
            + "280000000000000000000a0018000c00040008000a0000006c000000100000000300000000000000"
            + "00000000050000000000000000000000000000000000000000000000000000000c00000000000000"
            + "10000000000000000000000000000000100000000000000010000000000000002000000000000000"
            + "03000000000000000000000002000000030000000000000000000000000000000300000000000000"
            + "0000000000000000";

    @Test
    void seedSchemaMessage() {
        Schema s = Schema.of(Field.nullable("x", ArrowTypes.INT32), Field.nullable("y", ArrowTypes.UTF8));
        assertFramed(SEED_SCHEMA, MessageCodec.encode(new Message(MetadataVersion.V5, new SchemaHeader(s), 0, Map.of())));
    }

    @Test
    void seedRecordBatchMessage() {
        // x: int32 [1, 2, 3] (no validity, 12 data bytes at 0), y: utf8 ["a", "b", "c"] (offsets 16 bytes at 16,
        // 3 data bytes at 32): five buffers, body 40 bytes.
        RecordBatchHeader h = new RecordBatchHeader(3, new long[] {3, 3}, new long[] {0, 0},
                new long[] {0, 0, 16, 16, 32}, new long[] {0, 12, 0, 16, 3}, null, null);
        assertFramed(SEED_BATCH_0, MessageCodec.encode(new Message(MetadataVersion.V5, h, 40, Map.of())));
    }

    /** {@code flatbuffer} framed as Arrow C++ frames it equals PyArrow's {@code hex}. */
    private static void assertFramed(String hex, byte[] flatbuffer) {
        byte[] expected = HexFormat.of().parseHex(hex);
        int padded = (8 + flatbuffer.length + 7) & -8;
        byte[] framed = Arrays.copyOf(new byte[] {-1, -1, -1, -1}, padded);
        int length = padded - 8;
        for (int i = 0; i < 4; i++) framed[4 + i] = (byte) (length >>> (8 * i));
        System.arraycopy(flatbuffer, 0, framed, 8, flatbuffer.length);
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(framed));
    }
}
