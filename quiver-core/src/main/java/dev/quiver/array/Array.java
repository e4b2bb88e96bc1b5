package dev.quiver.array;

import dev.quiver.type.ArrowType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A typed, immutable view over {@link ArrayData}. Subclasses add typed getters ({@code get(i)},
 * {@code getString(i)}, ...); every array also offers {@link #getObject(int)} with a plain Java value.
 * Create one with {@link #of(ArrayData)} or a builder ({@link Arrow}).
 */
public abstract class Array {
    protected final ArrayData data;
    // data.length() and data.offset(), kept here so that hot accessors read them without going through data
    private final int length;
    private final long offset;

    protected Array(ArrayData data) {
        this.data = Objects.requireNonNull(data, "data");
        this.length = data.length();
        this.offset = data.offset();
    }

    /** The typed view matching {@code data.type()} (a {@link DictionaryArray} when it has a dictionary). */
    public static Array of(ArrayData data) {
        return ArrayViews.wrap(data);
    }

    /**
     * Position of slot {@code i} in the buffers: {@code data.offset() + i}, after checking {@code i} against the
     * length.
     */
    protected final long pos(int i) {
        Objects.checkIndex(i, length);
        return offset + i;
    }

    /** Buffer {@code i} of {@code data}, or an empty segment when it has fewer buffers (accesses then fail). */
    static java.lang.foreign.MemorySegment buffer(ArrayData data, int i) {
        return i < data.bufferCount() ? data.buffer(i) : ArrayData.ABSENT;
    }

    public ArrayData data() { return data; }
    public ArrowType type() { return data.type(); }
    public int length() { return length; }
    public int nullCount() { return data.nullCount(); }
    public boolean isNull(int i) { return data.isNull(i); }
    public boolean isValid(int i) { return !data.isNull(i); }

    /**
     * Value {@code i} as a plain Java object, or null for a null slot. Per type: null → null; bool → Boolean;
     * int8/16/32/64 → Byte/Short/Integer/Long; unsigned types widen (uint8 → Short, uint16 → Integer, uint32 → Long,
     * uint64 → {@link java.math.BigInteger}); float16/32 → Float, float64 → Double; utf8, large_utf8, utf8_view →
     * String (malformed UTF-8 replaced, never thrown); binary, large_binary, binary_view, fixed_size_binary → a
     * byte[] copy; decimals → {@link java.math.BigDecimal}; date32/64 → {@link java.time.LocalDate} (date64 rounded
     * down to whole days); time32/64 → {@link java.time.LocalTime}; timestamps → {@link java.time.Instant} with a
     * time zone, {@link java.time.LocalDateTime} (the UTC reading) without; duration → {@link java.time.Duration};
     * intervals → {@link java.time.Period} (year-month), {@link DayTime} or {@link MonthDayNano}; list, large_list,
     * fixed_size_list, list_view, large_list_view → an unmodifiable {@link List} of the elements' objects; struct →
     * an unmodifiable List of the field values in order; map → an unmodifiable {@link java.util.Map} in entry order;
     * dense and sparse unions → the selected child's object; run-end encoded → the run's value's object;
     * dictionary-encoded → the dictionary value's object.
     *
     * <p>What it may throw depends on the {@link dev.quiver.validate.ValidationLevel} the data passed (see there):
     * after {@code FULL}, for {@code i} in range, only {@link java.time.DateTimeException} where java.time cannot
     * hold a temporal value (a time of day outside one day, a timestamp in seconds beyond about ±10^9 years: both
     * readable Arrow, which {@link #getDisplayObject(int)} shows raw), also when it sits inside a nested value, and
     * {@link IllegalStateException} for a single string or binary value of 2 GiB or more (no String or byte[]
     * holds it).
     *
     * @throws IndexOutOfBoundsException   if {@code i} is not in {@code [0, length())}, or (below FULL) where the
     *                                     data's offsets, views, type ids, run ends or indices point outside their
     *                                     buffers or children
     * @throws java.time.DateTimeException where java.time cannot hold a temporal value
     */
    public abstract Object getObject(int i);

    /**
     * Value {@code i} for display: {@link #getObject(int)}, except that temporal values java.time cannot hold come
     * back as {@link RawTemporal} (raw number and unit) instead of throwing, also inside nested values. After
     * {@code FULL} validation it throws nothing for {@code i} in range (but for a value of 2 GiB or more).
     */
    public Object getDisplayObject(int i) {
        return getObject(i);
    }

    /** {@link #getObject} or {@link #getDisplayObject}: nested arrays ask their children for the same kind. */
    final Object value(int i, boolean display) {
        return display ? getDisplayObject(i) : getObject(i);
    }

    /** Slots {@code [from, to)} of {@code values} as an unmodifiable List of their {@link #value}s. */
    static List<Object> values(Array values, int from, int to, boolean display) {
        List<Object> out = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) out.add(values.value(k, display));
        return java.util.Collections.unmodifiableList(out);
    }

    /** Zero-copy slice. */
    public Array slice(int offset, int length) {
        return Array.of(data.slice(offset, length));
    }

    /** All values as Java objects (see {@link #getObject(int)}). */
    public List<Object> toList() {
        List<Object> out = new ArrayList<>(length());
        for (int i = 0; i < length(); i++) out.add(getObject(i));
        return out;
    }

    /** The first 20 values as {@link #getDisplayObject(int)} gives them. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        int n = Math.min(length(), 20);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            Object v = getDisplayObject(i);
            if (v instanceof String s) sb.append('"').append(s).append('"');
            else if (v instanceof byte[] b) sb.append(java.util.HexFormat.of().formatHex(b));
            else sb.append(v);
        }
        if (length() > n) sb.append(", ... ").append(length() - n).append(" more");
        return sb.append(']').toString();
    }
}
