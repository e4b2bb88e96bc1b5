package dev.quiver.array;

import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.ArrowTypes;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Arrays from Java values: {@code Arrow.int32(1, 2, null)}, {@code Arrow.utf8("a", null)}, or any type with
 * {@link #of(ArrowType, List)} and (nested types, dictionaries) {@link #of(Field, List)}. Null elements become null
 * slots. Values out of range for the type are rejected with {@link IllegalArgumentException}.
 */
public final class Arrow {
    private Arrow() {}

    /**
     * An array of a non-nested type. Accepted values per type: null → nothing but nulls; bool → Boolean; integers →
     * Byte/Short/Integer/Long/BigInteger (range-checked; unsigned take their unsigned value); floats → any Number;
     * decimal → BigDecimal/BigInteger/Long/Integer/Double (scale must fit exactly); binary → byte[] or
     * MemorySegment; utf8 → String; fixed_size_binary → byte[] of the width; date32/date64 → LocalDate or the raw
     * number; time → LocalTime or raw; timestamp → Instant, LocalDateTime (read as UTC), ZonedDateTime,
     * OffsetDateTime or raw; duration → java.time.Duration or raw; intervals → Period or Integer months,
     * {@link DayTime}, {@link MonthDayNano} or Period.
     *
     * @throws IllegalArgumentException for a nested type (use {@link #of(Field, List)}) or an unfitting value
     */
    public static Array of(ArrowType type, List<?> values) {
        if (type.isNested()) {
            throw new IllegalArgumentException(type + " needs child fields: use Arrow.of(Field, List)");
        }
        return of(Field.nullable("", type), values);
    }

    /**
     * An array for a field, nested and dictionary-encoded types included: struct values are Maps by child name or
     * Lists in field order; list, large_list, list_view and fixed_size_list values are Lists (or Object[]); map
     * values are java.util.Maps; run_end_encoded takes the plain values and encodes runs of equal values; a field
     * with a dictionary encoding gets a dictionary of the distinct values in first-seen order. Unions are not
     * supported.
     */
    public static Array of(Field field, List<?> values) {
        return Array.of(JavaValues.build(field, values));
    }

    /** An array of the null type. */
    public static Array nulls(int length) {
        NullBuilder b = new NullBuilder();
        for (int i = 0; i < length; i++) b.appendNull();
        return b.buildArray();
    }

    /** A dictionary-encoded array from integer indices and the dictionary values. */
    public static DictionaryArray dictionary(Array indices, Array dictionary) {
        ArrayData i = indices.data();
        if (!(i.type() instanceof ArrowType.Int) || i.dictionary() != null) {
            throw new IllegalArgumentException("indices must be a plain integer array, not " + i.type());
        }
        return (DictionaryArray) Array.of(new ArrayData(i.type(), i.length(), i.offset(), i.nullCount(),
                i.buffers(), null, dictionary.data()));
    }

    /**
     * A sparse union: slot i holds {@code children[c][i]} where c is the child whose type id is {@code typeIds[i]}.
     * Every child has the union's length.
     *
     * @throws IllegalArgumentException if the type is not a sparse union, a type id is not declared, or a child's
     *                                  length differs
     */
    public static Array sparseUnion(ArrowType.Union type, byte[] typeIds, Array... children) {
        if (type.mode() != dev.quiver.type.UnionMode.SPARSE) throw new IllegalArgumentException("not sparse: " + type);
        int[] childOf = unionChildren(type, typeIds, children.length);
        for (int c = 0; c < children.length; c++) {
            if (children[c].length() != typeIds.length) {
                throw new IllegalArgumentException("child " + c + " has length " + children[c].length()
                        + ", the sparse union " + typeIds.length);
            }
        }
        return Array.of(new ArrayData(type, typeIds.length, 0, 0,
                new MemorySegment[] {MemorySegment.ofArray(typeIds.clone())}, datas(children), null));
    }

    /**
     * A dense union: slot i holds {@code children[c][offsets[i]]} where c is the child whose type id is
     * {@code typeIds[i]}.
     *
     * @throws IllegalArgumentException if the type is not a dense union, a type id is not declared, or an offset
     *                                  is outside its child
     */
    public static Array denseUnion(ArrowType.Union type, byte[] typeIds, int[] offsets, Array... children) {
        if (type.mode() != dev.quiver.type.UnionMode.DENSE) throw new IllegalArgumentException("not dense: " + type);
        if (offsets.length != typeIds.length) {
            throw new IllegalArgumentException(offsets.length + " offsets for " + typeIds.length + " type ids");
        }
        int[] childOf = unionChildren(type, typeIds, children.length);
        MemorySegment o = MemorySegment.ofArray(new byte[offsets.length * 4]);
        for (int i = 0; i < offsets.length; i++) {
            Array child = children[childOf[i]];
            if (offsets[i] < 0 || offsets[i] >= child.length()) {
                throw new IllegalArgumentException("offset " + offsets[i] + " of slot " + i + " is outside child "
                        + childOf[i] + " of length " + child.length());
            }
            o.setAtIndex(dev.quiver.memory.LE.INT, i, offsets[i]);
        }
        return Array.of(new ArrayData(type, typeIds.length, 0, 0,
                new MemorySegment[] {MemorySegment.ofArray(typeIds.clone()), o}, datas(children), null));
    }

    /** The child index of each slot. */
    private static int[] unionChildren(ArrowType.Union type, byte[] typeIds, int childCount) {
        int[] declared = type.typeIds();
        if (declared != null && declared.length != childCount) {
            throw new IllegalArgumentException(type + " declares " + declared.length + " type ids for " + childCount
                    + " children");
        }
        int[] childOf = new int[typeIds.length];
        for (int i = 0; i < typeIds.length; i++) {
            int c = -1;
            if (declared == null) {
                if (typeIds[i] >= 0 && typeIds[i] < childCount) c = typeIds[i];
            } else {
                for (int k = 0; k < declared.length; k++) if (declared[k] == typeIds[i]) c = k;
            }
            if (c < 0) throw new IllegalArgumentException("type id " + typeIds[i] + " of slot " + i + " is not declared by " + type);
            childOf[i] = c;
        }
        return childOf;
    }

    private static ArrayData[] datas(Array[] arrays) {
        ArrayData[] d = new ArrayData[arrays.length];
        for (int i = 0; i < d.length; i++) d[i] = arrays[i].data();
        return d;
    }

    private static List<Object> list(Object[] values) {
        // a lone null argument arrives as a null array: read it as one null value
        return values == null ? java.util.Collections.singletonList(null) : java.util.Arrays.asList(values);
    }

    public static BooleanArray bool(Boolean... values) { return (BooleanArray) of(ArrowTypes.BOOL, list(values)); }
    public static Int8Array int8(Number... values) { return (Int8Array) of(ArrowTypes.INT8, list(values)); }
    public static Int16Array int16(Number... values) { return (Int16Array) of(ArrowTypes.INT16, list(values)); }
    public static Int32Array int32(Number... values) { return (Int32Array) of(ArrowTypes.INT32, list(values)); }
    public static Int64Array int64(Number... values) { return (Int64Array) of(ArrowTypes.INT64, list(values)); }
    public static UInt8Array uint8(Number... values) { return (UInt8Array) of(ArrowTypes.UINT8, list(values)); }
    public static UInt16Array uint16(Number... values) { return (UInt16Array) of(ArrowTypes.UINT16, list(values)); }
    public static UInt32Array uint32(Number... values) { return (UInt32Array) of(ArrowTypes.UINT32, list(values)); }
    public static UInt64Array uint64(Number... values) { return (UInt64Array) of(ArrowTypes.UINT64, list(values)); }
    public static Float16Array float16(Number... values) { return (Float16Array) of(ArrowTypes.FLOAT16, list(values)); }
    public static Float32Array float32(Number... values) { return (Float32Array) of(ArrowTypes.FLOAT32, list(values)); }
    public static Float64Array float64(Number... values) { return (Float64Array) of(ArrowTypes.FLOAT64, list(values)); }
    public static Utf8Array utf8(String... values) { return (Utf8Array) of(ArrowTypes.UTF8, list(values)); }
    public static LargeUtf8Array largeUtf8(String... values) { return (LargeUtf8Array) of(ArrowTypes.LARGE_UTF8, list(values)); }
    public static BinaryArray binary(byte[]... values) { return (BinaryArray) of(ArrowTypes.BINARY, list(values)); }
    public static LargeBinaryArray largeBinary(byte[]... values) {
        return (LargeBinaryArray) of(ArrowTypes.LARGE_BINARY, list(values));
    }
    public static Date32Array date32(LocalDate... values) { return (Date32Array) of(ArrowTypes.DATE32, list(values)); }

    /** A decimal128 array with the given precision and scale. */
    public static DecimalArray decimal128(int precision, int scale, BigDecimal... values) {
        return (DecimalArray) of(ArrowTypes.decimal128(precision, scale), list(values));
    }
}
