package dev.quiver.cdata;

import dev.quiver.InvalidDataException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Layout;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.quiver.cdata.CStructs.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Fills {@code ArrowSchema}, {@code ArrowArray} and {@code ArrowArrayStream} structures from Quiver objects.
 *
 * <p>Bookkeeping: one export (a base structure with its children and dictionaries) is a {@link Tree}, registered
 * under an id that every structure of it carries as {@code private_data}. The tree's arena holds the strings, the
 * pointer arrays and the child structures; the tree holds the exported Java objects (so their memory stays reachable).
 * Each structure's release callback (an FFM upcall, callable from any thread) releases its children still
 * unreleased, marks itself released and counts down the tree's live structures; the last one closes the arena, drops
 * the hold and runs the export's release action. Children moved out by the consumer (as the specification allows)
 * thus keep the memory they point to until they are released themselves.
 */
final class Exporter {
    private Exporter() {}

    private static final ConcurrentHashMap<Long, Tree> TREES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Long, StreamState> STREAMS = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong(1);

    private static final int EINVAL = 22;
    private static final int EIO = 5;
    private static final int ENOMEM = 12;

    static final MemorySegment RELEASE_SCHEMA;
    static final MemorySegment RELEASE_ARRAY;
    static final MemorySegment STREAM_GET_SCHEMA;
    static final MemorySegment STREAM_GET_NEXT;
    static final MemorySegment STREAM_LAST_ERROR;
    static final MemorySegment STREAM_RELEASE;

    static {
        Linker linker = Linker.nativeLinker();
        MethodHandles.Lookup l = MethodHandles.lookup();
        MethodType release = MethodType.methodType(void.class, MemorySegment.class);
        MethodType get = MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class);
        try {
            RELEASE_SCHEMA = linker.upcallStub(l.findStatic(Exporter.class, "releaseSchema", release),
                    RELEASE_DESC, Arena.global());
            RELEASE_ARRAY = linker.upcallStub(l.findStatic(Exporter.class, "releaseArray", release),
                    RELEASE_DESC, Arena.global());
            STREAM_GET_SCHEMA = linker.upcallStub(l.findStatic(Exporter.class, "streamGetSchema", get),
                    GET_DESC, Arena.global());
            STREAM_GET_NEXT = linker.upcallStub(l.findStatic(Exporter.class, "streamGetNext", get),
                    GET_DESC, Arena.global());
            STREAM_LAST_ERROR = linker.upcallStub(l.findStatic(Exporter.class, "streamLastError",
                    MethodType.methodType(MemorySegment.class, MemorySegment.class)), LAST_ERROR_DESC, Arena.global());
            STREAM_RELEASE = linker.upcallStub(l.findStatic(Exporter.class, "streamRelease", release),
                    RELEASE_DESC, Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One export: its memory, its live structures, what it keeps reachable, what to run at the end. */
    private static final class Tree {
        final long id = IDS.getAndIncrement();
        final Arena arena = Arena.ofShared();
        final AtomicInteger live = new AtomicInteger();
        volatile Object hold;
        volatile Runnable onRelease;

        Tree(Object hold, Runnable onRelease) {
            this.hold = hold;
            this.onRelease = onRelease;
        }
    }

    /** Exports not released yet (every base structure with its children counts once). */
    static int liveExports() {
        return TREES.size();
    }

    /** Exported streams not released yet. */
    static int liveStreams() {
        return STREAMS.size();
    }

    // ---- schema --------------------------------------------------------------------------------------------

    static void exportSchema(Schema schema, MemorySegment out) {
        export(out, ARROW_SCHEMA.byteSize(), null, null,
                (t, base) -> fillSchema(t, "+s", "", schema.metadata(), 0, schema.fields(), null, base));
    }

    static void exportField(Field field, MemorySegment out) {
        export(out, ARROW_SCHEMA.byteSize(), null, null, (t, base) -> fillField(t, field, base));
    }

    private interface Filler {
        void fill(Tree t, MemorySegment base);
    }

    private static void export(MemorySegment out, long size, Object hold, Runnable onRelease, Filler filler) {
        MemorySegment base = out.reinterpret(size);
        Tree t = new Tree(hold, onRelease);
        TREES.put(t.id, t);
        try {
            filler.fill(t, base);
        } catch (RuntimeException | Error e) {
            TREES.remove(t.id);
            t.arena.close();
            base.fill((byte) 0);
            throw e;
        }
    }

    private static long flags(Field f, ArrowType type) {
        long flags = f.nullable() ? FLAG_NULLABLE : 0;
        if (type instanceof ArrowType.Map m && m.keysSorted()) flags |= FLAG_MAP_KEYS_SORTED;
        return flags;
    }

    private static void fillField(Tree t, Field f, MemorySegment out) {
        if (f.dictionary() != null) {
            MemorySegment dict = t.arena.allocate(ARROW_SCHEMA);
            long valueFlags = FLAG_NULLABLE | (f.type() instanceof ArrowType.Map m && m.keysSorted()
                    ? FLAG_MAP_KEYS_SORTED : 0);
            fillSchema(t, CDataFormat.of(f.type()), "", Map.of(), valueFlags, f.children(), null, dict);
            long flags = (f.nullable() ? FLAG_NULLABLE : 0) | (f.dictionary().ordered() ? FLAG_DICTIONARY_ORDERED : 0);
            fillSchema(t, CDataFormat.of(f.dictionary().indexType()), f.name(), f.metadata(), flags, List.of(), dict,
                    out);
        } else {
            fillSchema(t, CDataFormat.of(f.type()), f.name(), f.metadata(), flags(f, f.type()), f.children(), null, out);
        }
    }

    private static void fillSchema(Tree t, String format, String name, Map<String, String> metadata, long flags,
                                   List<Field> children, MemorySegment dictionary, MemorySegment out) {
        setPtr(out, S_FORMAT, t.arena.allocateFrom(format));
        setPtr(out, S_NAME, t.arena.allocateFrom(name == null ? "" : name));
        setPtr(out, S_METADATA, metadata.isEmpty() ? MemorySegment.NULL : encodeMetadata(t.arena, metadata));
        out.set(JAVA_LONG, S_FLAGS, flags);
        out.set(JAVA_LONG, S_N_CHILDREN, children.size());
        if (children.isEmpty()) {
            setPtr(out, S_CHILDREN, MemorySegment.NULL);
        } else {
            MemorySegment ptrs = t.arena.allocate(ADDRESS, children.size());
            for (int i = 0; i < children.size(); i++) {
                MemorySegment c = t.arena.allocate(ARROW_SCHEMA);
                fillField(t, children.get(i), c);
                ptrs.setAtIndex(ADDRESS, i, c);
            }
            setPtr(out, S_CHILDREN, ptrs);
        }
        setPtr(out, S_DICTIONARY, dictionary == null ? MemorySegment.NULL : dictionary);
        setPtr(out, S_PRIVATE, t.id);
        setPtr(out, S_RELEASE, RELEASE_SCHEMA);
        t.live.incrementAndGet();
    }

    /** The metadata encoding of the specification: native-endian int32 counts and lengths, unterminated bytes. */
    static MemorySegment encodeMetadata(Arena arena, Map<String, String> metadata) {
        long size = 4;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            size += 8L + e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        MemorySegment m = arena.allocate(size, 4);
        m.set(JAVA_INT, 0, metadata.size());
        long at = 4;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            for (String s : new String[] {e.getKey(), e.getValue()}) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                m.set(JAVA_INT.withByteAlignment(1), at, b.length);
                MemorySegment.copy(b, 0, m, JAVA_BYTE, at + 4, b.length);
                at += 4 + b.length;
            }
        }
        return m;
    }

    @SuppressWarnings("unused") // upcall
    private static void releaseSchema(MemorySegment struct) {
        try {
            releaseSchemaNode(struct.reinterpret(ARROW_SCHEMA.byteSize()));
        } catch (Throwable ignored) {
            // an upcall must not throw (the JVM would exit); nothing sensible to report to a C caller
        }
    }

    private static void releaseSchemaNode(MemorySegment s) {
        if (ptr(s, S_RELEASE) == 0) return;
        long n = s.get(JAVA_LONG, S_N_CHILDREN);
        long children = ptr(s, S_CHILDREN);
        for (long i = 0; i < n && children != 0; i++) {
            long c = MemorySegment.ofAddress(children).reinterpret(n * 8).getAtIndex(ADDRESS, i).address();
            if (c != 0) releaseSchemaNode(at(c, ARROW_SCHEMA));
        }
        long d = ptr(s, S_DICTIONARY);
        if (d != 0) releaseSchemaNode(at(d, ARROW_SCHEMA));
        long id = ptr(s, S_PRIVATE);
        setPtr(s, S_RELEASE, 0);
        drop(id);
    }

    private static void drop(long id) {
        Tree t = TREES.get(id);
        if (t == null || t.live.decrementAndGet() != 0) return;
        TREES.remove(id);
        t.arena.close();
        t.hold = null;
        Runnable r = t.onRelease;
        t.onRelease = null;
        if (r != null) r.run();
    }

    // ---- arrays --------------------------------------------------------------------------------------------

    static void exportArray(ArrayData data, Object hold, Runnable onRelease, MemorySegment out) {
        export(out, ARROW_ARRAY.byteSize(), hold, onRelease, (t, base) -> fillArray(t, data, base));
    }

    /** A batch as a struct array without a validity bitmap. */
    static void exportBatch(RecordBatch batch, Runnable onRelease, MemorySegment out) {
        List<dev.quiver.array.Array> columns = batch.columns();
        int rows = batch.numRows();
        Runnable unretain = batch.retain(); // the batch's memory stays until the consumer releases
        Runnable done = () -> {
            try {
                if (onRelease != null) onRelease.run();
            } finally {
                unretain.run();
            }
        };
        try {
            exportRetained(batch, columns, rows, done, out);
        } catch (RuntimeException | Error e) {
            unretain.run();
            throw e;
        }
    }

    private static void exportRetained(RecordBatch batch, List<dev.quiver.array.Array> columns, int rows,
                                       Runnable onRelease, MemorySegment out) {
        export(out, ARROW_ARRAY.byteSize(), batch, onRelease, (t, base) -> {
            MemorySegment bufs = t.arena.allocate(ADDRESS, 1);
            MemorySegment ptrs = t.arena.allocate(ADDRESS, Math.max(1, columns.size()));
            for (int i = 0; i < columns.size(); i++) {
                MemorySegment c = t.arena.allocate(ARROW_ARRAY);
                fillArray(t, columns.get(i).data(), c);
                ptrs.setAtIndex(ADDRESS, i, c);
            }
            fillArrayHeader(t, base, rows, 0, 0, 1, bufs, columns.size(), columns.isEmpty() ? MemorySegment.NULL : ptrs,
                    MemorySegment.NULL);
        });
    }

    private static void fillArrayHeader(Tree t, MemorySegment out, long length, long nullCount, long offset,
                                        long nBuffers, MemorySegment buffers, long nChildren, MemorySegment children,
                                        MemorySegment dictionary) {
        out.set(JAVA_LONG, A_LENGTH, length);
        out.set(JAVA_LONG, A_NULL_COUNT, nullCount);
        out.set(JAVA_LONG, A_OFFSET, offset);
        out.set(JAVA_LONG, A_N_BUFFERS, nBuffers);
        out.set(JAVA_LONG, A_N_CHILDREN, nChildren);
        setPtr(out, A_BUFFERS, buffers);
        setPtr(out, A_CHILDREN, children);
        setPtr(out, A_DICTIONARY, dictionary);
        setPtr(out, A_PRIVATE, t.id);
        setPtr(out, A_RELEASE, RELEASE_ARRAY);
        t.live.incrementAndGet();
    }

    private static void fillArray(Tree t, ArrayData d, MemorySegment out) {
        ArrowType type = d.type();
        int nb = d.bufferCount();
        boolean views = Layout.hasVariadicBuffers(type);
        int total = views ? nb + 1 : nb;
        MemorySegment bufs = total == 0 ? MemorySegment.NULL : t.arena.allocate(ADDRESS, total);
        for (int i = 0; i < nb; i++) bufs.setAtIndex(ADDRESS, i, MemorySegment.ofAddress(bufferAddress(t, d, i)));
        if (views) {
            int variadic = Math.max(0, nb - 2);
            MemorySegment sizes = t.arena.allocate(JAVA_LONG, Math.max(1, variadic));
            for (int k = 0; k < variadic; k++) sizes.setAtIndex(JAVA_LONG, k, d.buffer(2 + k).byteSize());
            bufs.setAtIndex(ADDRESS, nb, sizes);
        }
        int nc = d.childCount();
        MemorySegment children = MemorySegment.NULL;
        if (nc > 0) {
            children = t.arena.allocate(ADDRESS, nc);
            for (int i = 0; i < nc; i++) {
                MemorySegment c = t.arena.allocate(ARROW_ARRAY);
                fillArray(t, d.child(i), c);
                children.setAtIndex(ADDRESS, i, c);
            }
        }
        MemorySegment dict = MemorySegment.NULL;
        if (d.dictionary() != null) {
            dict = t.arena.allocate(ARROW_ARRAY);
            fillArray(t, d.dictionary(), dict);
        }
        fillArrayHeader(t, out, d.length(), d.nullCount(), d.offset(), total, bufs, nc, children, dict);
    }

    /**
     * The address of buffer {@code i}: native memory is shared as it is; a buffer on the Java heap (arrays built in
     * memory) is copied once into the export's arena, as C code cannot see the heap. An absent buffer is a null
     * pointer, but for the offsets of an empty variable-size array, which get one zero offset.
     */
    private static long bufferAddress(Tree t, ArrayData d, int i) {
        MemorySegment seg = d.buffer(i);
        if (seg.byteSize() == 0) {
            ArrowType type = d.type();
            boolean offsets = i == 1 && Layout.offsetWidth(type) > 0
                    && !(type instanceof ArrowType.ListView || type instanceof ArrowType.LargeListView);
            if (!offsets) return 0;
            long bytes = ((long) d.offset() + d.length() + 1) * Layout.offsetWidth(type);
            return t.arena.allocate(bytes, 8).address();
        }
        if (seg.isNative()) return seg.address();
        MemorySegment copy = t.arena.allocate(seg.byteSize(), 64);
        copy.copyFrom(seg);
        return copy.address();
    }

    @SuppressWarnings("unused") // upcall
    private static void releaseArray(MemorySegment struct) {
        try {
            releaseArrayNode(struct.reinterpret(ARROW_ARRAY.byteSize()));
        } catch (Throwable ignored) {
            // an upcall must not throw
        }
    }

    private static void releaseArrayNode(MemorySegment a) {
        if (ptr(a, A_RELEASE) == 0) return;
        long n = a.get(JAVA_LONG, A_N_CHILDREN);
        long children = ptr(a, A_CHILDREN);
        for (long i = 0; i < n && children != 0; i++) {
            long c = MemorySegment.ofAddress(children).reinterpret(n * 8).getAtIndex(ADDRESS, i).address();
            if (c != 0) releaseArrayNode(at(c, ARROW_ARRAY));
        }
        long d = ptr(a, A_DICTIONARY);
        if (d != 0) releaseArrayNode(at(d, ARROW_ARRAY));
        long id = ptr(a, A_PRIVATE);
        setPtr(a, A_RELEASE, 0);
        drop(id);
    }

    // ---- streams -------------------------------------------------------------------------------------------

    /** An exported reader: closed once the stream and every batch it handed out are released. */
    private static final class StreamState {
        final long id = IDS.getAndIncrement();
        final RecordBatchReader reader;
        final Schema schema;
        final Arena errors = Arena.ofShared();
        MemorySegment lastError = MemorySegment.NULL;
        int outstanding;
        boolean released;
        boolean closed;

        StreamState(RecordBatchReader reader) {
            this.reader = reader;
            this.schema = reader.schema();
        }

        synchronized void error(Throwable e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!closed) lastError = errors.allocateFrom(m);
        }

        synchronized void batchOut() {
            outstanding++;
        }

        void batchReleased() {
            synchronized (this) {
                outstanding--;
            }
            maybeClose();
        }

        void maybeClose() {
            synchronized (this) {
                if (!released || outstanding > 0 || closed) return;
                closed = true;
            }
            try {
                reader.close();
            } catch (IOException | RuntimeException ignored) {
                // nobody to tell: the consumer is gone
            } finally {
                errors.close();
            }
        }
    }

    static void exportStream(RecordBatchReader reader, MemorySegment out) {
        MemorySegment s = out.reinterpret(ARROW_ARRAY_STREAM.byteSize());
        StreamState st = new StreamState(reader);
        STREAMS.put(st.id, st);
        setPtr(s, ST_GET_SCHEMA, STREAM_GET_SCHEMA);
        setPtr(s, ST_GET_NEXT, STREAM_GET_NEXT);
        setPtr(s, ST_GET_LAST_ERROR, STREAM_LAST_ERROR);
        setPtr(s, ST_PRIVATE, st.id);
        setPtr(s, ST_RELEASE, STREAM_RELEASE);
    }

    private static StreamState stream(MemorySegment s) {
        return STREAMS.get(ptr(s.reinterpret(ARROW_ARRAY_STREAM.byteSize()), ST_PRIVATE));
    }

    private static int errno(Throwable e) {
        if (e instanceof OutOfMemoryError) return ENOMEM;
        if (e instanceof InvalidDataException || e instanceof IllegalArgumentException) return EINVAL;
        return EIO;
    }

    @SuppressWarnings("unused") // upcall
    private static int streamGetSchema(MemorySegment stream, MemorySegment out) {
        StreamState st = null;
        try {
            st = stream(stream);
            if (st == null) return EINVAL;
            exportSchema(st.schema, out.reinterpret(ARROW_SCHEMA.byteSize()));
            return 0;
        } catch (Throwable e) {
            if (st != null) st.error(e);
            return errno(e);
        }
    }

    @SuppressWarnings("unused") // upcall
    private static int streamGetNext(MemorySegment stream, MemorySegment out) {
        StreamState st = null;
        try {
            st = stream(stream);
            if (st == null) return EINVAL;
            MemorySegment a = out.reinterpret(ARROW_ARRAY.byteSize());
            RecordBatch batch = st.reader.readNext();
            if (batch == null) {
                a.fill((byte) 0);
                return 0;
            }
            StreamState state = st;
            st.batchOut();
            try {
                exportBatch(batch, () -> {
                    batch.close();
                    state.batchReleased();
                }, a);
            } catch (RuntimeException | Error e) {
                batch.close();
                st.batchReleased();
                throw e;
            }
            return 0;
        } catch (Throwable e) {
            if (st != null) st.error(e);
            return errno(e);
        }
    }

    @SuppressWarnings("unused") // upcall
    private static MemorySegment streamLastError(MemorySegment stream) {
        try {
            StreamState st = stream(stream);
            if (st == null) return MemorySegment.NULL;
            synchronized (st) {
                return st.lastError;
            }
        } catch (Throwable e) {
            return MemorySegment.NULL;
        }
    }

    @SuppressWarnings("unused") // upcall
    private static void streamRelease(MemorySegment stream) {
        try {
            MemorySegment s = stream.reinterpret(ARROW_ARRAY_STREAM.byteSize());
            if (ptr(s, ST_RELEASE) == 0) return;
            StreamState st = STREAMS.remove(ptr(s, ST_PRIVATE));
            setPtr(s, ST_RELEASE, 0);
            if (st != null) {
                synchronized (st) {
                    st.released = true;
                }
                st.maybeClose();
            }
        } catch (Throwable ignored) {
            // an upcall must not throw
        }
    }
}
