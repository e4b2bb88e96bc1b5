package dev.quiver.array;

import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk builders from primitive Java arrays (copies) and wrapping memory without a copy. */
class BulkAndWrapTest {
    @Test
    void wrapRejectsTooSmallValues() {
        MemorySegment s = MemorySegment.ofArray(new byte[15]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arrow.wrap(ArrowTypes.INT64, 2, s));
        assertTrue(e.getMessage().contains("2 values of int64 need 16 bytes, the values segment has 15"), e.getMessage());
    }

    @Test
    void wrapRejectsTooSmallBitmapNegativeLengthAndVariableWidthTypes() {
        MemorySegment values = MemorySegment.ofArray(new byte[9 * 4]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arrow.wrap(ArrowTypes.INT32, 9, values, MemorySegment.ofArray(new byte[1])));
        assertTrue(e.getMessage().contains("9 slots need a validity bitmap of 2 bytes, the validity segment has 1"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Arrow.wrap(ArrowTypes.INT32, -1, values));
        e = assertThrows(IllegalArgumentException.class, () -> Arrow.wrap(ArrowTypes.UTF8, 1, values));
        assertTrue(e.getMessage().contains("only fixed-width types can wrap memory, not utf8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Arrow.wrap(ArrowTypes.BOOL, 17,
                MemorySegment.ofArray(new byte[2])));
        assertTrue(e.getMessage().contains("need 3 bytes"), e.getMessage());
    }

    @Test
    void wrapRejectsBigEndianBufferForWideTypes() {
        ByteBuffer big = ByteBuffer.allocateDirect(16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arrow.wrap(ArrowTypes.INT64, 2, big));
        assertTrue(e.getMessage().contains("BIG_ENDIAN"), e.getMessage());
        // one-byte values have no byte order
        assertEquals(List.of((byte) 0, (byte) 0), Arrow.wrap(ArrowTypes.INT8, 2, big).toList());
    }

    @Test
    void wrapsNativeMemoryWithoutCopyWithAndWithoutBitmap() {
        Arena arena = Arena.ofConfined();
        {
            MemorySegment values = arena.allocate(8 * 3);
            for (int i = 0; i < 3; i++) values.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, 10L * i);
            Int64Array plain = Arrow.wrap(ArrowTypes.INT64, 3, values).as(Int64Array.class);
            assertEquals(List.of(0L, 10L, 20L), plain.toList());
            assertEquals(0, plain.nullCount());
            assertEquals(values.address(), plain.data().buffer(1).address(), "no copy");
            values.set(ValueLayout.JAVA_BYTE, 8, (byte) 11);
            assertEquals(11L, plain.get(1), "reads the caller's memory");

            MemorySegment bitmap = arena.allocate(1);
            bitmap.set(ValueLayout.JAVA_BYTE, 0, (byte) 0b101);
            Array withNulls = Arrow.wrap(ArrowTypes.INT64, 3, values, bitmap);
            assertEquals(1, withNulls.nullCount());
            assertEquals(Arrays.asList(0L, null, 20L), withNulls.toList());
            RecordBatch b = RecordBatch.builder().add("x", withNulls).build();
            assertEquals(Arrays.asList(0L, null, 20L), b.int64("x").toList());
            arena.close();
            assertThrows(IllegalStateException.class, () -> plain.get(0), "closed memory is never read");
        }
    }

    @Test
    void wrapsDirectAndHeapByteBuffers() {
        ByteBuffer direct = ByteBuffer.allocateDirect(12).order(ByteOrder.LITTLE_ENDIAN);
        direct.putFloat(1.5f).putFloat(-2f).putFloat(3f).flip();
        direct.position(4); // from the position
        Array f = Arrow.wrap(ArrowTypes.FLOAT32, 2, direct);
        assertEquals(List.of(-2f, 3f), f.toList());
        assertEquals(4, direct.position(), "position unchanged");
        ByteBuffer validity = ByteBuffer.wrap(new byte[] {0b10});
        assertEquals(Arrays.asList(null, 3f), Arrow.wrap(ArrowTypes.FLOAT32, 2, direct, validity).toList());
        Array bools = Arrow.wrap(ArrowTypes.BOOL, 3, ByteBuffer.wrap(new byte[] {0b110}));
        assertEquals(List.of(false, true, true), bools.toList());
    }

    @Test
    void wrappedAndBulkColumnsRoundTripThroughIpc() throws java.io.IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocate(4 * 4);
            for (int i = 0; i < 4; i++) values.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, i * i);
            MemorySegment bitmap = arena.allocate(1);
            bitmap.set(ValueLayout.JAVA_BYTE, 0, (byte) 0b1011);
            RecordBatch b = RecordBatch.builder().add("sq", Arrow.wrap(ArrowTypes.INT32, 4, values, bitmap))
                    .add("f", Arrow.float64(new double[] {1, 2, 3, 4})).add("ok", Arrow.bool(new boolean[] {true, false, true, true}))
                    .build();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (var w = dev.quiver.ipc.Ipc.newStream(out, b.schema())) {
                w.write(b);
            }
            try (var r = dev.quiver.ipc.Ipc.open(out.toByteArray())) {
                RecordBatch back = r.readNext();
                assertEquals(Arrays.asList(0, 1, null, 9), back.int32("sq").toList());
                assertEquals(List.of(1.0, 2.0, 3.0, 4.0), back.float64("f").toList());
                assertEquals(List.of(true, false, true, true), back.bool("ok").toList());
            }
        }
    }

    @Test
    void bulkBuildersCopy() {
        long[] longs = {1, -2, Long.MAX_VALUE};
        Int64Array l = Arrow.int64(longs);
        longs[0] = 99;
        assertEquals(List.of(1L, -2L, Long.MAX_VALUE), l.toList());
        assertEquals(List.of(1, -2), Arrow.int32(new int[] {1, -2}).toList());
        assertEquals(List.of((short) 1, (short) -2), Arrow.int16(new short[] {1, -2}).toList());
        assertEquals(List.of((byte) 1, (byte) -2), Arrow.int8(new byte[] {1, -2}).toList());
        assertEquals(List.of((short) 255), Arrow.uint8(new byte[] {(byte) 255}).toList());
        assertEquals(List.of(65535), Arrow.uint16(new short[] {-1}).toList());
        assertEquals(List.of(4294967295L), Arrow.uint32(new int[] {-1}).toList());
        assertEquals(List.of(BigInteger.TWO.pow(64).subtract(BigInteger.ONE)), Arrow.uint64(new long[] {-1}).toList());
        assertEquals(List.of(0.5, Double.NaN), Arrow.float64(new double[] {0.5, Double.NaN}).toList());
        assertEquals(List.of(0.5f), Arrow.float32(new float[] {0.5f}).toList());
        boolean[] bits = new boolean[19];
        bits[0] = bits[9] = bits[18] = true;
        BooleanArray b = Arrow.bool(bits);
        for (int i = 0; i < bits.length; i++) assertEquals(bits[i], b.get(i), "bit " + i);
        assertEquals(0, Arrow.int64(new long[0]).length());
        assertNull(ArrayEquality.compare(Arrow.int32(1, 2), Arrow.int32(new int[] {1, 2})));
        assertFalse(Arrow.float64(new double[] {1}).isNull(0));
    }
}
