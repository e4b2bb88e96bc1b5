package dev.quiver.validate;

import dev.quiver.InvalidDataException;
import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Arrow;
import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.UnionMode;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidatorTest {
    private static final MemorySegment NONE = ArrayData.ABSENT;

    static MemorySegment ints(int... v) {
        MemorySegment s = MemorySegment.ofArray(new byte[v.length * 4]);
        for (int i = 0; i < v.length; i++) s.set(LE.INT, i * 4L, v[i]);
        return s;
    }

    static MemorySegment longs(long... v) {
        MemorySegment s = MemorySegment.ofArray(new byte[v.length * 8]);
        for (int i = 0; i < v.length; i++) s.set(LE.LONG, i * 8L, v[i]);
        return s;
    }

    static MemorySegment bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return MemorySegment.ofArray(b);
    }

    static ArrayData data(ArrowType t, int length, int offset, int nulls, MemorySegment... buffers) {
        return new ArrayData(t, length, offset, nulls, buffers, null, null);
    }

    static InvalidDataException fails(ArrayData d, ValidationLevel level, String path, String... fragments) {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> Validator.validate(d, level, path));
        assertEquals(path, e.fieldPath());
        assertTrue(e.getMessage().contains("field '" + path + "'"), e.getMessage());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        return e;
    }

    // ---- negative: BASIC ---------------------------------------------------------------------

    @Test
    void valuesBufferTooShort() {
        fails(data(ArrowTypes.INT32, 3, 0, 0, NONE, ints(1, 2)), ValidationLevel.BASIC, "x",
                "values buffer too short", "8 bytes, needs 12");
    }

    @Test
    void valuesBufferTooShortForOffset() {
        fails(data(ArrowTypes.INT64, 2, 1, 0, NONE, longs(1, 2)), ValidationLevel.BASIC, "x",
                "values buffer too short", "needs 24", "offset 1");
    }

    @Test
    void validityBitmapTooShort() {
        fails(data(ArrowTypes.INT8, 9, 0, 1, bytes(0xff), bytes(1, 2, 3, 4, 5, 6, 7, 8, 9)), ValidationLevel.BASIC, "b",
                "validity bitmap too short", "1 bytes, needs 2");
    }

    @Test
    void boolValuesTooShort() {
        fails(data(ArrowTypes.BOOL, 9, 0, 0, NONE, bytes(0xff)), ValidationLevel.BASIC, "flag", "values buffer too short");
    }

    @Test
    void nullsWithoutBitmap() {
        fails(data(ArrowTypes.INT32, 2, 0, 1, NONE, ints(1, 2)), ValidationLevel.BASIC, "x",
                "null count is 1 but there is no validity bitmap");
    }

    @Test
    void wrongBufferCount() {
        fails(data(ArrowTypes.UTF8, 1, 0, 0, NONE, ints(0, 1)), ValidationLevel.BASIC, "s", "needs 3 buffers, found 2");
    }

    @Test
    void offsetsBufferTooShort() {
        fails(data(ArrowTypes.UTF8, 3, 0, 0, NONE, ints(0, 1, 2), bytes('a', 'b', 'c')), ValidationLevel.BASIC, "s",
                "offsets buffer too short", "needs 16 for 4 offsets");
    }

    @Test
    void lastOffsetBeyondData() {
        fails(data(ArrowTypes.UTF8, 2, 0, 0, NONE, ints(0, 1, 9), bytes('a', 'b')), ValidationLevel.BASIC, "s",
                "last offset 9 is beyond the data buffer size (2)");
    }

    @Test
    void negativeFirstOffset() {
        fails(data(ArrowTypes.LARGE_BINARY, 1, 0, 0, NONE, longs(-4, 1), bytes('a')), ValidationLevel.BASIC, "s",
                "first offset -4 is negative");
    }

    @Test
    void listOffsetBeyondChild() {
        ArrayData child = Arrow.int32(1, 2).data();
        ArrayData list = new ArrayData(ArrowTypes.LIST, 1, 0, 0, new MemorySegment[] {NONE, ints(0, 3)},
                new ArrayData[] {child}, null);
        fails(list, ValidationLevel.BASIC, "l", "last offset 3 is beyond the child length (2)");
    }

    @Test
    void structChildTooShort() {
        ArrayData child = Arrow.int32(1).data();
        ArrayData s = new ArrayData(ArrowTypes.STRUCT, 2, 0, 0, new MemorySegment[] {NONE}, new ArrayData[] {child}, null);
        Field f = Field.nullable("s", ArrowTypes.STRUCT, Field.nullable("a", ArrowTypes.INT32));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Validator.validate(f, s, ValidationLevel.BASIC));
        assertEquals("s.a", e.fieldPath());
        assertTrue(e.getMessage().contains("struct child too short: length 1, parent needs 2"), e.getMessage());
    }

    @Test
    void fixedSizeListChildTooShort() {
        ArrayData child = Arrow.int32(1, 2, 3).data();
        ArrayData l = new ArrayData(new ArrowType.FixedSizeList(2), 2, 0, 0, new MemorySegment[] {NONE},
                new ArrayData[] {child}, null);
        fails(l, ValidationLevel.BASIC, "fl", "fixed-size list child too short: 3 values, needs 4");
    }

    @Test
    void nestedErrorNamesChildPath() {
        ArrayData bad = data(ArrowTypes.UTF8, 1, 0, 0, NONE, ints(0, 5), bytes('a'));
        ArrayData s = new ArrayData(ArrowTypes.STRUCT, 1, 0, 0, new MemorySegment[] {NONE}, new ArrayData[] {bad}, null);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Validator.validate(s, ValidationLevel.BASIC, "s"));
        assertEquals("s.#0", e.fieldPath());
        assertTrue(e.getMessage().contains("last offset 5 is beyond the data buffer size (1) (field 's.#0')"),
                e.getMessage());
    }

    @Test
    void hugeFixedSizeBinaryDoesNotOverflow() {
        ArrayData d = data(new ArrowType.FixedSizeBinary(Integer.MAX_VALUE), Integer.MAX_VALUE, Integer.MAX_VALUE, 0,
                NONE, bytes(1));
        fails(d, ValidationLevel.BASIC, "f", "values size overflows");
        ArrayData l = new ArrayData(new ArrowType.FixedSizeList(Integer.MAX_VALUE), Integer.MAX_VALUE,
                Integer.MAX_VALUE, 0, new MemorySegment[] {NONE}, new ArrayData[] {Arrow.int8(1).data()}, null);
        fails(l, ValidationLevel.BASIC, "l", "fixed-size list child too short");
    }

    @Test
    void typeMismatchWithField() {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> Validator.validate(
                Field.nullable("x", ArrowTypes.INT64), Arrow.int32(1).data(), ValidationLevel.BASIC));
        assertTrue(e.getMessage().contains("array type int32 does not match field type int64"), e.getMessage());
    }

    @Test
    void runEndsBeforeLength() {
        ArrayData ends = Arrow.of(ArrowTypes.INT32, List.of(2)).data();
        ArrayData values = Arrow.int8(7).data();
        ArrayData ree = new ArrayData(new ArrowType.RunEndEncoded(), 3, 0, 0, new MemorySegment[0],
                new ArrayData[] {ends, values}, null);
        fails(ree, ValidationLevel.BASIC, "r", "last run end 2 is before offset + length 3");
    }

    // ---- negative: FULL ----------------------------------------------------------------------

    @Test
    void nonMonotonicOffsets() {
        ArrayData d = data(ArrowTypes.UTF8, 3, 0, 0, NONE, ints(0, 2, 1, 3), bytes('a', 'b', 'c'));
        assertDoesNotThrow(() -> Validator.validate(d, ValidationLevel.BASIC, "s"));
        fails(d, ValidationLevel.FULL, "s", "offsets decrease at slot 1: 2 then 1");
    }

    @Test
    void nonMonotonicListOffsets() {
        ArrayData child = Arrow.int32(1, 2, 3).data();
        ArrayData list = new ArrayData(ArrowTypes.LARGE_LIST, 2, 0, 0, new MemorySegment[] {NONE, longs(0, 3, 2)},
                new ArrayData[] {child}, null);
        fails(list, ValidationLevel.FULL, "l", "offsets decrease at slot 1: 3 then 2");
    }

    @Test
    void offsetDecreasesAreFoundWhereverTheyAreAndWhateverTheirSize() {
        // int32: a decrease at the very end, one hidden between large values, one inside a sliced range
        fails(data(ArrowTypes.UTF8, 4, 0, 0, NONE, ints(0, 1, 2, 3, 2), bytes('a', 'b', 'c')), ValidationLevel.FULL, "s",
                "offsets decrease at slot 3: 3 then 2");
        fails(data(ArrowTypes.UTF8, 3, 0, 0, NONE, ints(0, Integer.MAX_VALUE, Integer.MIN_VALUE, 3), bytes('a', 'b', 'c')),
                ValidationLevel.FULL, "s", "offsets decrease at slot 1: 2147483647 then -2147483648");
        fails(data(ArrowTypes.UTF8, 2, 1, 0, NONE, ints(9, 0, 2, 1), bytes('a', 'b')), ValidationLevel.FULL, "s",
                "offsets decrease at slot 1: 2 then 1");
        // the decrease before the slice's range is not part of the array
        assertDoesNotThrow(() -> Validator.validate(data(ArrowTypes.UTF8, 2, 1, 0, NONE, ints(9, 0, 1, 2), bytes('a', 'b')),
                ValidationLevel.FULL, "s"));
        // int64: differences that overflow a long must still count as decreases
        ArrayData child = Arrow.int32(1, 2, 3).data();
        for (long[] offsets : new long[][] {{0, Long.MAX_VALUE, Long.MIN_VALUE, 3}, {0, Long.MIN_VALUE, 1, 3},
                                            {0, 2, Long.MIN_VALUE + 1, 3}}) {
            ArrayData list = new ArrayData(ArrowTypes.LARGE_LIST, 3, 0, 0, new MemorySegment[] {NONE, longs(offsets)},
                    new ArrayData[] {child}, null);
            fails(list, ValidationLevel.FULL, "l", "offsets decrease at slot");
        }
        ArrayData rising = new ArrayData(ArrowTypes.LARGE_LIST, 3, 0, 0, new MemorySegment[] {NONE, longs(0, 0, 1, 3)},
                new ArrayData[] {child}, null);
        assertDoesNotThrow(() -> Validator.validate(rising, ValidationLevel.FULL, "l"));
    }

    @Test
    void invalidUtf8() {
        ArrayData d = data(ArrowTypes.UTF8, 2, 0, 0, NONE, ints(0, 1, 3), bytes('a', 0xc3, 0x28));
        assertDoesNotThrow(() -> Validator.validate(d, ValidationLevel.BASIC, "s"));
        fails(d, ValidationLevel.FULL, "s", "invalid UTF-8 in value 1 at byte 0 (byte 0xc3)");
    }

    @Test
    void invalidUtf8Kinds() {
        int[][] bad = {{0xc0, 0xaf}, {0xe0, 0x80, 0xaf}, {0xed, 0xa0, 0x80}, {0xf4, 0x90, 0x80, 0x80},
                {0xff}, {0x80}, {0xe2, 0x82}, {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 0xfe}};
        for (int[] b : bad) {
            ArrayData d = data(ArrowTypes.LARGE_UTF8, 1, 0, 0, NONE, longs(0, b.length), bytes(b));
            fails(d, ValidationLevel.FULL, "s", "invalid UTF-8 in value 0");
        }
    }

    @Test
    void utf8SplitAcrossValuesIsInvalid() {
        // "é" is c3 a9; split over two values each value alone is ill-formed
        ArrayData d = data(ArrowTypes.UTF8, 2, 0, 0, NONE, ints(0, 1, 2), bytes(0xc3, 0xa9));
        fails(d, ValidationLevel.FULL, "s", "invalid UTF-8 in value 0");
    }

    @Test
    void invalidUtf8UnderNullSlotIsIgnored() {
        ArrayData d = data(ArrowTypes.UTF8, 2, 0, 1, bytes(0b01), ints(0, 1, 2), bytes('a', 0xff));
        assertDoesNotThrow(() -> Validator.validate(d, ValidationLevel.FULL, "s"));
    }

    @Test
    void invalidUtf8AfterLongAsciiRunIsFound() {
        String[] values = new String[60];
        java.util.Arrays.fill(values, "Montpellier");
        values[41] = "Nîmes";
        ArrayData ok = Arrow.utf8(values).data();
        assertDoesNotThrow(() -> Validator.validate(ok, ValidationLevel.FULL, "s"));
        byte[] data = String.join("", values).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = 41 * 11 + 2; // the second byte of "î" (N is byte 0)
        data[at] = 0x28;
        int[] offsets = new int[61];
        for (int i = 0; i < 60; i++) offsets[i + 1] = offsets[i] + values[i].getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        ArrayData bad = data(ArrowTypes.UTF8, 60, 0, 0, NONE, ints(offsets), bytes(unsigned(data)));
        fails(bad, ValidationLevel.FULL, "s", "invalid UTF-8 in value 41 at byte 1 (byte 0xc3)");
    }

    private static int[] unsigned(byte[] b) {
        int[] v = new int[b.length];
        for (int i = 0; i < b.length; i++) v[i] = b[i] & 0xff;
        return v;
    }

    @Test
    void asciiCheckCoversOnlyTheSlicedRange() {
        byte[] raw = new byte[80];
        java.util.Arrays.fill(raw, (byte) 'x');
        raw[0] = (byte) 0xff; // before the slice
        raw[79] = (byte) 0xff; // after the slice
        int[] offsets = new int[9];
        for (int i = 0; i < 9; i++) offsets[i] = i * 10;
        ArrayData sliced = data(ArrowTypes.UTF8, 6, 1, 0, NONE, ints(offsets), bytes(unsigned(raw)));
        assertDoesNotThrow(() -> Validator.validate(sliced, ValidationLevel.FULL, "s"));
        fails(data(ArrowTypes.UTF8, 8, 0, 0, NONE, ints(offsets), bytes(unsigned(raw))), ValidationLevel.FULL, "s",
                "invalid UTF-8 in value 0 at byte 0 (byte 0xff)");
    }

    @Test
    void badDictionaryIndex() {
        ArrayData dict = Arrow.utf8("a", "b").data();
        ArrayData d = new ArrayData(ArrowTypes.INT8, 3, 0, 0, new MemorySegment[] {NONE, bytes(0, 1, 2)}, null, dict);
        assertDoesNotThrow(() -> Validator.validate(d, ValidationLevel.BASIC, "d"));
        fails(d, ValidationLevel.FULL, "d", "dictionary index 2 at slot 2 is outside the dictionary of 2 values");
        ArrayData neg = new ArrayData(ArrowTypes.INT8, 1, 0, 0, new MemorySegment[] {NONE, bytes(-1)}, null, dict);
        fails(neg, ValidationLevel.FULL, "d", "dictionary index -1 at slot 0");
        ArrayData big = new ArrayData(ArrowTypes.UINT64, 1, 0, 0, new MemorySegment[] {NONE, longs(-1)}, null, dict);
        fails(big, ValidationLevel.FULL, "d", "dictionary index 18446744073709551615 at slot 0");
    }

    @Test
    void badInt32DictionaryIndexWithoutNulls() {
        ArrayData dict = Arrow.utf8("a", "b", "c").data();
        ArrayData ok = new ArrayData(ArrowTypes.INT32, 4, 0, 0, new MemorySegment[] {NONE, ints(2, 0, 1, 2)}, null, dict);
        assertDoesNotThrow(() -> Validator.validate(ok, ValidationLevel.FULL, "d"));
        ArrayData high = new ArrayData(ArrowTypes.INT32, 4, 0, 0, new MemorySegment[] {NONE, ints(2, 0, 3, 1)}, null, dict);
        fails(high, ValidationLevel.FULL, "d", "dictionary index 3 at slot 2 is outside the dictionary of 3 values");
        ArrayData low = new ArrayData(ArrowTypes.INT32, 3, 0, 0, new MemorySegment[] {NONE, ints(0, 1, Integer.MIN_VALUE)},
                null, dict);
        fails(low, ValidationLevel.FULL, "d", "dictionary index -2147483648 at slot 2");
        // only the slots of a slice count: the bad index before it is outside the array
        ArrayData sliced = new ArrayData(ArrowTypes.INT32, 2, 1, 0, new MemorySegment[] {NONE, ints(7, 1, 2)}, null, dict);
        assertDoesNotThrow(() -> Validator.validate(sliced, ValidationLevel.FULL, "d"));
        ArrayData slicedBad = new ArrayData(ArrowTypes.INT32, 2, 1, 0, new MemorySegment[] {NONE, ints(0, 1, 5)}, null, dict);
        fails(slicedBad, ValidationLevel.FULL, "d", "dictionary index 5 at slot 1");
        ArrayData empty = new ArrayData(ArrowTypes.INT32, 0, 0, 0, new MemorySegment[] {NONE, ints()}, null,
                Arrow.utf8().data());
        assertDoesNotThrow(() -> Validator.validate(empty, ValidationLevel.FULL, "d"));
        // a bad index under a null slot is not a value
        ArrayData nulls = new ArrayData(ArrowTypes.INT32, 2, 0, 1, new MemorySegment[] {bytes(0b01), ints(1, 99)}, null, dict);
        assertDoesNotThrow(() -> Validator.validate(nulls, ValidationLevel.FULL, "d"));
    }

    @Test
    void badDictionaryValues() {
        ArrayData dict = data(ArrowTypes.UTF8, 1, 0, 0, NONE, ints(0, 8), bytes('a'));
        ArrayData d = new ArrayData(ArrowTypes.INT8, 1, 0, 0, new MemorySegment[] {NONE, bytes(0)}, null, dict);
        fails(d, ValidationLevel.BASIC, "d", "dictionary: last offset 8");
    }

    @Test
    void nullCountMismatch() {
        ArrayData d = data(ArrowTypes.INT32, 2, 0, 1, bytes(0b11), ints(1, 2));
        assertDoesNotThrow(() -> Validator.validate(d, ValidationLevel.BASIC, "x"));
        fails(d, ValidationLevel.FULL, "x", "null count is 1 but the validity bitmap has 0 nulls");
    }

    @Test
    void badUnionTypeId() {
        ArrowType.Union u = new ArrowType.Union(UnionMode.SPARSE, new int[] {5, 7});
        ArrayData d = new ArrayData(u, 2, 0, 0, new MemorySegment[] {bytes(5, 6)},
                new ArrayData[] {Arrow.int32(1, 2).data(), Arrow.utf8("a", "b").data()}, null);
        fails(d, ValidationLevel.FULL, "u", "union slot 1 has undeclared type id 6");
    }

    @Test
    void badDenseUnionOffset() {
        ArrowType.Union u = new ArrowType.Union(UnionMode.DENSE, null);
        ArrayData d = new ArrayData(u, 2, 0, 0, new MemorySegment[] {bytes(0, 0), ints(0, 4)},
                new ArrayData[] {Arrow.int32(1, 2).data()}, null);
        fails(d, ValidationLevel.FULL, "u", "dense union slot 1 offset 4 is outside child 0 of length 2");
    }

    @Test
    void runEndsNotIncreasing() {
        ArrayData ends = Arrow.of(ArrowTypes.INT32, List.of(2, 2, 3)).data();
        ArrayData values = Arrow.int8(7, 8, 9).data();
        ArrayData ree = new ArrayData(new ArrowType.RunEndEncoded(), 3, 0, 0, new MemorySegment[0],
                new ArrayData[] {ends, values}, null);
        assertDoesNotThrow(() -> Validator.validate(ree, ValidationLevel.BASIC, "r"));
        fails(ree, ValidationLevel.FULL, "r", "run 1 ends at 2 after 2");
    }

    @Test
    void badViews() {
        MemorySegment views = MemorySegment.ofArray(new byte[16]);
        views.set(LE.INT, 0, 20);
        views.set(LE.INT, 8, 0);
        views.set(LE.INT, 12, 0);
        ArrayData d = data(ArrowTypes.BINARY_VIEW, 1, 0, 0, NONE, views, bytes(1, 2, 3));
        fails(d, ValidationLevel.FULL, "v", "view 0 range [0, 20) is outside data buffer 0 of 3 bytes");
        ArrayData shortViews = data(ArrowTypes.BINARY_VIEW, 2, 0, 0, NONE, views);
        fails(shortViews, ValidationLevel.BASIC, "v", "views buffer too short: 16 bytes, needs 32");
    }

    @Test
    void noneChecksNothing() {
        assertDoesNotThrow(() -> Validator.validate(data(ArrowTypes.INT32, 3, 0, 0, NONE, NONE), ValidationLevel.NONE, "x"));
    }

    // ---- positive ----------------------------------------------------------------------------

    @Test
    void builtArraysAreValid() {
        Field list = Field.nullable("l", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.UTF8));
        Field map = Field.nullable("m", new ArrowType.Map(false), Field.notNull("entries", ArrowTypes.STRUCT,
                Field.notNull("key", ArrowTypes.UTF8), Field.nullable("value", ArrowTypes.INT32)));
        Field dict = Field.nullable("d", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0));
        Field ree = Field.nullable("r", new ArrowType.RunEndEncoded(), Field.notNull("run_ends", ArrowTypes.INT32),
                Field.nullable("values", ArrowTypes.UTF8));
        List<Array> arrays = List.of(
                Arrow.int32(1, null, 3), Arrow.utf8("é", null, "longer than twelve"), Arrow.nulls(2),
                Arrow.bool(true, null), Arrow.decimal128(10, 2, new BigDecimal("1.25"), null),
                Arrow.of(ArrowTypes.timestamp(ArrowTimeUnit.MICROSECOND, "UTC"), java.util.Arrays.asList(Instant.EPOCH, null)),
                Arrow.of(ArrowTypes.UTF8_VIEW, java.util.Arrays.asList("short", null, "a much longer string value")),
                Arrow.date32(LocalDate.of(2024, 2, 29), null));
        for (Array a : arrays) {
            assertDoesNotThrow(() -> Validator.validate(a.data(), ValidationLevel.FULL, "x"));
            assertDoesNotThrow(() -> Validator.validate(a.slice(1, a.length() - 1).data(), ValidationLevel.FULL, "x"));
        }
        Array l = Arrow.of(list, java.util.Arrays.asList(List.of("a", "b"), null, List.of()));
        Validator.validate(list, l.data(), ValidationLevel.FULL);
        Validator.validate(list, l.slice(1, 2).data(), ValidationLevel.FULL);
        Array m = Arrow.of(map, java.util.Arrays.asList(Map.of("k", 1), null));
        Validator.validate(map, m.data(), ValidationLevel.FULL);
        Array d = Arrow.of(dict, java.util.Arrays.asList("x", "y", null, "x"));
        Validator.validate(dict, d.data(), ValidationLevel.FULL);
        Array r = Arrow.of(ree, java.util.Arrays.asList("a", "a", null, "b"));
        Validator.validate(ree, r.data(), ValidationLevel.FULL);
        Validator.validate(ree, r.slice(1, 2).data(), ValidationLevel.FULL);
    }

    @Test
    void emptyArrayWithEmptyOffsetsIsValid() {
        assertDoesNotThrow(() -> Validator.validate(data(ArrowTypes.UTF8, 0, 0, 0, NONE, NONE, NONE),
                ValidationLevel.FULL, "s"));
    }
}
