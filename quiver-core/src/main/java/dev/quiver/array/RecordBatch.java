package dev.quiver.array;

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
 * A schema plus equal-length columns. A batch read from a file or stream borrows memory from its reader
 * and stays valid until the reader closes; {@link #detach()} makes it independent. A batch built in memory
 * owns its memory. Closing a batch releases what it owns; reading a closed batch throws
 * {@link IllegalStateException}. A batch is never overwritten by reading the next one.
 */
public final class RecordBatch implements AutoCloseable {
    private final Schema schema;
    private final int numRows;
    private volatile List<Array> columns;
    private final Map<String, String> metadata;
    private final Object lock = new Object();
    private Arena arena;          // memory this batch owns, or null
    private MemoryOwner owner;    // the reader whose memory this batch borrows, or null
    private boolean closed;

    /**
     * Called by readers: {@code arena} is memory owned by this batch (may be null), {@code owner} the reader
     * it borrows the rest from (may be null).
     */
    public RecordBatch(Schema schema, int numRows, List<? extends Array> columns, Map<String, String> metadata,
                       Arena arena, MemoryOwner owner) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.columns = List.copyOf(columns);
        if (schema.fields().size() != this.columns.size()) {
            throw new IllegalArgumentException("schema has " + schema.fields().size() + " fields but "
                    + this.columns.size() + " columns were given");
        }
        for (int i = 0; i < this.columns.size(); i++) {
            if (this.columns.get(i).length() != numRows) {
                throw new IllegalArgumentException("column " + i + " ('" + schema.field(i).name() + "') has length "
                        + this.columns.get(i).length() + ", expected " + numRows);
            }
        }
        this.numRows = numRows;
        this.metadata = metadata == null || metadata.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.arena = arena;
        this.owner = owner;
        if (owner != null) owner.register(this);
    }

    /** A batch over arrays built in memory. */
    public static RecordBatch of(Schema schema, List<? extends Array> columns) {
        int rows = columns.isEmpty() ? 0 : columns.get(0).length();
        return new RecordBatch(schema, rows, columns, null, null, null);
    }

    /**
     * A batch from named columns, in the map's iteration order (use a LinkedHashMap, or {@link #builder()}, to
     * control it). Each field is nullable and inferred from the array (see {@link Builder#add(String, Array)}).
     */
    public static RecordBatch of(Map<String, ? extends Array> columns) {
        Builder b = builder();
        columns.forEach(b::add);
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
         * Adds a nullable column whose field is inferred from the array: its type, dictionary encoding (ids
         * assigned 0, 1, ... in order), and child fields with conventional names ("item", "entries"/"key"/"value",
         * "f0", "f1", ... for struct children). Use {@link #add(Field, Array)} to name struct children.
         */
        public Builder add(String name, Array column) {
            return add(Fields.infer(name, column.data(), nextDictionaryId), column);
        }

        /** Adds a column described by {@code field}. */
        public Builder add(Field field, Array column) {
            fields.add(Objects.requireNonNull(field, "field"));
            arrays.add(Objects.requireNonNull(column, "column"));
            if (field.dictionary() != null) {
                nextDictionaryId[0] = Math.max(nextDictionaryId[0], field.dictionary().id() + 1);
            }
            return this;
        }

        /** Custom metadata of the schema. */
        public Builder schemaMetadata(Map<String, String> metadata) {
            this.schemaMetadata = metadata;
            return this;
        }

        /** Custom metadata of the record batch message. */
        public Builder metadata(Map<String, String> metadata) {
            this.batchMetadata = metadata;
            return this;
        }

        /** @throws IllegalArgumentException if the columns differ in length */
        public RecordBatch build() {
            Schema schema = Schema.of(fields).withMetadata(schemaMetadata);
            int rows = arrays.isEmpty() ? 0 : arrays.get(0).length();
            return new RecordBatch(schema, rows, arrays, batchMetadata, null, null);
        }
    }

    public Schema schema() { checkOpen(); return schema; }
    public int numRows() { checkOpen(); return numRows; }
    public int numColumns() { return columns.size(); }
    public List<Array> columns() { checkOpen(); return columns; }
    public Array column(int i) { checkOpen(); return columns.get(i); }

    /** The first column with this name. */
    public Array column(String name) {
        int i = schema.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no column named '" + name + "'");
        return column(i);
    }

    /** Custom metadata of the record batch message. */
    public Map<String, String> metadata() { return metadata; }

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
        synchronized (lock) {
            checkOpen();
            if (owner == null) return this;
            Arena own = Arena.ofShared();
            List<Array> copied = new ArrayList<>(columns.size());
            for (Array a : columns) copied.add(Array.of(ArrayCopier.copy(a.data(), own)));
            RecordBatch detached = new RecordBatch(schema, numRows, copied, metadata, own, null);
            // swap contents: this instance now refers to the copies
            MemoryOwner previous = owner;
            owner = null;
            Arena oldArena = arena;
            arena = own;
            columns = detached.columns;
            previous.unregister(this);
            if (oldArena != null) oldArena.close();
            return this;
        }
    }

    /** Releases the memory this batch owns. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) return;
            closed = true;
            if (arena != null) {
                arena.close();
                arena = null;
            }
            if (owner != null) {
                owner.unregister(this);
                owner = null;
            }
        }
    }

    /** Called by the owning reader when it closes. */
    void ownerClosed() {
        synchronized (lock) {
            closed = true;
            if (arena != null) {
                arena.close();
                arena = null;
            }
            owner = null;
        }
    }

    public boolean isClosed() {
        synchronized (lock) { return closed; }
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("record batch is closed (it or its reader was closed)");
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
