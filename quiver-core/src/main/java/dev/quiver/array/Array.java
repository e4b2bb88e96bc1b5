package dev.quiver.array;

import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A typed, immutable view over {@link ArrayData}. Subclasses add typed getters ({@code get(i)},
 * {@code getString(i)}, ...); every array also offers {@link #getObject(int)} with a plain Java value.
 * Create one with {@link #of(ArrayData)} or a builder ({@link Arrow}).
 */
public abstract class Array {
    /** The buffers this array views. */
    protected final ArrayData data;
    // data.length() and data.offset(), kept here so that hot accessors read them without going through data
    private final int length;
    private final long offset;
    // the field this array was built with or read under (its name is not used), or null; set by ArrayViews.wrap
    // right after construction, before the array is handed out
    Field field;

    /**
     * A view over {@code data}; subclasses are created by {@link #of(ArrayData)}.
     *
     * @param data the buffers viewed
     */
    protected Array(ArrayData data) {
        this.data = Objects.requireNonNull(data, "data");
        this.length = data.length();
        this.offset = data.offset();
    }

    /**
     * The typed view matching {@code data.type()} (a {@link DictionaryArray} when it has a dictionary).
     *
     * @param data the buffers
     * @return the view
     */
    public static Array of(ArrayData data) {
        return ArrayViews.wrap(data, null);
    }

    /**
     * The typed view matching {@code data.type()} that knows the field describing it: child field names
     * ({@link StructArray#field(String)}), nullability, dictionary encoding and metadata, which {@link ArrayData}
     * does not carry. Arrays built from a {@link Field} ({@link Arrow#of(Field, List)}) and the columns of a
     * {@link RecordBatch} are such views; their children, slices and dictionaries keep the matching child field.
     *
     * @param data  the buffers
     * @param field the field describing them (its name is not used), or null
     * @return the view
     * @throws IllegalArgumentException if the field's type, dictionary encoding or number of children do not
     *                                  match the data
     */
    public static Array of(ArrayData data, Field field) {
        if (field != null) {
            String why = mismatch(field, data);
            if (why != null) throw new IllegalArgumentException("field '" + field.name() + "' does not describe the "
                    + "array: " + why);
        }
        return ArrayViews.wrap(data, field);
    }

    /** Why {@code field} does not describe {@code data}, or null if it does. */
    static String mismatch(Field field, ArrayData data) {
        if (field.dictionary() != null) {
            if (data.dictionary() == null) return "the field is dictionary-encoded, the array is not";
            if (!field.dictionary().indexType().equals(data.type())) {
                return "index type " + field.dictionary().indexType() + " differs from the array's " + data.type();
            }
            return mismatch(field.withDictionary(null), data.dictionary());
        }
        if (data.dictionary() != null) return "the array is dictionary-encoded, the field is not";
        if (!field.type().equals(data.type())) return "type " + field.type() + " differs from the array's " + data.type();
        if (field.type().isNested() && field.children().size() != data.childCount()) {
            return field.children().size() + " child fields for " + data.childCount() + " child arrays";
        }
        return null;
    }

    /** Child field {@code i} of this array's field, or null when it has none. */
    final Field childField(int i) {
        Field f = field;
        if (f == null) return null;
        if (f.dictionary() != null) return null;
        return i < f.children().size() ? f.child(i) : null;
    }

    /** A view of {@code child}, described by child field {@code i} of this array's field when known. */
    final Array childView(ArrayData child, int i) {
        Field f = childField(i);
        return ArrayViews.wrap(child, f != null && mismatch(f, child) == null ? f : null);
    }

    /**
     * The field describing this array under {@code name}: the one it was built with or read under (see
     * {@link #of(ArrayData, Field)}), renamed; otherwise one inferred from the data, nullable, with conventional
     * child names ("item" for list elements, "entries"/"key"/"value" for maps, "f0", "f1", ... for struct
     * children) and dictionary id 0 for a dictionary.
     *
     * @param name the field's name
     * @return the field
     */
    public Field asField(String name) {
        Field f = field;
        return f != null ? f.withName(name) : Fields.infer(name, data, new long[] {0});
    }

    /**
     * Position of slot {@code i} in the buffers: {@code data.offset() + i}, after checking {@code i} against the
     * length.
     *
     * @param i the slot
     * @return the position in the buffers
     */
    protected final long pos(int i) {
        Objects.checkIndex(i, length);
        return offset + i;
    }

    /** Buffer {@code i} of {@code data}, or an empty segment when it has fewer buffers (accesses then fail). */
    static java.lang.foreign.MemorySegment buffer(ArrayData data, int i) {
        return i < data.bufferCount() ? data.buffer(i) : ArrayData.ABSENT;
    }

    /**
     * Returns the buffers this array views.
     *
     * @return the buffers this array views
     */
    public ArrayData data() { return data; }

    /**
     * Returns the storage type (the index type of a dictionary-encoded array).
     *
     * @return the storage type (the index type of a dictionary-encoded array)
     */
    public ArrowType type() { return data.type(); }

    /**
     * Returns the number of slots.
     *
     * @return the number of slots
     */
    public int length() { return length; }

    /**
     * Returns the number of null slots.
     *
     * @return the number of null slots
     */
    public int nullCount() { return data.nullCount(); }

    /**
     * Returns whether slot {@code i} is null.
     *
     * @param i the slot
     * @return whether slot {@code i} is null
     */
    public boolean isNull(int i) { return data.isNull(i); }

    /**
     * Returns whether slot {@code i} is not null.
     *
     * @param i the slot
     * @return whether slot {@code i} is not null
     */
    public boolean isValid(int i) { return !data.isNull(i); }

    /**
     * Value {@code i} as a plain Java object, or null for a null slot. The Java value per Arrow type:
     *
     * <table class="striped">
     * <caption>getObject's Java value per Arrow type</caption>
     * <thead><tr><th scope="col">Arrow type</th><th scope="col">Java value</th></tr></thead>
     * <tbody>
     * <tr><th scope="row">null</th><td>null</td></tr>
     * <tr><th scope="row">bool</th><td>Boolean</td></tr>
     * <tr><th scope="row">int8, int16, int32, int64</th><td>Byte, Short, Integer, Long</td></tr>
     * <tr><th scope="row">uint8, uint16, uint32, uint64</th><td>widened: Short, Integer, Long,
     *     {@link java.math.BigInteger}</td></tr>
     * <tr><th scope="row">float16, float32 / float64</th><td>Float / Double</td></tr>
     * <tr><th scope="row">utf8, large_utf8, utf8_view</th><td>String (malformed UTF-8 replaced, never thrown)</td></tr>
     * <tr><th scope="row">binary, large_binary, binary_view, fixed_size_binary</th><td>a byte[] copy</td></tr>
     * <tr><th scope="row">decimal32/64/128/256</th><td>{@link java.math.BigDecimal}</td></tr>
     * <tr><th scope="row">date32, date64</th><td>{@link java.time.LocalDate} (date64 rounded down to whole
     *     days)</td></tr>
     * <tr><th scope="row">time32, time64</th><td>{@link java.time.LocalTime}</td></tr>
     * <tr><th scope="row">timestamp with a time zone</th><td>{@link java.time.Instant}</td></tr>
     * <tr><th scope="row">timestamp without</th><td>{@link java.time.LocalDateTime} (the UTC reading)</td></tr>
     * <tr><th scope="row">duration</th><td>{@link java.time.Duration}</td></tr>
     * <tr><th scope="row">interval year_month / day_time / month_day_nano</th><td>{@link java.time.Period} /
     *     {@link DayTime} / {@link MonthDayNano}</td></tr>
     * <tr><th scope="row">list, large_list, fixed_size_list, list_view, large_list_view</th><td>an unmodifiable
     *     {@link List} of the elements' objects</td></tr>
     * <tr><th scope="row">struct</th><td>an unmodifiable List of the field values in field order
     *     ({@link StructArray#getMap(int)} gives them by name)</td></tr>
     * <tr><th scope="row">map</th><td>an unmodifiable {@link java.util.Map} in entry order</td></tr>
     * <tr><th scope="row">dense and sparse union</th><td>the selected child's object</td></tr>
     * <tr><th scope="row">run_end_encoded</th><td>the run's value's object</td></tr>
     * <tr><th scope="row">dictionary-encoded</th><td>the dictionary value's object</td></tr>
     * <tr><th scope="row">extension types</th><td>the storage type's object</td></tr>
     * </tbody>
     * </table>
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
     * @param i the slot
     * @return the value, or null for a null slot
     */
    public abstract Object getObject(int i);

    /**
     * Value {@code i} for display: {@link #getObject(int)}, except that temporal values java.time cannot hold come
     * back as {@link RawTemporal} (raw number and unit) instead of throwing, also inside nested values. After
     * {@code FULL} validation it throws nothing for {@code i} in range (but for a value of 2 GiB or more).
     *
     * @param i the slot
     * @return the value, or null for a null slot
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
        List<Object> out = new ArrayList<>(presize(to - from));
        for (int k = from; k < to; k++) out.add(values.value(k, display));
        return java.util.Collections.unmodifiableList(out);
    }

    /**
     * Zero-copy slice; it keeps this array's field.
     *
     * @param offset the first slot
     * @param length the number of slots
     * @return slots {@code [offset, offset + length)}
     */
    public Array slice(int offset, int length) {
        return ArrayViews.wrap(data.slice(offset, length), field);
    }

    /**
     * Value {@code i} as {@link #getObject(int)} gives it, checked to be a {@code javaType} (as JDBC's
     * {@code ResultSet.getObject(int, Class)}): {@code String s = batch.column("name").getObject(0, String.class)}
     * reads a utf8 column and a dictionary-encoded one alike.
     *
     * @param <T>      the Java class
     * @param i        the slot
     * @param javaType the class of the value, such as {@code String.class} or {@code Long.class}
     * @return the value, or null for a null slot
     * @throws IllegalArgumentException if the value is not a {@code javaType} (the message names the array's type
     *                                  and the value's class)
     */
    public <T> T getObject(int i, Class<T> javaType) {
        Object v = getObject(i);
        if (v == null || javaType.isInstance(v)) return javaType.cast(v);
        throw new IllegalArgumentException("value " + i + " of a " + (this instanceof DictionaryArray d
                ? "dictionary of " + d.dictionary().type() : type()) + " array is a " + v.getClass().getName()
                + ", not a " + javaType.getName());
    }

    /**
     * This array as the typed array {@code type}, checked: {@code Arrow.wrap(INT64, n, segment).as(Int64Array.class)}.
     *
     * @param <T>  the array class
     * @param type the expected array class
     * @return this array
     * @throws IllegalArgumentException if this array is not a {@code type} (the message names its actual type)
     */
    public <T extends Array> T as(Class<T> type) {
        return Typed.as(this, type, "the array");
    }

    /**
     * All values as Java objects (see {@link #getObject(int)}).
     *
     * @return the values, in order
     */
    public List<Object> toList() {
        List<Object> out = new ArrayList<>(presize(length()));
        for (int i = 0; i < length(); i++) out.add(getObject(i));
        return out;
    }

    /**
     * The initial capacity of a list of {@code count} values read from this array: at most 4,096, and the list
     * grows as values are read. Below FULL validation a length is only declared, and may be far beyond the buffers
     * (the first value past them is an IndexOutOfBoundsException); nothing is allocated from it alone.
     */
    static int presize(int count) {
        return Math.min(count, 4096);
    }

    /**
     * Returns the first 20 values as {@link #getDisplayObject(int)} gives them.
     *
     * @return the first 20 values as {@link #getDisplayObject(int)} gives them
     */
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
