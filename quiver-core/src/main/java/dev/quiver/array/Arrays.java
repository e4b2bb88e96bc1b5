package dev.quiver.array;

import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.Types;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Arrays from Java values: {@code Arrays.int32(1, 2, null)}, {@code Arrays.utf8("a", null)}, or any type with
 * {@link #of(ArrowType, List)} and (nested types, dictionaries) {@link #of(Field, List)}. Null elements become null
 * slots. Values out of range for the type are rejected with {@link IllegalArgumentException}.
 */
public final class Arrays {
    private Arrays() {}

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
            throw new IllegalArgumentException(type + " needs child fields: use Arrays.of(Field, List)");
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

    private static List<Object> list(Object[] values) {
        // a lone null argument arrives as a null array: read it as one null value
        return values == null ? java.util.Collections.singletonList(null) : java.util.Arrays.asList(values);
    }

    public static BooleanArray bool(Boolean... values) { return (BooleanArray) of(Types.BOOL, list(values)); }
    public static Int8Array int8(Number... values) { return (Int8Array) of(Types.INT8, list(values)); }
    public static Int16Array int16(Number... values) { return (Int16Array) of(Types.INT16, list(values)); }
    public static Int32Array int32(Number... values) { return (Int32Array) of(Types.INT32, list(values)); }
    public static Int64Array int64(Number... values) { return (Int64Array) of(Types.INT64, list(values)); }
    public static UInt8Array uint8(Number... values) { return (UInt8Array) of(Types.UINT8, list(values)); }
    public static UInt16Array uint16(Number... values) { return (UInt16Array) of(Types.UINT16, list(values)); }
    public static UInt32Array uint32(Number... values) { return (UInt32Array) of(Types.UINT32, list(values)); }
    public static UInt64Array uint64(Number... values) { return (UInt64Array) of(Types.UINT64, list(values)); }
    public static Float16Array float16(Number... values) { return (Float16Array) of(Types.FLOAT16, list(values)); }
    public static Float32Array float32(Number... values) { return (Float32Array) of(Types.FLOAT32, list(values)); }
    public static Float64Array float64(Number... values) { return (Float64Array) of(Types.FLOAT64, list(values)); }
    public static Utf8Array utf8(String... values) { return (Utf8Array) of(Types.UTF8, list(values)); }
    public static LargeUtf8Array largeUtf8(String... values) { return (LargeUtf8Array) of(Types.LARGE_UTF8, list(values)); }
    public static BinaryArray binary(byte[]... values) { return (BinaryArray) of(Types.BINARY, list(values)); }
    public static LargeBinaryArray largeBinary(byte[]... values) {
        return (LargeBinaryArray) of(Types.LARGE_BINARY, list(values));
    }
    public static Date32Array date32(LocalDate... values) { return (Date32Array) of(Types.DATE32, list(values)); }

    /** A decimal128 array with the given precision and scale. */
    public static DecimalArray decimal128(int precision, int scale, BigDecimal... values) {
        return (DecimalArray) of(Types.decimal128(precision, scale), list(values));
    }
}
