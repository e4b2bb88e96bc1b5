package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ArrayEqualityTest {

    static List<Object> values(Object... v) {
        return java.util.Arrays.asList(v);
    }

    @Test
    void reportsFirstValueDifference() {
        assertEquals("[1]: expected 2, got 5", ArrayEquality.compare(Arrow.int32(1, 2, 3), Arrow.int32(1, 5, 4)));
        assertEquals("x[2]: expected \"c\", got \"d\"", ArrayEquality.compare(Field.nullable("x", ArrowTypes.UTF8),
                Arrow.utf8("a", "b", "c").data(), Arrow.utf8("a", "b", "d").data()));
    }

    @Test
    void reportsNullDifferences() {
        assertEquals("[1]: expected null, got 2", ArrayEquality.compare(Arrow.int32(1, null), Arrow.int32(1, 2)));
        assertEquals("[0]: expected 1, got null", ArrayEquality.compare(Arrow.int32(1), Arrow.int32((Integer) null)));
    }

    @Test
    void reportsLengthAndTypeDifferences() {
        assertEquals("length mismatch: expected 2, got 1", ArrayEquality.compare(Arrow.int32(1, 2), Arrow.int32(1)));
        assertEquals("type mismatch: expected int32, got int64",
                ArrayEquality.compare(Arrow.int32(1), Arrow.int64(1)));
    }

    @Test
    void ignoresOffsetsBitmapPresenceAndValuesUnderNulls() {
        // offset 1 into [9, 1, 2] vs [1, 2]
        assertNull(ArrayEquality.compare(Arrow.int32(9, 1, 2).slice(1, 2), Arrow.int32(1, 2)));
        // all-set bitmap vs absent bitmap
        MemorySegment bitmap = MemorySegment.ofArray(new byte[] {0b11, 0, 0, 0, 0, 0, 0, 0});
        ArrayData withBitmap = new ArrayData(ArrowTypes.INT32, 2, 0, 0,
                new MemorySegment[] {bitmap, Arrow.int32(1, 2).data().buffer(1)}, null, null);
        assertNull(ArrayEquality.compare(withBitmap, Arrow.int32(1, 2).data()));
        // garbage under a null slot
        MemorySegment values = MemorySegment.ofArray(new int[] {1, 777, 0, 0});
        ArrayData garbage = new ArrayData(ArrowTypes.INT32, 2, 0, 1,
                new MemorySegment[] {MemorySegment.ofArray(new byte[] {0b01, 0, 0, 0, 0, 0, 0, 0}), values}, null, null);
        assertNull(ArrayEquality.compare(garbage, Arrow.int32(1, null).data()));
    }

    @Test
    void floatsCompareBitwiseExceptNaN() {
        assertNull(ArrayEquality.compare(Arrow.float64(Double.NaN), Arrow.float64(Double.longBitsToDouble(0x7ff8000000000123L))));
        assertEquals("[0]: expected 0.0, got -0.0", ArrayEquality.compare(Arrow.float32(0.0f), Arrow.float32(-0.0f)));
        assertNull(ArrayEquality.compare(Arrow.float16(Float.NaN), Arrow.of(ArrowTypes.FLOAT16, List.of(Float.NaN))));
        FixedWidthBuilder b = new FixedWidthBuilder(ArrowTypes.FLOAT16);
        b.appendShort((short) 0x7e01);
        assertNull(ArrayEquality.compare(Arrow.float16(Float.NaN), b.buildArray()));
        assertEquals("[0]: expected 1.0, got 2.0", ArrayEquality.compare(Arrow.float16(1), Arrow.float16(2)));
    }

    @Test
    void structPathsUseFieldNames() {
        Field f = Field.nullable("s", ArrowTypes.STRUCT, Field.nullable("a", ArrowTypes.INT32), Field.nullable("b", ArrowTypes.UTF8));
        Array e = Arrow.of(f, values(List.of(1, "x"), List.of(2, "y"), List.of(3, "z"), List.of(5, "w")));
        Array a = Arrow.of(f, values(List.of(1, "x"), List.of(2, "y"), List.of(3, "z"), List.of(6, "w")));
        assertEquals("s.a[3]: expected 5, got 6", ArrayEquality.compare(f, e.data(), a.data()));
        assertEquals("#0[3]: expected 5, got 6", ArrayEquality.compare(e, a));
    }

    @Test
    void childValuesUnderNullStructsAreIgnored() {
        Field f = Field.nullable("s", ArrowTypes.STRUCT, Field.nullable("a", ArrowTypes.INT32));
        ArrayData child = Arrow.int32(1, 99).data();
        ArrayData other = Arrow.int32(1, 42).data();
        MemorySegment bitmap = MemorySegment.ofArray(new byte[] {0b01, 0, 0, 0, 0, 0, 0, 0});
        ArrayData e = new ArrayData(ArrowTypes.STRUCT, 2, 0, 1, new MemorySegment[] {bitmap}, new ArrayData[] {child}, null);
        ArrayData a = new ArrayData(ArrowTypes.STRUCT, 2, 0, 1, new MemorySegment[] {bitmap}, new ArrayData[] {other}, null);
        assertNull(ArrayEquality.compare(f, e, a));
    }

    @Test
    void listPathsShowListAndElementIndex() {
        Field f = Field.nullable("l", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.INT32));
        Array e = Arrow.of(f, values(List.of(1), null, List.of(2, 3)));
        assertEquals("l[2][1]: expected 3, got 4",
                ArrayEquality.compare(f, e.data(), Arrow.of(f, values(List.of(1), null, List.of(2, 4))).data()));
        assertEquals("l[2]: list length mismatch: expected 2, got 1",
                ArrayEquality.compare(f, e.data(), Arrow.of(f, values(List.of(1), null, List.of(2))).data()));
        // same logical lists, different offsets into a differently laid-out child
        ArrayData child = Arrow.int32(0, 0, 1, 2, 3).data();
        ArrayData shifted = new ArrayData(ArrowTypes.LIST, 3, 0, 1,
                new MemorySegment[] {MemorySegment.ofArray(new byte[] {0b101, 0, 0, 0, 0, 0, 0, 0}),
                        MemorySegment.ofArray(new int[] {2, 3, 3, 5})}, new ArrayData[] {child}, null);
        assertNull(ArrayEquality.compare(f, e.data(), shifted));
    }

    @Test
    void mapAndNestedStructPaths() {
        Field f = Field.nullable("m", new ArrowType.Map(false), Field.notNull("entries", ArrowTypes.STRUCT,
                Field.notNull("key", ArrowTypes.UTF8), Field.nullable("value", ArrowTypes.INT32)));
        Array e = Arrow.of(f, values(Map.of("a", 1)));
        Array a = Arrow.of(f, values(Map.of("a", 2)));
        assertEquals("m[0].value[0]: expected 1, got 2", ArrayEquality.compare(f, e.data(), a.data()));
    }

    @Test
    void dictionariesCompareByValue() {
        Field f = Field.nullable("d", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0));
        Array plain = Arrow.of(f, values("x", "y", null, "x"));
        DictionaryArray reordered = Arrow.dictionary(Arrow.int32(1, 0, null, 1), Arrow.utf8("y", "x"));
        assertNull(ArrayEquality.compare(plain, reordered));
        DictionaryArray wrong = Arrow.dictionary(Arrow.int32(1, 0, null, 0), Arrow.utf8("y", "x"));
        assertEquals("d[3]: expected \"x\", got \"y\"", ArrayEquality.compare(f, plain.data(), wrong.data()));
        assertNull(ArrayEquality.compare(Arrow.utf8("x", "y", null, "x"), plain));
    }

    @Test
    void fixedWidthAndBinaryDifferences() {
        assertEquals("[0]: expected 0x0102, got 0x0103",
                ArrayEquality.compare(Arrow.binary(new byte[] {1, 2}), Arrow.binary(new byte[] {1, 3})));
        assertEquals("[1]: expected 2, got 3", ArrayEquality.compare(
                Arrow.decimal128(5, 0, java.math.BigDecimal.ONE, java.math.BigDecimal.TWO),
                Arrow.decimal128(5, 0, java.math.BigDecimal.ONE, java.math.BigDecimal.valueOf(3))));
        assertEquals("[1]: expected false, got true", ArrayEquality.compare(Arrow.bool(true, false), Arrow.bool(true, true)));
        assertNull(ArrayEquality.compare(Arrow.of(ArrowTypes.UTF8_VIEW, List.of("a very long string here", "b")),
                Arrow.of(ArrowTypes.UTF8_VIEW, List.of("a very long string here", "b"))));
        assertEquals("[0]: expected \"a very long string here\", got \"a very long string HERE\"",
                ArrayEquality.compare(Arrow.of(ArrowTypes.UTF8_VIEW, List.of("a very long string here")),
                        Arrow.of(ArrowTypes.UTF8_VIEW, List.of("a very long string HERE"))));
    }

    @Test
    void runEndEncodedComparesLogically() {
        Field f = Field.nullable("r", new ArrowType.RunEndEncoded(), Field.notNull("run_ends", ArrowTypes.INT32),
                Field.nullable("values", ArrowTypes.INT32));
        Array e = Arrow.of(f, values(1, 1, 2, 2, 2));
        assertNull(ArrayEquality.compare(f, e.data(), Arrow.of(f, values(1, 1, 2, 2, 2)).data()));
        assertEquals("r[2]: expected 2, got 1",
                ArrayEquality.compare(f, e.data(), Arrow.of(f, values(1, 1, 1, 2, 2)).data()));
        assertNull(ArrayEquality.compare(e.slice(1, 3), Arrow.of(f, values(1, 2, 2))));
    }

    @Test
    void unionComparesTypeIdsAndValues() {
        ArrowType.Union u = new ArrowType.Union(dev.quiver.type.UnionMode.SPARSE, null);
        ArrayData e = new ArrayData(u, 2, 0, 0, new MemorySegment[] {MemorySegment.ofArray(new byte[] {0, 1})},
                new ArrayData[] {Arrow.int32(1, 0).data(), Arrow.utf8("", "s").data()}, null);
        ArrayData a = new ArrayData(u, 2, 0, 0, new MemorySegment[] {MemorySegment.ofArray(new byte[] {0, 0})},
                new ArrayData[] {Arrow.int32(1, 0).data(), Arrow.utf8("", "s").data()}, null);
        assertNull(ArrayEquality.compare(e, e));
        assertEquals("[1]: union type id: expected 1, got 0", ArrayEquality.compare(e, a));
    }

    @Test
    void recordBatchComparison() {
        RecordBatch e = RecordBatch.builder().add("x", Arrow.int32(1, 2)).add("y", Arrow.utf8("a", "b")).build();
        RecordBatch same = RecordBatch.builder().add("x", Arrow.int32(1, 2)).add("y", Arrow.utf8("a", "b")).build();
        RecordBatch other = RecordBatch.builder().add("x", Arrow.int32(1, 2)).add("y", Arrow.utf8("a", "c")).build();
        RecordBatch renamed = RecordBatch.builder().add("x", Arrow.int32(1, 2)).add("z", Arrow.utf8("a", "b")).build();
        assertNull(ArrayEquality.compare(e, same));
        assertEquals("y[1]: expected \"b\", got \"c\"", ArrayEquality.compare(e, other));
        assertEquals("schema field 1: expected y: utf8, got z: utf8", ArrayEquality.compare(e, renamed));
        assertEquals("schema metadata: expected {}, got {k=v}", ArrayEquality.compare(Schema.of(), Schema.of().withMetadata(Map.of("k", "v"))));
    }

    @Test
    void copiesCompareEqual() {
        Array a = Arrow.int64(1, 2, 3);
        ArrayData raw = a.data();
        ArrayData shifted = new ArrayData(ArrowTypes.INT64, 2, 1, 0, raw.buffers(), null, null);
        assertEquals(2L, raw.buffer(1).get(LE.LONG, 8));
        assertNull(ArrayEquality.compare(shifted, Arrow.int64(2, 3).data()));
    }
}
