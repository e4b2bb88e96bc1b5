package dev.quiver.ipc;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.array.RecordBatch;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.UnionMode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metadata version V4 (before Arrow 1.0): a union has a validity buffer before its type ids. Conforming old
 * writers leave it empty; it is skipped on read. A union with nulls in that bitmap cannot be represented in V5
 * and is refused, as Arrow C++ does.
 */
class LegacyUnionTest {
    private static final ArrowType.Union UNION = new ArrowType.Union(UnionMode.SPARSE, new int[] {3});
    private static final Schema SCHEMA = Schema.of(new Field("u", UNION, true,
            List.of(Field.nullable("i", ArrowTypes.INT32)), null, null));

    /** A V4 stream: schema, then one batch of 3 slots (type ids 3, 3, 3; child 10, 20, 30). */
    private static byte[] v4Stream(long unionNulls, byte[] validity) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(Channels.newChannel(out), 8, 0, false);
        w.write(new Message(MetadataVersion.V4, new MessageHeader.SchemaHeader(SCHEMA), 0, Map.of()), List.of());
        MemorySegment typeIds = MemorySegment.ofArray(new byte[] {3, 3, 3, 0, 0, 0, 0, 0});
        MemorySegment values = MemorySegment.ofArray(new byte[16]);
        for (int i = 0; i < 3; i++) values.setAtIndex(dev.quiver.memory.LE.INT, i, (i + 1) * 10);
        MemorySegment valid = MemorySegment.ofArray(java.util.Arrays.copyOf(validity, validity.length == 0 ? 0 : 8));
        long v = valid.byteSize();
        MessageHeader.RecordBatchHeader h = new MessageHeader.RecordBatchHeader(3, new long[] {3, 3},
                new long[] {unionNulls, 0},
                new long[] {0, v, v + 8, v + 8}, new long[] {validity.length, 3, 0, 12}, null, new long[0]);
        w.write(new Message(MetadataVersion.V4, h, v + 24, Map.of()), List.of(valid, typeIds, values));
        w.writeEndOfStream();
        return out.toByteArray();
    }

    @Test
    void v4UnionWithAnEmptyValidityBufferReads() throws IOException {
        try (RecordBatchStreamReader r = Ipc.openStream(v4Stream(0, new byte[0]))) {
            RecordBatch b = r.readNext();
            assertEquals(3, b.numRows());
            assertEquals(List.of(10, 20, 30), List.of(b.column(0).getObject(0), b.column(0).getObject(1),
                    b.column(0).getObject(2)));
            assertEquals(2, b.column(0).data().bufferCount() + b.column(0).data().childCount(),
                    "the legacy validity buffer is not kept: type ids and one child");
        }
    }

    @Test
    void v4UnionWithAnAllValidBitmapReads() throws IOException {
        try (RecordBatchStreamReader r = Ipc.openStream(v4Stream(0, new byte[] {7}))) {
            assertEquals(30, r.readNext().column(0).getObject(2));
        }
    }

    @Test
    void v4UnionWithNullsInItsBitmapIsRefused() throws IOException {
        try (RecordBatchStreamReader r = Ipc.openStream(v4Stream(1, new byte[] {5}))) {
            UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, r::readNext);
            assertTrue(e.getMessage().contains("unions with a validity bitmap"), e.getMessage());
            assertTrue(e.getMessage().contains("u"), e.getMessage());
        }
    }
}
