package dev.quiver.array;

import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.IntervalUnit;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowTypes;
import dev.quiver.validate.ValidationLevel;
import dev.quiver.validate.Validator;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArraysRoundTripTest {

    static List<Object> values(Object... v) {
        return java.util.Arrays.asList(v);
    }

    /** Builds, reads back, slices at every offset, validates FULL, copies, and compares. */
    static Array roundTrip(Field field, List<?> values, Class<? extends Array> view) {
        Array a = Arrow.of(field, values);
        assertInstanceOf(view, a);
        assertEquals(values.size(), a.length());
        assertValues(values, a);
        Validator.validate(field, a.data(), ValidationLevel.FULL);
        long nulls = values.stream().filter(Objects::isNull).count();
        if (!(a.type() instanceof ArrowType.Null) && !(a.type() instanceof ArrowType.RunEndEncoded)) {
            assertEquals(nulls, a.nullCount());
            if (nulls == 0 && Layout.hasValidity(a.type())) assertSame(ArrayData.ABSENT, a.data().buffer(0));
        }
        for (MemorySegment b : a.data().buffers()) assertEquals(0, b.byteSize() % 8, "buffers are 8-byte padded");
        for (int from = 0; from <= values.size(); from++) {
            for (int len = 0; from + len <= values.size(); len++) {
                Array s = a.slice(from, len);
                assertValues(values.subList(from, from + len), s);
                Validator.validate(field, s.data(), ValidationLevel.FULL);
                assertNull(ArrayEquality.compare(Arrow.of(field, values.subList(from, from + len)), s));
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            ArrayData copy = ArrayCopier.copy(a.slice(1, values.size() - 1).data(), arena);
            assertValues(values.subList(1, values.size()), Array.of(copy));
            assertNull(ArrayEquality.compare(field, a.slice(1, values.size() - 1).data(), copy));
        }
        return a;
    }

    static Array roundTrip(ArrowType type, List<?> values, Class<? extends Array> view) {
        return roundTrip(Field.nullable("x", type), values, view);
    }

    static void assertValues(List<?> expected, Array a) {
        assertEquals(expected.size(), a.length());
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            Object v = a.getObject(i);
            assertTrue(deepEquals(e, v), "slot " + i + ": expected " + e + ", got " + v + " in " + a);
            assertEquals(e == null, a.isNull(i) || v == null, "null at " + i);
        }
    }

    static boolean deepEquals(Object e, Object v) {
        if (e instanceof List<?> el && v instanceof List<?> vl) {
            if (el.size() != vl.size()) return false;
            for (int k = 0; k < el.size(); k++) if (!deepEquals(el.get(k), vl.get(k))) return false;
            return true;
        }
        return Objects.deepEquals(e, v);
    }

    @Test
    void nulls() {
        roundTrip(ArrowTypes.NULL, values(null, null, null), NullArray.class);
    }

    @Test
    void booleans() {
        BooleanArray a = (BooleanArray) roundTrip(ArrowTypes.BOOL,
                values(true, false, null, true, true, false, false, true, true, null), BooleanArray.class);
        assertTrue(a.get(0));
        roundTrip(ArrowTypes.BOOL, values(true, false, true), BooleanArray.class);
    }

    @Test
    void signedIntegers() {
        Int8Array i8 = (Int8Array) roundTrip(ArrowTypes.INT8, values((byte) -128, null, (byte) 127), Int8Array.class);
        assertEquals(-128, i8.get(0));
        roundTrip(ArrowTypes.INT16, values((short) -32768, (short) 7, null), Int16Array.class);
        Int32Array i32 = (Int32Array) roundTrip(ArrowTypes.INT32, values(1, null, Integer.MIN_VALUE, 4), Int32Array.class);
        assertEquals(Integer.MIN_VALUE, i32.get(2));
        assertEquals(Integer.MIN_VALUE, i32.slice(1, 2).data().buffer(1).get(dev.quiver.memory.LE.INT, 8));
        roundTrip(ArrowTypes.INT64, values(Long.MAX_VALUE, null, -1L), Int64Array.class);
        assertEquals(List.of(1, 2), Arrow.int32(1, 2).toList());
        assertEquals(values(5L, null), Arrow.int64(5, null).toList());
        assertEquals(values((Object) null), Arrow.int32((Integer) null).toList());
    }

    @Test
    void unsignedIntegers() {
        UInt8Array u8 = (UInt8Array) roundTrip(ArrowTypes.UINT8, values((short) 255, null, (short) 0), UInt8Array.class);
        assertEquals((byte) -1, u8.get(0));
        assertEquals(255, u8.getUnsigned(0));
        UInt16Array u16 = (UInt16Array) roundTrip(ArrowTypes.UINT16, values(65535, null, 1), UInt16Array.class);
        assertEquals(65535, u16.getUnsigned(0));
        UInt32Array u32 = (UInt32Array) roundTrip(ArrowTypes.UINT32, values(4294967295L, 3L, null), UInt32Array.class);
        assertEquals(-1, u32.get(0));
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        UInt64Array u64 = (UInt64Array) roundTrip(ArrowTypes.UINT64, values(max, null, BigInteger.TEN), UInt64Array.class);
        assertEquals(-1L, u64.get(0));
        assertEquals(max, u64.getUnsigned(0));
        assertThrows(IllegalArgumentException.class, () -> Arrow.uint8(256));
        assertThrows(IllegalArgumentException.class, () -> Arrow.uint32(-1));
        assertThrows(IllegalArgumentException.class, () -> Arrow.int8(128));
    }

    @Test
    void floats() {
        roundTrip(ArrowTypes.FLOAT32, values(1.5f, null, Float.NaN, -0.0f), Float32Array.class);
        roundTrip(ArrowTypes.FLOAT64, values(1.5, null, Double.NEGATIVE_INFINITY, Double.MIN_VALUE), Float64Array.class);
        Float16Array h = (Float16Array) roundTrip(ArrowTypes.FLOAT16,
                values(1.5f, null, Float.POSITIVE_INFINITY, Float.NaN, 65504f, -2f), Float16Array.class);
        assertEquals((short) 0x3e00, h.getBits(0));
    }

    @Test
    void float16Conversion() {
        short[] bits = {0x0000, (short) 0x8000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0x7bff, 0x7c00, (short) 0xfc00, 0x7e00,
                0x7c01};
        float[] expected = {0f, -0f, 5.9604645e-8f, 6.0975552e-5f, 6.1035156e-5f, 1f, 65504f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.NaN};
        FixedWidthBuilder b = new FixedWidthBuilder(ArrowTypes.FLOAT16);
        for (short s : bits) b.appendShort(s);
        Float16Array a = (Float16Array) b.buildArray();
        for (int i = 0; i < bits.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(a.get(i)), "bits " + bits[i]);
            assertEquals(bits[i], a.getBits(i));
        }
    }

    @Test
    void strings() {
        Utf8Array s = (Utf8Array) roundTrip(ArrowTypes.UTF8, values("a", null, "", "héllo wörld ✓ 𝄞"), Utf8Array.class);
        assertEquals("héllo wörld ✓ 𝄞", s.getString(3));
        assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), s.getBytes(0));
        assertEquals(1, s.getSegment(0).byteSize());
        roundTrip(ArrowTypes.LARGE_UTF8, values("x", "yy", null), LargeUtf8Array.class);
        roundTrip(ArrowTypes.UTF8_VIEW, values("short", null, "a string longer than 12 bytes", ""), OtherArray.class);
    }

    @Test
    void utf8DecodesNativeSegments() {
        Utf8Array s = Arrow.utf8("abc", "défi");
        try (Arena arena = Arena.ofConfined()) {
            Utf8Array copy = (Utf8Array) Array.of(ArrayCopier.copy(s.data(), arena));
            assertEquals("défi", copy.getString(1));
        }
    }

    @Test
    void binaries() {
        roundTrip(ArrowTypes.BINARY, values(new byte[] {1, 2}, null, new byte[0]), BinaryArray.class);
        roundTrip(ArrowTypes.LARGE_BINARY, values(new byte[] {9}, null), LargeBinaryArray.class);
        roundTrip(ArrowTypes.fixedSizeBinary(3), values(new byte[] {1, 2, 3}, null, new byte[] {4, 5, 6}),
                FixedSizeBinaryArray.class);
        roundTrip(ArrowTypes.fixedSizeBinary(0), values(new byte[0], null), FixedSizeBinaryArray.class);
        roundTrip(ArrowTypes.BINARY_VIEW, values(new byte[20], null, new byte[] {1}), OtherArray.class);
        assertThrows(IllegalArgumentException.class,
                () -> Arrow.of(ArrowTypes.fixedSizeBinary(3), List.of(new byte[2])));
    }

    @Test
    void decimals() {
        for (int bits : new int[] {32, 64, 128, 256}) {
            ArrowType.Decimal t = new ArrowType.Decimal(9, 3, bits);
            DecimalArray d = (DecimalArray) roundTrip(t, values(new BigDecimal("123456.789"), null,
                    new BigDecimal("-0.001"), new BigDecimal("0.000")), DecimalArray.class);
            assertEquals(BigInteger.valueOf(123456789), d.getUnscaled(0));
        }
        ArrowType.Decimal wide = ArrowTypes.decimal256(76, 0);
        BigDecimal big = new BigDecimal("-" + "9".repeat(76));
        roundTrip(wide, values(big, null), DecimalArray.class);
        assertThrows(IllegalArgumentException.class, () -> Arrow.decimal128(3, 1, new BigDecimal("1.25")));
        assertThrows(IllegalArgumentException.class, () -> Arrow.decimal128(3, 1, new BigDecimal("1000")));
    }

    @Test
    void datesAndTimes() {
        Date32Array d = (Date32Array) roundTrip(ArrowTypes.DATE32,
                values(LocalDate.of(1969, 12, 31), null, LocalDate.of(2024, 2, 29)), Date32Array.class);
        assertEquals(-1, d.getDays(0));
        Date64Array d64 = (Date64Array) roundTrip(ArrowTypes.DATE64, values(LocalDate.of(1900, 1, 1), null),
                Date64Array.class);
        assertEquals(LocalDate.of(1900, 1, 1).toEpochDay() * 86_400_000L, d64.get(0));
        roundTrip(ArrowTypes.time32(ArrowTimeUnit.SECOND), values(LocalTime.of(23, 59, 59), null), Time32Array.class);
        roundTrip(ArrowTypes.time32(ArrowTimeUnit.MILLISECOND), values(LocalTime.of(1, 2, 3, 4_000_000), null), Time32Array.class);
        roundTrip(ArrowTypes.time64(ArrowTimeUnit.MICROSECOND), values(LocalTime.of(1, 2, 3, 4_000), null), Time64Array.class);
        Time64Array t = (Time64Array) roundTrip(ArrowTypes.time64(ArrowTimeUnit.NANOSECOND),
                values(LocalTime.MAX, null, LocalTime.MIDNIGHT), Time64Array.class);
        assertEquals(86_400_000_000_000L - 1, t.get(0));
        assertThrows(IllegalArgumentException.class,
                () -> Arrow.of(ArrowTypes.time32(ArrowTimeUnit.SECOND), List.of(LocalTime.of(1, 1, 1, 5))));
    }

    @Test
    void timestamps() {
        Instant t = Instant.parse("1969-12-31T23:59:59.123456789Z");
        TimestampArray tz = (TimestampArray) roundTrip(ArrowTypes.timestamp(ArrowTimeUnit.NANOSECOND, "UTC"),
                values(t, null, Instant.EPOCH), TimestampArray.class);
        assertEquals(-876543211L, tz.get(0));
        assertEquals("UTC", tz.timezone());
        roundTrip(ArrowTypes.timestamp(ArrowTimeUnit.SECOND, "+01:00"), values(Instant.ofEpochSecond(-5), null),
                TimestampArray.class);
        TimestampArray local = (TimestampArray) roundTrip(ArrowTypes.timestamp(ArrowTimeUnit.MILLISECOND),
                values(LocalDateTime.of(2000, 1, 2, 3, 4, 5, 6_000_000), null), TimestampArray.class);
        assertEquals(LocalDateTime.of(2000, 1, 2, 3, 4, 5, 6_000_000), local.getLocalDateTime(0));
        roundTrip(ArrowTypes.timestamp(ArrowTimeUnit.MICROSECOND), values(LocalDateTime.of(1600, 1, 1, 0, 0), null),
                TimestampArray.class);
    }

    @Test
    void durationsAndIntervals() {
        DurationArray d = (DurationArray) roundTrip(ArrowTypes.duration(ArrowTimeUnit.MILLISECOND),
                values(Duration.ofMillis(-1500), null), DurationArray.class);
        assertEquals(-1500, d.get(0));
        roundTrip(ArrowTypes.duration(ArrowTimeUnit.NANOSECOND), values(Duration.ofNanos(5), null), DurationArray.class);
        roundTrip(ArrowTypes.MONTH_INTERVAL, values(Period.ofMonths(14), null, Period.ofMonths(-3)),
                IntervalYearMonthArray.class);
        roundTrip(ArrowTypes.DAY_TIME_INTERVAL, values(new DayTime(1, -2), null), IntervalDayTimeArray.class);
        IntervalMonthDayNanoArray m = (IntervalMonthDayNanoArray) roundTrip(
                new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO),
                values(new MonthDayNano(1, 2, 3_000_000_000_000L), null, new MonthDayNano(-1, -2, -3)),
                IntervalMonthDayNanoArray.class);
        assertEquals(3_000_000_000_000L, m.getNanos(0));
    }

    @Test
    void structs() {
        Field f = Field.nullable("s", ArrowTypes.STRUCT, Field.nullable("a", ArrowTypes.INT32), Field.nullable("b", ArrowTypes.UTF8));
        Map<String, Object> row = new java.util.HashMap<>();
        row.put("a", 2);
        row.put("b", null);
        StructArray s = (StructArray) roundTrip(f, values(List.of(1, "x"), null, values(2, null), values(null, "z")),
                StructArray.class);
        assertNull(ArrayEquality.compare(s, Arrow.of(f, values(List.of(1, "x"), null, row, Map.of("b", "z")))));
        Array a = s.slice(2, 2);
        assertEquals(values(2, null), ((StructArray) a).field(0).toList());
        assertEquals(values(2, null), a.getObject(0));
    }

    @Test
    void lists() {
        Field item = Field.nullable("item", ArrowTypes.INT64);
        List<Object> v = values(List.of(1L, 2L), null, List.of(), values(3L, null));
        ListArray l = (ListArray) roundTrip(Field.nullable("l", ArrowTypes.LIST, item), v, ListArray.class);
        assertEquals(List.of(1L, 2L), l.get(0).toList());
        assertEquals(2, l.valueLength(3));
        roundTrip(Field.nullable("l", ArrowTypes.LARGE_LIST, item), v, LargeListArray.class);
        roundTrip(Field.nullable("l", new ArrowType.ListView(), item), v, OtherArray.class);
        roundTrip(Field.nullable("l", new ArrowType.LargeListView(), item), v, OtherArray.class);
        FixedSizeListArray fl = (FixedSizeListArray) roundTrip(Field.nullable("l", new ArrowType.FixedSizeList(2), item),
                values(List.of(1L, 2L), null, values(null, 4L)), FixedSizeListArray.class);
        assertEquals(values(null, 4L), fl.get(2).toList());
        Field nested = Field.nullable("ll", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.LIST, Field.nullable("i", ArrowTypes.UTF8)));
        roundTrip(nested, values(List.of(List.of("a"), List.of()), null, List.of(values("b", null))), ListArray.class);
    }

    @Test
    void maps() {
        Field f = Field.nullable("m", new ArrowType.Map(false), Field.notNull("entries", ArrowTypes.STRUCT,
                Field.notNull("key", ArrowTypes.UTF8), Field.nullable("value", ArrowTypes.INT32)));
        Map<String, Integer> m1 = new java.util.LinkedHashMap<>();
        m1.put("a", 1);
        m1.put("b", null);
        roundTrip(f, values(m1, null, Map.of(), Map.of("c", 3)), MapArray.class);
    }

    @Test
    void dictionaries() {
        Field f = Field.nullable("d", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(3).withIndexType(ArrowTypes.INT8));
        DictionaryArray d = (DictionaryArray) roundTrip(f, values("x", "y", null, "x", "z"), DictionaryArray.class);
        assertEquals(List.of("x", "y", "z"), d.dictionary().toList());
        assertEquals(2, d.getIndex(4));
        assertEquals(ArrowTypes.INT8, d.indexType());
        DictionaryArray manual = Arrow.dictionary(Arrow.int32(1, 0, null), Arrow.utf8("p", "q"));
        assertEquals(values("q", "p", null), manual.toList());
    }

    @Test
    void runEndEncoded() {
        Field f = Field.nullable("r", new ArrowType.RunEndEncoded(), Field.notNull("run_ends", ArrowTypes.INT16),
                Field.nullable("values", ArrowTypes.UTF8));
        Array r = roundTrip(f, values("a", "a", null, null, "b", "a"), OtherArray.class);
        assertEquals(4, r.data().child(0).length());
    }

    @Test
    void unionView() {
        ArrowType.Union u = new ArrowType.Union(dev.quiver.type.UnionMode.DENSE, new int[] {3, 5});
        MemorySegment ids = MemorySegment.ofArray(new byte[] {3, 5, 3, 0, 0, 0, 0, 0});
        MemorySegment offsets = MemorySegment.ofArray(new int[] {0, 0, 1, 0});
        ArrayData d = new ArrayData(u, 3, 0, 0, new MemorySegment[] {ids, offsets},
                new ArrayData[] {Arrow.int32(10, 11).data(), Arrow.utf8("s").data()}, null);
        Array a = Array.of(d);
        assertEquals(values(10, "s", 11), a.toList());
        assertEquals(values("s", 11), a.slice(1, 2).toList());
        Validator.validate(d, ValidationLevel.FULL, "u");
    }

    @Test
    void nestedTypesNeedAField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arrow.of(ArrowTypes.LIST, List.of(List.of(1))));
        assertTrue(e.getMessage().contains("Arrow.of(Field, List)"), e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> Arrow.of(ArrowTypes.INT32, List.of("nope")));
        assertTrue(w.getMessage().contains("value 0"), w.getMessage());
    }

    @Test
    void builderGrowsAcrossManyValues() {
        VarBinaryBuilder b = new VarBinaryBuilder(ArrowTypes.UTF8);
        FixedWidthBuilder f = new FixedWidthBuilder(ArrowTypes.INT64);
        BooleanBuilder bo = new BooleanBuilder();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            if (i % 7 == 3) {
                b.appendNull();
                f.appendNull();
                bo.appendNull();
                expected.add(null);
            } else {
                b.append("v" + i);
                f.appendLong(i);
                bo.append(i % 2 == 0);
                expected.add(i);
            }
        }
        Utf8Array s = (Utf8Array) b.buildArray();
        Int64Array l = (Int64Array) f.buildArray();
        BooleanArray bools = (BooleanArray) bo.buildArray();
        for (int i = 0; i < 5000; i++) {
            assertEquals(expected.get(i) == null ? null : "v" + i, s.getObject(i));
            assertEquals(expected.get(i) == null ? null : (long) i, l.getObject(i));
            assertEquals(expected.get(i) == null ? null : i % 2 == 0, bools.getObject(i));
        }
        assertEquals(expected.stream().filter(Objects::isNull).count(), s.nullCount());
        Validator.validate(s.data(), ValidationLevel.FULL, "s");
    }

    @Test
    void fixedWidthBuilderChecksWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FixedWidthBuilder(ArrowTypes.INT32).appendLong(1));
        assertTrue(e.getMessage().contains("appendLong writes 8 bytes but int32 values are 4 bytes wide"));
    }

    @Test
    void toStringShowsValues() {
        assertEquals("[1, null, 3]", Arrow.int32(1, null, 3).toString());
        assertEquals("[\"a\", null]", Arrow.utf8("a", null).toString());
    }
}
