package dev.quiver.array;

import dev.quiver.memory.ReclaimableArena;
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
        this.release = release;
        if (owner != null && owner.isClosed()) throw new IllegalStateException("the reader is closed");
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
                for (Array a : columns) copied.add(Array.of(ArrayCopier.copy(a.data(), own)));
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
