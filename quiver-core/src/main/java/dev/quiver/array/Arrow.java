package dev.quiver.array;

import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.ArrowTypes;

import dev.quiver.memory.Bits;
import dev.quiver.memory.LE;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Arrays from Java values: {@code Arrow.int32(1, 2, null)}, {@code Arrow.utf8("a", null)}, or any type with
 * {@link #of(ArrowType, List)} and (nested types, dictionaries) {@link #of(Field, List)}; with the type inferred
 * from the values, as PyArrow's {@code pa.array}, {@link #array(List)}. Null elements become null slots. Values
 * out of range for the type are rejected with {@link IllegalArgumentException}. Bulk copies of primitive Java
 * arrays ({@link #int64(long[])}, {@link #float64(double[])}, ...) and arrays over existing memory without a copy
 * ({@link #wrap(ArrowType, int, MemorySegment, MemorySegment)}); structs from named children
 * ({@link #struct(Map)}) and dictionary encoding ({@link #dictionaryEncode(Array)}).
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
     * @param type   the type
     * @param values the values, null for a null slot
     * @return the array
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
     * supported. The array keeps {@code field} ({@link Array#asField(String)}): its child names survive
     * {@link RecordBatch.Builder#add(String, Array)}.
     *
     * @param field  the array's field (its name is used in error messages only)
     * @param values the values, null for a null slot
     * @return the array
     * @throws IllegalArgumentException if a value does not fit its field, including a struct value given as a Map
     *                                  with a key that is not one of the struct's field names
     */
    public static Array of(Field field, List<?> values) {
        return Array.of(JavaValues.build(field, values), field);
    }

    /**
     * An array whose type is inferred from Java values, as PyArrow's {@code pa.array([...])}:
     * {@code Arrow.array(java.util.Arrays.asList(1L, null, 3L))} is an int64 array with a null. The rules, per
     * non-null value (nulls may be anywhere and never decide the type):
     *
     * <table class="striped">
     * <caption>Inferred types</caption>
     * <thead><tr><th scope="col">Java values</th><th scope="col">Arrow type</th></tr></thead>
     * <tbody>
     * <tr><th scope="row">none (empty, or only nulls)</th><td>null</td></tr>
     * <tr><th scope="row">Boolean</th><td>bool</td></tr>
     * <tr><th scope="row">Byte, Short, Integer, Long (BigInteger)</th><td>int8, int16, int32, int64 (int64): the
     *     widest seen</td></tr>
     * <tr><th scope="row">Float / Double, or floats mixed with integers</th><td>float32 / float64</td></tr>
     * <tr><th scope="row">String (any CharSequence)</th><td>utf8</td></tr>
     * <tr><th scope="row">byte[]</th><td>binary</td></tr>
     * <tr><th scope="row">BigDecimal</th><td>decimal128 with the largest scale and the digits the values need
     *     (decimal256 beyond 38 digits)</td></tr>
     * <tr><th scope="row">LocalDate</th><td>date32</td></tr>
     * <tr><th scope="row">Instant</th><td>timestamp[us, tz=UTC]</td></tr>
     * <tr><th scope="row">ZonedDateTime, OffsetDateTime</th><td>timestamp[us] with the first value's zone
     *     ("UTC" for Z); the others are converted to it</td></tr>
     * <tr><th scope="row">LocalDateTime</th><td>timestamp[us] without a time zone</td></tr>
     * <tr><th scope="row">LocalTime</th><td>time64[us]</td></tr>
     * <tr><th scope="row">Duration</th><td>duration[us]</td></tr>
     * <tr><th scope="row">List or Object[]</th><td>list with element field "item", inferred from all elements</td></tr>
     * <tr><th scope="row">Map with String keys</th><td>struct with a field per key, a missing key being null;
     *     in first-seen order for maps with an order (LinkedHashMap, TreeMap: any {@link java.util.SequencedMap}),
     *     sorted by name for the others (HashMap, {@code Map.of}), whose order is arbitrary</td></tr>
     * </tbody>
     * </table>
     *
     * <p>Timestamps, times and durations are microseconds unless a value has sub-microsecond digits: then
     * nanoseconds, so nothing is lost. Every field is nullable. Other classes, and values that mix kinds (a String
     * after Integers), are rejected: state a {@link Field} with {@link #of(Field, List)} where inference cannot know
     * (a time zone other than the values', dictionary encoding, narrower or unsigned widths, large or view types,
     * maps, unions). {@link #inferField(String, List)} shows the field without building.
     *
     * @param values the values, null for a null slot
     * @return the array, which keeps the inferred field (struct field names included)
     * @throws IllegalArgumentException if no type can be inferred, or a value does not fit it
     */
    public static Array array(List<?> values) {
        return of(TypeInference.infer("", values), values);
    }

    /**
     * The field {@link #array(List)} infers for {@code values}.
     *
     * @param name   the field's name
     * @param values the values
     * @return the nullable field, children included
     * @throws IllegalArgumentException if no type can be inferred
     */
    public static Field inferField(String name, List<?> values) {
        return TypeInference.infer(Objects.requireNonNull(name, "name"), values);
    }

    /**
     * A struct array from named child arrays of equal length, as PyArrow's {@code StructArray.from_arrays}: in the
     * map's order where it has one (LinkedHashMap, TreeMap: any {@link java.util.SequencedMap}), sorted by name for
     * the others (HashMap, {@code Map.of}). Every slot is valid; the child fields are the children's own
     * ({@link Array#asField(String)}) under the map's keys.
     *
     * @param children the child arrays by field name
     * @return the struct array
     * @throws IllegalArgumentException if there are no children or their lengths differ
     */
    public static StructArray struct(Map<String, ? extends Array> children) {
        if (children.isEmpty()) throw new IllegalArgumentException("a struct needs at least one child array");
        List<Field> fields = new ArrayList<>(children.size());
        ArrayData[] datas = new ArrayData[children.size()];
        int length = -1;
        for (Object key : TypeInference.keys(children)) {
            String name = (String) key;
            Array a = Objects.requireNonNull(children.get(name), "child array");
            if (length >= 0 && a.length() != length) {
                throw new IllegalArgumentException("struct child '" + name + "' has length " + a.length()
                        + ", the first child " + length);
            }
            length = a.length();
            datas[fields.size()] = a.data();
            fields.add(a.asField(name));
        }
        Field field = new Field("", ArrowTypes.STRUCT, true, fields, null, null);
        return (StructArray) Array.of(new ArrayData(ArrowTypes.STRUCT, length, 0, 0,
                new MemorySegment[] {ArrayData.ABSENT}, datas, null), field);
    }

    /**
     * A dictionary-encoded copy of {@code values}, as PyArrow's {@code dictionary_encode()}: int32 indices into a
     * dictionary of the distinct values ({@link Array#getObject(int)}'s, compared with equals; byte[] by content) in
     * first-seen order; nulls stay null slots, not dictionary values. An array that is already dictionary-encoded
     * comes back as it is. A date64 array keeps whole days only; unions are not supported.
     *
     * @param values the array to encode
     * @return the dictionary-encoded array
     * @throws UnsupportedOperationException for a union
     */
    public static DictionaryArray dictionaryEncode(Array values) {
        if (values instanceof DictionaryArray d) return d;
        Field f = values.asField("").withDictionary(new dev.quiver.type.DictionaryEncoding(0, ArrowTypes.INT32,
                false));
        return (DictionaryArray) of(f, values.toList());
    }

    /**
     * An array of the null type.
     *
     * @param length the number of slots
     * @return the array
     */
    public static Array nulls(int length) {
        NullBuilder b = new NullBuilder();
        for (int i = 0; i < length; i++) b.appendNull();
        return b.buildArray();
    }

    /**
     * A dictionary-encoded array from integer indices and the dictionary values.
     *
     * @param indices    a plain integer array
     * @param dictionary the values the indices point to
     * @return the array
     * @throws IllegalArgumentException if the indices are not a plain integer array
     */
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
     * @param type     the union type
     * @param typeIds  the type id of each slot
     * @param children the union's children
     * @return the array
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
     * @param type     the union type
     * @param typeIds  the type id of each slot
     * @param offsets  the slot's position in its child
     * @param children the union's children
     * @return the array
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

    /**
     * A bool array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.bool(...)}. A single null needs a cast ({@code (Boolean) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static BooleanArray bool(Boolean... values) { return (BooleanArray) of(ArrowTypes.BOOL, list(values)); }
    /**
     * A int8 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.int8(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static Int8Array int8(Number... values) { return (Int8Array) of(ArrowTypes.INT8, list(values)); }
    /**
     * A int16 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.int16(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static Int16Array int16(Number... values) { return (Int16Array) of(ArrowTypes.INT16, list(values)); }
    /**
     * A int32 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.int32(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static Int32Array int32(Number... values) { return (Int32Array) of(ArrowTypes.INT32, list(values)); }
    /**
     * A int64 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.int64(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static Int64Array int64(Number... values) { return (Int64Array) of(ArrowTypes.INT64, list(values)); }
    /**
     * A uint8 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.uint8(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static UInt8Array uint8(Number... values) { return (UInt8Array) of(ArrowTypes.UINT8, list(values)); }
    /**
     * A uint16 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.uint16(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static UInt16Array uint16(Number... values) { return (UInt16Array) of(ArrowTypes.UINT16, list(values)); }
    /**
     * A uint32 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.uint32(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static UInt32Array uint32(Number... values) { return (UInt32Array) of(ArrowTypes.UINT32, list(values)); }
    /**
     * A uint64 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.uint64(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static UInt64Array uint64(Number... values) { return (UInt64Array) of(ArrowTypes.UINT64, list(values)); }
    /**
     * A float16 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.float16(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static Float16Array float16(Number... values) { return (Float16Array) of(ArrowTypes.FLOAT16, list(values)); }
    /**
     * A float32 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.float32(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static Float32Array float32(Number... values) { return (Float32Array) of(ArrowTypes.FLOAT32, list(values)); }
    /**
     * A float64 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.float64(...)}. A single null needs a cast ({@code (Number) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static Float64Array float64(Number... values) { return (Float64Array) of(ArrowTypes.FLOAT64, list(values)); }
    /**
     * A utf8 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.utf8(...)}. A single null needs a cast ({@code (String) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static Utf8Array utf8(String... values) { return (Utf8Array) of(ArrowTypes.UTF8, list(values)); }
    /**
     * A largeUtf8 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.largeUtf8(...)}. A single null needs a cast ({@code (String) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static LargeUtf8Array largeUtf8(String... values) { return (LargeUtf8Array) of(ArrowTypes.LARGE_UTF8, list(values)); }
    /**
     * A binary array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.binary(...)}. A single null needs a cast ({@code (byte[]) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static BinaryArray binary(byte[]... values) { return (BinaryArray) of(ArrowTypes.BINARY, list(values)); }
    /**
     * A largeBinary array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.largeBinary(...)}. A single null needs a cast ({@code (byte[]) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    /**
     * A large_binary array of byte[] values, null for a null slot.
     *
     * @param values the values
     * @return the array
     */
    public static LargeBinaryArray largeBinary(byte[]... values) {
        return (LargeBinaryArray) of(ArrowTypes.LARGE_BINARY, list(values));
    }
    /**
     * A date32 array of Java values, null for a null slot (see {@link #of(ArrowType, List)}):
     * {@code Arrow.date32(...)}. A single null needs a cast ({@code (LocalDate) null}) beside the bulk overload.
     *
     * @param values the values
     * @return the array
     * @throws IllegalArgumentException if a value does not fit the type
     */
    public static Date32Array date32(LocalDate... values) { return (Date32Array) of(ArrowTypes.DATE32, list(values)); }

    /**
     * A decimal128 array with the given precision and scale.
     *
     * @param precision the number of decimal digits
     * @param scale     the digits after the point
     * @param values    the values, null for a null slot
     * @return the array
     * @throws IllegalArgumentException if a value does not fit exactly
     */
    public static DecimalArray decimal128(int precision, int scale, BigDecimal... values) {
        return (DecimalArray) of(ArrowTypes.decimal128(precision, scale), list(values));
    }

    // ---- bulk builders: copies of primitive Java arrays -----------------------------------

    private static MemorySegment heap(long bytes) {
        if (bytes > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("array of " + bytes + " bytes is too large");
        return MemorySegment.ofArray(new byte[(int) bytes]);
    }

    private static Array primitive(ArrowType type, int length, MemorySegment values) {
        return Array.of(new ArrayData(type, length, 0, 0, new MemorySegment[] {ArrayData.ABSENT, values}, null, null));
    }

    /**
     * An int8 array holding a copy of {@code values} (no nulls).
     *
     * @param values the values
     * @return the array
     */
    public static Int8Array int8(byte[] values) {
        return (Int8Array) primitive(ArrowTypes.INT8, values.length, MemorySegment.ofArray(values.clone()));
    }

    /**
     * An int16 array holding a copy of {@code values} (no nulls).
     *
     * @param values the values
     * @return the array
     */
    public static Int16Array int16(short[] values) {
        MemorySegment s = heap(values.length * 2L);
        MemorySegment.copy(values, 0, s, LE.SHORT, 0, values.length);
        return (Int16Array) primitive(ArrowTypes.INT16, values.length, s);
    }

    /**
     * An int32 array holding a copy of {@code values} (no nulls).
     *
     * @param values the values
     * @return the array
     */
    public static Int32Array int32(int[] values) {
        MemorySegment s = heap(values.length * 4L);
        MemorySegment.copy(values, 0, s, LE.INT, 0, values.length);
        return (Int32Array) primitive(ArrowTypes.INT32, values.length, s);
    }

    /**
     * An int64 array holding a copy of {@code values} (no nulls).
     *
     * @param values the values
     * @return the array
     */
    public static Int64Array int64(long[] values) {
        MemorySegment s = heap(values.length * 8L);
        MemorySegment.copy(values, 0, s, LE.LONG, 0, values.length);
        return (Int64Array) primitive(ArrowTypes.INT64, values.length, s);
    }

    /**
     * A uint8 array holding a copy of {@code values}, each byte's bits read as unsigned ({@code (byte) 255} is 255).
     *
     * @param values the values' bits
     * @return the array
     */
    public static UInt8Array uint8(byte[] values) {
        return (UInt8Array) primitive(ArrowTypes.UINT8, values.length, MemorySegment.ofArray(values.clone()));
    }

    /**
     * A uint16 array holding a copy of {@code values}, each short's bits read as unsigned.
     *
     * @param values the values' bits
     * @return the array
     */
    public static UInt16Array uint16(short[] values) {
        MemorySegment s = heap(values.length * 2L);
        MemorySegment.copy(values, 0, s, LE.SHORT, 0, values.length);
        return (UInt16Array) primitive(ArrowTypes.UINT16, values.length, s);
    }

    /**
     * A uint32 array holding a copy of {@code values}, each int's bits read as unsigned ({@code -1} is 2^32-1).
     *
     * @param values the values' bits
     * @return the array
     */
    public static UInt32Array uint32(int[] values) {
        MemorySegment s = heap(values.length * 4L);
        MemorySegment.copy(values, 0, s, LE.INT, 0, values.length);
        return (UInt32Array) primitive(ArrowTypes.UINT32, values.length, s);
    }

    /**
     * A uint64 array holding a copy of {@code values}, each long's bits read as unsigned.
     *
     * @param values the values' bits
     * @return the array
     */
    public static UInt64Array uint64(long[] values) {
        MemorySegment s = heap(values.length * 8L);
        MemorySegment.copy(values, 0, s, LE.LONG, 0, values.length);
        return (UInt64Array) primitive(ArrowTypes.UINT64, values.length, s);
    }

    /**
     * A float32 array holding a copy of {@code values} (no nulls; NaN stays a value).
     *
     * @param values the values
     * @return the array
     */
    public static Float32Array float32(float[] values) {
        MemorySegment s = heap(values.length * 4L);
        MemorySegment.copy(values, 0, s, LE.FLOAT, 0, values.length);
        return (Float32Array) primitive(ArrowTypes.FLOAT32, values.length, s);
    }

    /**
     * A float64 array holding a copy of {@code values} (no nulls; NaN stays a value).
     *
     * @param values the values
     * @return the array
     */
    public static Float64Array float64(double[] values) {
        MemorySegment s = heap(values.length * 8L);
        MemorySegment.copy(values, 0, s, LE.DOUBLE, 0, values.length);
        return (Float64Array) primitive(ArrowTypes.FLOAT64, values.length, s);
    }

    /**
     * A bool array holding {@code values} packed into a bitmap (no nulls).
     *
     * @param values the values
     * @return the array
     */
    public static BooleanArray bool(boolean[] values) {
        MemorySegment s = heap(Bits.bytesFor(values.length));
        for (int i = 0; i < values.length; i++) if (values[i]) Bits.set(s, i, true);
        return (BooleanArray) primitive(ArrowTypes.BOOL, values.length, s);
    }

    // ---- wrapping memory without a copy ---------------------------------------------------

    /**
     * An array of a fixed-width type over {@code values} without a copy, every slot valid: value {@code i} is read
     * from the bytes at {@code i * width} (little-endian, as Arrow lays data out; bool is a bitmap, least significant
     * bit first). Types: integers, floats, decimals, dates, times, timestamps, durations, intervals,
     * fixed_size_binary and bool.
     *
     * <p>Lifetime: the array reads the caller's memory for as long as it is used, and the caller keeps that memory
     * alive and unchanged meanwhile. A segment of an arena that is closed makes later reads throw
     * {@link IllegalStateException} (never read freed memory); a heap or buffer-backed segment is kept alive by the
     * array itself. Writing the array to IPC copies the bytes out.
     *
     * @param type   the values' type
     * @param length the number of slots
     * @param values the values' bytes; bytes beyond the last value are ignored
     * @return the array
     * @throws IllegalArgumentException if the type is not fixed-width, the length is negative, or {@code values}
     *                                  is too small for {@code length} values
     */
    public static Array wrap(ArrowType type, int length, MemorySegment values) {
        return wrap(type, length, values, null);
    }

    /**
     * As {@link #wrap(ArrowType, int, MemorySegment)}, with a validity bitmap: slot {@code i} is valid where bit
     * {@code i} of {@code validity} is set (least significant bit of byte 0 first); the null count is counted from
     * it. Same lifetime rule for both segments.
     *
     * @param type     the values' type
     * @param length   the number of slots
     * @param values   the values' bytes (those of null slots are ignored)
     * @param validity the validity bitmap, at least {@code ceil(length / 8)} bytes, or null when every slot is valid
     * @return the array
     * @throws IllegalArgumentException if the type is not fixed-width, the length is negative, or a segment is too
     *                                  small for {@code length} slots
     */
    public static Array wrap(ArrowType type, int length, MemorySegment values, MemorySegment validity) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(values, "values");
        int bits = Layout.fixedBitWidth(type);
        if (bits < 0) {
            throw new IllegalArgumentException("only fixed-width types can wrap memory, not " + type
                    + " (build it from Java values with Arrow.of)");
        }
        if (length < 0) throw new IllegalArgumentException("negative length " + length);
        long need = bits == 1 ? Bits.bytesFor(length) : (long) length * (bits / 8);
        if (values.byteSize() < need) {
            throw new IllegalArgumentException(length + " values of " + type + " need " + need + " bytes, the values "
                    + "segment has " + values.byteSize());
        }
        int nulls = 0;
        MemorySegment v = ArrayData.ABSENT;
        if (validity != null) {
            long bitmap = Bits.bytesFor(length);
            if (validity.byteSize() < bitmap) {
                throw new IllegalArgumentException(length + " slots need a validity bitmap of " + bitmap
                        + " bytes, the validity segment has " + validity.byteSize());
            }
            nulls = length - (int) Bits.countSet(validity, 0, length);
            if (nulls > 0) v = validity;
        }
        return Array.of(new ArrayData(type, length, 0, nulls, new MemorySegment[] {v, values}, null, null));
    }

    /**
     * As {@link #wrap(ArrowType, int, MemorySegment)} over the bytes between {@code values}' position and limit,
     * without a copy (a direct buffer's native memory, or a heap buffer's array); the buffer's position is not
     * changed. The bytes are read little-endian whatever the buffer's {@link ByteBuffer#order()}, so a buffer for
     * values wider than one byte must be little-endian: fill it after {@code order(ByteOrder.LITTLE_ENDIAN)}.
     *
     * <p>Lifetime: the array keeps the buffer reachable; the caller keeps its contents unchanged while the array is
     * used.
     *
     * @param type     the values' type
     * @param length   the number of slots
     * @param values   the values' bytes
     * @param validity the validity bitmap (as in {@link #wrap(ArrowType, int, MemorySegment, MemorySegment)}), or
     *                 null when every slot is valid
     * @return the array
     * @throws IllegalArgumentException as {@link #wrap(ArrowType, int, MemorySegment, MemorySegment)}, and if
     *                                  {@code values} is big-endian while the type is wider than one byte
     */
    public static Array wrap(ArrowType type, int length, ByteBuffer values, ByteBuffer validity) {
        Objects.requireNonNull(values, "values");
        int bits = Layout.fixedBitWidth(type);
        if (bits > 8 && values.order() == ByteOrder.BIG_ENDIAN && !(type instanceof ArrowType.FixedSizeBinary)) {
            throw new IllegalArgumentException("the values buffer is BIG_ENDIAN, Arrow data is little-endian: fill it "
                    + "after values.order(ByteOrder.LITTLE_ENDIAN)");
        }
        return wrap(type, length, MemorySegment.ofBuffer(values),
                validity == null ? null : MemorySegment.ofBuffer(validity));
    }

    /**
     * As {@link #wrap(ArrowType, int, ByteBuffer, ByteBuffer)} with every slot valid.
     *
     * @param type   the values' type
     * @param length the number of slots
     * @param values the values' bytes, little-endian
     * @return the array
     * @throws IllegalArgumentException as {@link #wrap(ArrowType, int, ByteBuffer, ByteBuffer)}
     */
    public static Array wrap(ArrowType type, int length, ByteBuffer values) {
        return wrap(type, length, values, null);
    }
}
