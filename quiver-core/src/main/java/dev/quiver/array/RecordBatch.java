package dev.quiver.array;

import dev.quiver.memory.ReclaimableArena;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A schema plus equal-length columns. A batch read from a file or stream may borrow memory from its reader
 * (a mapped file, dictionaries) and stays valid until it or the reader closes; {@link #detach()} makes it
 * independent. A batch built in memory owns its memory. A batch is never overwritten by reading the next one.
 *
 * <p>Memory: {@link #close()} releases what the batch owns (decompressed buffers, a body read from a channel)
 * at once, and lets go of the dictionaries it uses; reading a closed batch throws
 * {@link IllegalStateException}, never reads freed memory. Closing is optional: a batch that is dropped
 * without being closed is reclaimed by the garbage collector once neither it nor any of its columns is
 * reachable (a column kept after its batch was dropped stays valid), and closing the reader releases every
 * batch still open. Use {@code try (RecordBatch b = ...)} where memory should be released at a known point.
 */
public final class RecordBatch implements AutoCloseable {
    private final Schema schema;
    private final int numRows;
    private volatile List<Array> columns;
    private final Map<String, String> metadata;
    private final Object lock = new Object();
    private Arena arena;                   // memory this batch owns, or null
    private Runnable release;              // lets go of the memory this batch shares (dictionaries), or null
    private volatile MemoryOwner owner;    // the reader whose memory this batch borrows, or null
    private volatile boolean closed;
    private int holds;                     // guarded by lock: see retain()
    private List<Runnable> deferred;       // guarded by lock: frees waiting for the holds to go

    /**
     * Called by readers: {@code arena} is memory owned by this batch (may be null), {@code owner} the reader
     * it borrows the rest from (may be null).
     *
     * @throws IllegalStateException if {@code owner} is closed
     */
    public RecordBatch(Schema schema, int numRows, List<? extends Array> columns, Map<String, String> metadata,
                       Arena arena, MemoryOwner owner) {
        this(schema, numRows, columns, metadata, arena, owner, null);
    }

    /**
     * As {@link #RecordBatch(Schema, int, List, Map, Arena, MemoryOwner)}, with {@code release} run once when the
     * batch is closed or detached: it lets go of memory the batch shares with others (the dictionaries it uses).
     */
    public RecordBatch(Schema schema, int numRows, List<? extends Array> columns, Map<String, String> metadata,
                       Arena arena, MemoryOwner owner, Runnable release) {
        this.schema = Objects.requireNonNull(schema, "schema");
        if (schema.fields().size() != columns.size()) {
            throw new IllegalArgumentException("schema has " + schema.fields().size() + " fields but "
                    + columns.size() + " columns were given");
        }
        Array[] described = new Array[columns.size()];
        for (int i = 0; i < described.length; i++) {
            Array c = Objects.requireNonNull(columns.get(i), "column");
            Field f = schema.field(i);
            if (c.length() != numRows) {
                throw new IllegalArgumentException("column " + i + " ('" + f.name() + "') has length "
                        + c.length() + ", expected " + numRows);
            }
            if (c.field != f && !f.equals(c.field) && Array.mismatch(f, c.data()) == null) {
                // the column's view knows its schema field (child names for struct.field("a"), ...); a column
                // that does not match its field is kept as it is, and writers refuse it
                c = ArrayViews.wrap(c.data(), f);
            }
            described[i] = c;
        }
        this.columns = List.of(described);
        this.numRows = numRows;
        this.metadata = metadata == null || metadata.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.arena = arena;
        this.owner = owner;
        this.release = release;
        if (owner != null && owner.isClosed()) throw new IllegalStateException("the reader is closed");
    }

    /** A batch over arrays built in memory. */
    public static RecordBatch of(Schema schema, List<? extends Array> columns) {
        int rows = columns.isEmpty() ? 0 : columns.get(0).length();
        return new RecordBatch(schema, rows, columns, null, null, null);
    }

    /**
     * A batch from named columns, as PyArrow's {@code pa.record_batch({...})}: in the map's order where it has one
     * (a LinkedHashMap or TreeMap: any {@link java.util.SequencedMap}), sorted by name for the others (HashMap,
     * {@code Map.of}), whose order is arbitrary; {@link #builder()} states it column by column. Each value is an {@link Array} (its field as
     * {@link Builder#add(String, Array)} takes it), a {@link List} of Java values (type inferred as
     * {@link Arrow#array(List)} documents), or a primitive Java array ({@code long[]}, {@code int[]},
     * {@code short[]}, {@code byte[]}, {@code double[]}, {@code float[]}, {@code boolean[]}: copied as int64, int32,
     * int16, int8, float64, float32, bool) or a {@code String[]} (utf8).
     *
     * @param columns the columns by name
     * @return the batch
     * @throws IllegalArgumentException if a value is none of these, no type can be inferred, or the lengths differ
     *                                  (the message names the column)
     */
    public static RecordBatch of(Map<String, ?> columns) {
        Builder b = builder();
        for (Object name : TypeInference.keys(columns)) b.add((String) name, Builder.column((String) name, columns.get(name)));
        return b.build();
    }

    /** A builder adding columns in order: {@code RecordBatch.builder().add("x", a).add("y", b).build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects named columns in order; see {@link RecordBatch#builder()}. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();
        private final List<Array> arrays = new ArrayList<>();
        private final long[] nextDictionaryId = {0};
        private Map<String, String> schemaMetadata;
        private Map<String, String> batchMetadata;

        private Builder() {}

        /**
         * Adds a column named {@code name} described by the array's field ({@link Array#asField(String)}): an array
         * built from a {@link Field} or Java values, or taken from a batch, keeps its child field names,
         * nullability and metadata; an array made from bare {@link ArrayData} gets a nullable field inferred from
         * it with conventional child names ("item", "entries"/"key"/"value", "f0", "f1", ... for struct children).
         * Dictionary ids are assigned 0, 1, ... in order. Use {@link #add(Field, Array)} to state the field.
         *
         * @param name   the column's name
         * @param column the column
         * @return this builder
         */
        public Builder add(String name, Array column) {
            Field known = column.field;
            if (known == null) return add(Fields.infer(name, column.data(), nextDictionaryId), column);
            return add(renumber(known.withName(name)), column);
        }

        /**
         * Adds a column of Java values whose type is inferred as {@link Arrow#array(List)} documents:
         * {@code builder.add("id", List.of(1L, 2L))}.
         *
         * @param name   the column's name
         * @param values the values, null for a null slot
         * @return this builder
         * @throws IllegalArgumentException if no type can be inferred or a value does not fit (the message names
         *                                  the column)
         */
        public Builder add(String name, List<?> values) {
            return add(name, column(name, values));
        }

        /**
         * Adds a column of Java values described by {@code field}, for what inference cannot know (a time zone,
         * dictionary encoding, widths): {@code builder.add(Field.nullable("ts", ArrowTypes.timestamp(MICROSECOND,
         * "Europe/Paris")), List.of(instant))}. Values as {@link Arrow#of(Field, List)} takes them.
         *
         * @param field  the column's field, used as given (dictionary ids included)
         * @param values the values, null for a null slot
         * @return this builder
         * @throws IllegalArgumentException if a value does not fit the field
         */
        public Builder add(Field field, List<?> values) {
            return add(field, Arrow.of(field, values));
        }

        /** The array for a column value of {@link RecordBatch#of(Map)}. */
        static Array column(String name, Object v) {
            try {
                return switch (v) {
                    case Array a -> a;
                    case List<?> l -> Arrow.of(Arrow.inferField(name, l), l);
                    case long[] a -> Arrow.int64(a);
                    case int[] a -> Arrow.int32(a);
                    case short[] a -> Arrow.int16(a);
                    case byte[] a -> Arrow.int8(a);
                    case double[] a -> Arrow.float64(a);
                    case float[] a -> Arrow.float32(a);
                    case boolean[] a -> Arrow.bool(a);
                    case String[] a -> Arrow.utf8(a);
                    case null -> throw new IllegalArgumentException("the column is null");
                    default -> throw new IllegalArgumentException("a " + v.getClass().getName() + " is not a column: "
                            + "give an Array, a List of values or a primitive array");
                };
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column '" + name + "': " + e.getMessage(), e);
            }
        }

        /** {@code f} with its dictionaries (children first, as Fields.infer numbers them) given the next ids. */
        private Field renumber(Field f) {
            List<Field> children = new ArrayList<>(f.children().size());
            for (Field c : f.children()) children.add(renumber(c));
            Field out = f.withChildren(children);
            if (f.dictionary() != null) {
                DictionaryEncoding d = f.dictionary();
                out = out.withDictionary(new DictionaryEncoding(nextDictionaryId[0]++, d.indexType(), d.ordered()));
            }
            return out;
        }

        /**
         * Adds a column described by {@code field}.
         *
         * @param field  the column's field, used as given (dictionary ids included)
         * @param column the column
         * @return this builder
         */
        public Builder add(Field field, Array column) {
            fields.add(Objects.requireNonNull(field, "field"));
            arrays.add(Objects.requireNonNull(column, "column"));
            if (field.dictionary() != null) {
                nextDictionaryId[0] = Math.max(nextDictionaryId[0], field.dictionary().id() + 1);
            }
            return this;
        }

        /**
         * Custom metadata of the schema.
         *
         * @param metadata the key/value pairs, in order
         * @return this builder
         */
        public Builder schemaMetadata(Map<String, String> metadata) {
            this.schemaMetadata = metadata;
            return this;
        }

        /**
         * Custom metadata of the record batch message.
         *
         * @param metadata the key/value pairs, in order
         * @return this builder
         */
        public Builder metadata(Map<String, String> metadata) {
            this.batchMetadata = metadata;
            return this;
        }

        /**
         * Returns the batch of the columns added.
         *
         * @return the batch of the columns added
         * @throws IllegalArgumentException if the columns differ in length
         */
        public RecordBatch build() {
            Schema schema = Schema.of(fields).withMetadata(schemaMetadata);
            int rows = arrays.isEmpty() ? 0 : arrays.get(0).length();
            return new RecordBatch(schema, rows, arrays, batchMetadata, null, null);
        }
    }

    /**
     * Returns the schema.
     *
     * @return the schema
     */
    public Schema schema() { checkOpen(); return schema; }

    /**
     * Returns the number of rows.
     *
     * @return the number of rows
     */
    public int numRows() { checkOpen(); return numRows; }

    /**
     * Returns the number of columns.
     *
     * @return the number of columns
     */
    public int numColumns() { return columns.size(); }

    /**
     * Returns the columns, in schema order (unmodifiable).
     *
     * @return the columns, in schema order (unmodifiable)
     */
    public List<Array> columns() { checkOpen(); return columns; }

    /**
     * Returns column {@code i}.
     *
     * @param i the column's position
     * @return column {@code i}
     */
    public Array column(int i) { checkOpen(); return columns.get(i); }

    /**
     * The first column with this name.
     *
     * @param name the column's name
     * @return the column
     * @throws IllegalArgumentException if there is no such column (the message lists the columns)
     */
    public Array column(String name) {
        return column(indexOf(name));
    }

    /**
     * Column {@code i} as the typed array {@code type}: {@code batch.column(0, Int32Array.class)}. The named
     * shortcuts ({@link #int32(int)}, {@link #utf8(String)}, ...) do the same for each type.
     *
     * @param <T>  the array class
     * @param i    the column's position
     * @param type the expected array class
     * @return the column
     * @throws IllegalArgumentException if the column is not a {@code type} (the message names the column and its
     *                                  actual type)
     * @throws IndexOutOfBoundsException if there is no column {@code i}
     */
    public <T extends Array> T column(int i, Class<T> type) {
        return Typed.as(column(i), type, "column " + i + " ('" + schema.field(i).name() + "')");
    }

    /**
     * The first column named {@code name} as the typed array {@code type}.
     *
     * @param <T>  the array class
     * @param name the column's name
     * @param type the expected array class
     * @return the column
     * @throws IllegalArgumentException if there is no such column, or it is not a {@code type} (the message names
     *                                  the column and its actual type)
     */
    public <T extends Array> T column(String name, Class<T> type) {
        return column(indexOf(name), type);
    }

    private int indexOf(String name) {
        checkOpen();
        int i = schema.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no column named '" + name + "' (columns " + names() + ")");
        return i;
    }

    private List<String> names() {
        List<String> n = new ArrayList<>(schema.fields().size());
        for (Field f : schema.fields()) n.add(f.name());
        return n;
    }

    /**
     * Returns the bool column {@code name}.
     *
     * @param name the column's name
     * @return the bool column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link BooleanArray}
     */
    public BooleanArray bool(String name) { return column(name, BooleanArray.class); }

    /**
     * Returns the bool column {@code i}.
     *
     * @param i the column's position
     * @return the bool column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link BooleanArray}
     */
    public BooleanArray bool(int i) { return column(i, BooleanArray.class); }

    /**
     * Returns the int8 column {@code name}.
     *
     * @param name the column's name
     * @return the int8 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Int8Array}
     */
    public Int8Array int8(String name) { return column(name, Int8Array.class); }

    /**
     * Returns the int8 column {@code i}.
     *
     * @param i the column's position
     * @return the int8 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Int8Array}
     */
    public Int8Array int8(int i) { return column(i, Int8Array.class); }

    /**
     * Returns the int16 column {@code name}.
     *
     * @param name the column's name
     * @return the int16 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Int16Array}
     */
    public Int16Array int16(String name) { return column(name, Int16Array.class); }

    /**
     * Returns the int16 column {@code i}.
     *
     * @param i the column's position
     * @return the int16 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Int16Array}
     */
    public Int16Array int16(int i) { return column(i, Int16Array.class); }

    /**
     * Returns the int32 column {@code name}.
     *
     * @param name the column's name
     * @return the int32 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Int32Array}
     */
    public Int32Array int32(String name) { return column(name, Int32Array.class); }

    /**
     * Returns the int32 column {@code i}.
     *
     * @param i the column's position
     * @return the int32 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Int32Array}
     */
    public Int32Array int32(int i) { return column(i, Int32Array.class); }

    /**
     * Returns the int64 column {@code name}.
     *
     * @param name the column's name
     * @return the int64 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Int64Array}
     */
    public Int64Array int64(String name) { return column(name, Int64Array.class); }

    /**
     * Returns the int64 column {@code i}.
     *
     * @param i the column's position
     * @return the int64 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Int64Array}
     */
    public Int64Array int64(int i) { return column(i, Int64Array.class); }

    /**
     * Returns the uint8 column {@code name}.
     *
     * @param name the column's name
     * @return the uint8 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link UInt8Array}
     */
    public UInt8Array uint8(String name) { return column(name, UInt8Array.class); }

    /**
     * Returns the uint8 column {@code i}.
     *
     * @param i the column's position
     * @return the uint8 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link UInt8Array}
     */
    public UInt8Array uint8(int i) { return column(i, UInt8Array.class); }

    /**
     * Returns the uint16 column {@code name}.
     *
     * @param name the column's name
     * @return the uint16 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link UInt16Array}
     */
    public UInt16Array uint16(String name) { return column(name, UInt16Array.class); }

    /**
     * Returns the uint16 column {@code i}.
     *
     * @param i the column's position
     * @return the uint16 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link UInt16Array}
     */
    public UInt16Array uint16(int i) { return column(i, UInt16Array.class); }

    /**
     * Returns the uint32 column {@code name}.
     *
     * @param name the column's name
     * @return the uint32 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link UInt32Array}
     */
    public UInt32Array uint32(String name) { return column(name, UInt32Array.class); }

    /**
     * Returns the uint32 column {@code i}.
     *
     * @param i the column's position
     * @return the uint32 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link UInt32Array}
     */
    public UInt32Array uint32(int i) { return column(i, UInt32Array.class); }

    /**
     * Returns the uint64 column {@code name}.
     *
     * @param name the column's name
     * @return the uint64 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link UInt64Array}
     */
    public UInt64Array uint64(String name) { return column(name, UInt64Array.class); }

    /**
     * Returns the uint64 column {@code i}.
     *
     * @param i the column's position
     * @return the uint64 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link UInt64Array}
     */
    public UInt64Array uint64(int i) { return column(i, UInt64Array.class); }

    /**
     * Returns the float16 column {@code name}.
     *
     * @param name the column's name
     * @return the float16 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Float16Array}
     */
    public Float16Array float16(String name) { return column(name, Float16Array.class); }

    /**
     * Returns the float16 column {@code i}.
     *
     * @param i the column's position
     * @return the float16 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Float16Array}
     */
    public Float16Array float16(int i) { return column(i, Float16Array.class); }

    /**
     * Returns the float32 column {@code name}.
     *
     * @param name the column's name
     * @return the float32 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Float32Array}
     */
    public Float32Array float32(String name) { return column(name, Float32Array.class); }

    /**
     * Returns the float32 column {@code i}.
     *
     * @param i the column's position
     * @return the float32 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Float32Array}
     */
    public Float32Array float32(int i) { return column(i, Float32Array.class); }

    /**
     * Returns the float64 column {@code name}.
     *
     * @param name the column's name
     * @return the float64 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Float64Array}
     */
    public Float64Array float64(String name) { return column(name, Float64Array.class); }

    /**
     * Returns the float64 column {@code i}.
     *
     * @param i the column's position
     * @return the float64 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Float64Array}
     */
    public Float64Array float64(int i) { return column(i, Float64Array.class); }

    /**
     * Returns the utf8 column {@code name}.
     *
     * @param name the column's name
     * @return the utf8 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Utf8Array}
     */
    public Utf8Array utf8(String name) { return column(name, Utf8Array.class); }

    /**
     * Returns the utf8 column {@code i}.
     *
     * @param i the column's position
     * @return the utf8 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Utf8Array}
     */
    public Utf8Array utf8(int i) { return column(i, Utf8Array.class); }

    /**
     * Returns the large_utf8 column {@code name}.
     *
     * @param name the column's name
     * @return the large_utf8 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link LargeUtf8Array}
     */
    public LargeUtf8Array largeUtf8(String name) { return column(name, LargeUtf8Array.class); }

    /**
     * Returns the large_utf8 column {@code i}.
     *
     * @param i the column's position
     * @return the large_utf8 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link LargeUtf8Array}
     */
    public LargeUtf8Array largeUtf8(int i) { return column(i, LargeUtf8Array.class); }

    /**
     * Returns the binary column {@code name}.
     *
     * @param name the column's name
     * @return the binary column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link BinaryArray}
     */
    public BinaryArray binary(String name) { return column(name, BinaryArray.class); }

    /**
     * Returns the binary column {@code i}.
     *
     * @param i the column's position
     * @return the binary column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link BinaryArray}
     */
    public BinaryArray binary(int i) { return column(i, BinaryArray.class); }

    /**
     * Returns the large_binary column {@code name}.
     *
     * @param name the column's name
     * @return the large_binary column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link LargeBinaryArray}
     */
    public LargeBinaryArray largeBinary(String name) { return column(name, LargeBinaryArray.class); }

    /**
     * Returns the large_binary column {@code i}.
     *
     * @param i the column's position
     * @return the large_binary column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link LargeBinaryArray}
     */
    public LargeBinaryArray largeBinary(int i) { return column(i, LargeBinaryArray.class); }

    /**
     * Returns the fixed_size_binary column {@code name}.
     *
     * @param name the column's name
     * @return the fixed_size_binary column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link FixedSizeBinaryArray}
     */
    public FixedSizeBinaryArray fixedSizeBinary(String name) { return column(name, FixedSizeBinaryArray.class); }

    /**
     * Returns the fixed_size_binary column {@code i}.
     *
     * @param i the column's position
     * @return the fixed_size_binary column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link FixedSizeBinaryArray}
     */
    public FixedSizeBinaryArray fixedSizeBinary(int i) { return column(i, FixedSizeBinaryArray.class); }

    /**
     * Returns the decimal column {@code name}.
     *
     * @param name the column's name
     * @return the decimal column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link DecimalArray}
     */
    public DecimalArray decimal(String name) { return column(name, DecimalArray.class); }

    /**
     * Returns the decimal column {@code i}.
     *
     * @param i the column's position
     * @return the decimal column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link DecimalArray}
     */
    public DecimalArray decimal(int i) { return column(i, DecimalArray.class); }

    /**
     * Returns the date32 column {@code name}.
     *
     * @param name the column's name
     * @return the date32 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Date32Array}
     */
    public Date32Array date32(String name) { return column(name, Date32Array.class); }

    /**
     * Returns the date32 column {@code i}.
     *
     * @param i the column's position
     * @return the date32 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Date32Array}
     */
    public Date32Array date32(int i) { return column(i, Date32Array.class); }

    /**
     * Returns the date64 column {@code name}.
     *
     * @param name the column's name
     * @return the date64 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Date64Array}
     */
    public Date64Array date64(String name) { return column(name, Date64Array.class); }

    /**
     * Returns the date64 column {@code i}.
     *
     * @param i the column's position
     * @return the date64 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Date64Array}
     */
    public Date64Array date64(int i) { return column(i, Date64Array.class); }

    /**
     * Returns the time32 column {@code name}.
     *
     * @param name the column's name
     * @return the time32 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Time32Array}
     */
    public Time32Array time32(String name) { return column(name, Time32Array.class); }

    /**
     * Returns the time32 column {@code i}.
     *
     * @param i the column's position
     * @return the time32 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Time32Array}
     */
    public Time32Array time32(int i) { return column(i, Time32Array.class); }

    /**
     * Returns the time64 column {@code name}.
     *
     * @param name the column's name
     * @return the time64 column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link Time64Array}
     */
    public Time64Array time64(String name) { return column(name, Time64Array.class); }

    /**
     * Returns the time64 column {@code i}.
     *
     * @param i the column's position
     * @return the time64 column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link Time64Array}
     */
    public Time64Array time64(int i) { return column(i, Time64Array.class); }

    /**
     * Returns the timestamp column {@code name}.
     *
     * @param name the column's name
     * @return the timestamp column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link TimestampArray}
     */
    public TimestampArray timestamp(String name) { return column(name, TimestampArray.class); }

    /**
     * Returns the timestamp column {@code i}.
     *
     * @param i the column's position
     * @return the timestamp column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link TimestampArray}
     */
    public TimestampArray timestamp(int i) { return column(i, TimestampArray.class); }

    /**
     * Returns the duration column {@code name}.
     *
     * @param name the column's name
     * @return the duration column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link DurationArray}
     */
    public DurationArray duration(String name) { return column(name, DurationArray.class); }

    /**
     * Returns the duration column {@code i}.
     *
     * @param i the column's position
     * @return the duration column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link DurationArray}
     */
    public DurationArray duration(int i) { return column(i, DurationArray.class); }

    /**
     * Returns the struct column {@code name}.
     *
     * @param name the column's name
     * @return the struct column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link StructArray}
     */
    public StructArray struct(String name) { return column(name, StructArray.class); }

    /**
     * Returns the struct column {@code i}.
     *
     * @param i the column's position
     * @return the struct column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link StructArray}
     */
    public StructArray struct(int i) { return column(i, StructArray.class); }

    /**
     * Returns the list column {@code name}.
     *
     * @param name the column's name
     * @return the list column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link ListArray}
     */
    public ListArray list(String name) { return column(name, ListArray.class); }

    /**
     * Returns the list column {@code i}.
     *
     * @param i the column's position
     * @return the list column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link ListArray}
     */
    public ListArray list(int i) { return column(i, ListArray.class); }

    /**
     * Returns the large_list column {@code name}.
     *
     * @param name the column's name
     * @return the large_list column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link LargeListArray}
     */
    public LargeListArray largeList(String name) { return column(name, LargeListArray.class); }

    /**
     * Returns the large_list column {@code i}.
     *
     * @param i the column's position
     * @return the large_list column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link LargeListArray}
     */
    public LargeListArray largeList(int i) { return column(i, LargeListArray.class); }

    /**
     * Returns the fixed_size_list column {@code name}.
     *
     * @param name the column's name
     * @return the fixed_size_list column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link FixedSizeListArray}
     */
    public FixedSizeListArray fixedSizeList(String name) { return column(name, FixedSizeListArray.class); }

    /**
     * Returns the fixed_size_list column {@code i}.
     *
     * @param i the column's position
     * @return the fixed_size_list column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link FixedSizeListArray}
     */
    public FixedSizeListArray fixedSizeList(int i) { return column(i, FixedSizeListArray.class); }

    /**
     * Returns the map column {@code name}.
     *
     * @param name the column's name
     * @return the map column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link MapArray}
     */
    public MapArray map(String name) { return column(name, MapArray.class); }

    /**
     * Returns the map column {@code i}.
     *
     * @param i the column's position
     * @return the map column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link MapArray}
     */
    public MapArray map(int i) { return column(i, MapArray.class); }

    /**
     * Returns the dictionary-encoded column {@code name}.
     *
     * @param name the column's name
     * @return the dictionary-encoded column {@code name}
     * @throws IllegalArgumentException if there is no such column or it is not a {@link DictionaryArray}
     */
    public DictionaryArray dictionary(String name) { return column(name, DictionaryArray.class); }

    /**
     * Returns the dictionary-encoded column {@code i}.
     *
     * @param i the column's position
     * @return the dictionary-encoded column {@code i}
     * @throws IllegalArgumentException if the column is not a {@link DictionaryArray}
     */
    public DictionaryArray dictionary(int i) { return column(i, DictionaryArray.class); }

    /**
     * Returns the custom metadata of the record batch message.
     *
     * @return the custom metadata of the record batch message
     */
    public Map<String, String> metadata() { return metadata; }

    /**
     * Row {@code r} as an unmodifiable Map from column name to {@link Array#getObject} value, in column order
     * (for small data; a later column with a repeated name replaces an earlier one).
     *
     * @param r the row
     * @return the row's values by column name
     */
    public Map<String, Object> row(int r) {
        checkOpen();
        Objects.checkIndex(r, numRows);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) out.put(schema.field(c).name(), columns.get(c).getObject(r));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Every row as {@link #row(int)} gives it, as PyArrow's {@code to_pylist()}: for small data.
     *
     * @return the rows
     */
    public List<Map<String, Object>> toList() {
        checkOpen();
        List<Map<String, Object>> rows = new ArrayList<>(Array.presize(numRows));
        for (int r = 0; r < numRows; r++) rows.add(row(r));
        return rows;
    }

    /**
     * Every column's values ({@link Array#toList()}) by column name, in column order, as PyArrow's
     * {@code to_pydict()}: for small data.
     *
     * @return the values by column name
     */
    public Map<String, List<Object>> toMap() {
        checkOpen();
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) out.put(schema.field(c).name(), columns.get(c).toList());
        return out;
    }

    /**
     * Zero-copy slice of every column. The slice borrows this batch's memory: it is closed with this batch's
     * reader, and reading it after this batch itself is closed fails with {@link IllegalStateException}.
     */
    public RecordBatch slice(int offset, int length) {
        synchronized (lock) {
            checkOpen();
            List<Array> sliced = new ArrayList<>(columns.size());
            for (Array a : columns) sliced.add(a.slice(offset, length));
            return new RecordBatch(schema, length, sliced, metadata, null, owner);
        }
    }

    /**
     * Makes this batch independent of its reader: memory borrowed from the reader is copied into memory the
     * batch owns, so the batch stays valid after the reader closes. Returns this batch.
     */
    public RecordBatch detach() {
        Arena oldArena;
        Runnable oldRelease;
        MemoryOwner previous;
        synchronized (lock) {
            checkOpen();
            previous = owner;
            if (previous == null && release == null) return this;
            ReclaimableArena own = ReclaimableArena.ofShared();
            List<Array> copied = new ArrayList<>(columns.size());
            try {
                for (Array a : columns) copied.add(ArrayViews.wrap(ArrayCopier.copy(a.data(), own), a.field));
            } catch (RuntimeException e) {
                own.close();
                throw e;
            }
            // this instance now refers to the copies
            owner = null;
            oldArena = arena;
            arena = own;
            oldRelease = release;
            release = null;
            columns = List.copyOf(copied);
        }
        freeOrDefer(() -> {
            if (previous != null && oldArena != null) previous.untrack(oldArena);
            if (oldArena != null) oldArena.close();
            if (oldRelease != null) oldRelease.run();
        });
        return this;
    }

    /** Runs {@code free} now, or once the last {@link #retain()} hold goes. */
    private void freeOrDefer(Runnable free) {
        synchronized (lock) {
            if (holds > 0) {
                if (deferred == null) deferred = new ArrayList<>();
                deferred.add(free);
                return;
            }
        }
        free.run();
    }

    /**
     * Keeps the memory of this batch (and of the reader it borrows from) from being freed until the returned action
     * runs (once; later runs do nothing). Closing the batch or its reader meanwhile makes it refuse access from Java
     * at once, as usual, but frees the memory only when the last hold goes. For memory that code outside Java reads:
     * an export through the C Data Interface takes one, which the consumer's release lets go. A slice holds only the
     * reader's memory, not that of the batch it was cut from.
     *
     * @throws IllegalStateException if the batch or its reader is closed
     */
    public Runnable retain() {
        MemoryOwner o;
        synchronized (lock) {
            checkOpen();
            holds++;
            o = owner;
        }
        Runnable unpin;
        try {
            unpin = o == null ? null : o.pin();
        } catch (IllegalStateException e) {
            releaseHold();
            throw e;
        }
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (!once.compareAndSet(false, true)) return;
            releaseHold();
            if (unpin != null) unpin.run();
        };
    }

    private void releaseHold() {
        List<Runnable> frees = null;
        synchronized (lock) {
            holds--;
            if (holds == 0 && deferred != null) {
                frees = deferred;
                deferred = null;
            }
        }
        if (frees != null) frees.forEach(Runnable::run);
    }

    /** Releases the memory this batch owns and lets go of what it shares. Idempotent. */
    @Override
    public void close() {
        Arena a;
        Runnable r;
        MemoryOwner o;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            a = arena;
            arena = null;
            r = release;
            release = null;
            o = owner;
        }
        freeOrDefer(() -> {
            if (a != null) {
                if (o != null) o.untrack(a);
                a.close();
            }
            if (r != null) r.run();
        });
    }

    /** Whether this batch, or the reader it borrows from, was closed. */
    public boolean isClosed() {
        MemoryOwner o = owner;
        return closed || o != null && o.isClosed();
    }

    private void checkOpen() {
        if (isClosed()) throw new IllegalStateException("record batch is closed (it or its reader was closed)");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RecordBatch(").append(numRows).append(" rows)");
        for (int i = 0; i < columns.size(); i++) {
            sb.append("\n  ").append(schema.field(i).name()).append(": ").append(columns.get(i));
        }
        return sb.toString();
    }
}
