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
     * Value {@code i} as a plain Java object, or null: Boolean, Byte/Short/Integer/Long (unsigned types widen:
     * uint8 → Short, uint16 → Integer, uint32 → Long, uint64 → {@link java.math.BigInteger}), Float/Double
     * (float16 → Float), String, byte[], {@link java.math.BigDecimal}, {@link java.time.LocalDate},
     * {@link java.time.LocalTime}, {@link java.time.Instant} or {@link java.time.LocalDateTime} (timestamps with
     * and without time zone), {@link java.time.Duration}, and intervals as {@link java.time.Period} (year-month),
     * {@link DayTime} or {@link MonthDayNano}; nested types give {@link List}s (lists, and structs as their field
     * values in order) and {@link java.util.Map}s (maps); dictionary-encoded arrays give the dictionary value.
     */
    public abstract Object getObject(int i);

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

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        int n = Math.min(length(), 20);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            Object v = getObject(i);
            if (v instanceof String s) sb.append('"').append(s).append('"');
            else if (v instanceof byte[] b) sb.append(java.util.HexFormat.of().formatHex(b));
            else sb.append(v);
        }
        if (length() > n) sb.append(", ... ").append(length() - n).append(" more");
        return sb.append(']').toString();
    }
}
