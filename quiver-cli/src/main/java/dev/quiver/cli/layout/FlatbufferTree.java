package dev.quiver.cli.layout;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flatbuffers metadata of a message ({@code Message} of Message.fbs) or of a file footer ({@code Footer} of
 * File.fbs) as a tree of plain values named as the {@code .fbs} files name their fields: {@code version},
 * {@code header_type}, {@code header}, {@code bodyLength}, {@code custom_metadata}; {@code Schema}, {@code Field},
 * {@code DictionaryEncoding}, the {@code Type} tables, {@code RecordBatch} ({@code nodes}, {@code buffers},
 * {@code compression}, {@code variadicBufferCounts}), {@code DictionaryBatch}, {@code Footer} and {@code Block}.
 * Enums are their names ({@code "V5"}, {@code "Little"}, {@code "LZ4_FRAME"}; an unknown value is its number); a
 * union's value is preceded by its {@code <name>_type}. Scalars are always present (their default when the buffer
 * omits them, as {@code flatc --defaults-json} writes them); strings, tables and vectors only when the buffer has
 * them, so that an absent custom metadata list differs from an empty one.
 *
 * <p>Also measures the buffer: {@link Tree#extent()} is the end of the last byte any object occupies (tables, their
 * vtables, strings, vectors), so that the bytes after it are the padding the writer added.
 *
 * <p>Call it on metadata the codec has verified; it checks every access again all the same (an
 * {@link InvalidDataException} at the absolute offset, never an exception of another kind) and gives up after
 * {@value #MAX_OBJECTS} objects, since shared sub-objects can make a small buffer describe a huge tree.
 */
public final class FlatbufferTree {
    /** Most objects one tree may hold. */
    public static final int MAX_OBJECTS = 200_000;

    private static final String[] VERSIONS = {"V1", "V2", "V3", "V4", "V5"};
    private static final String[] HEADERS = {"NONE", "Schema", "DictionaryBatch", "RecordBatch", "Tensor", "SparseTensor"};
    private static final String[] TYPES = {"NONE", "Null", "Int", "FloatingPoint", "Binary", "Utf8", "Bool", "Decimal",
            "Date", "Time", "Timestamp", "Interval", "List", "Struct_", "Union", "FixedSizeBinary", "FixedSizeList",
            "Map", "Duration", "LargeBinary", "LargeUtf8", "LargeList", "RunEndEncoded", "BinaryView", "Utf8View",
            "ListView", "LargeListView"};
    private static final String[] TIME_UNITS = {"SECOND", "MILLISECOND", "MICROSECOND", "NANOSECOND"};
    private static final String[] FEATURES = {"UNUSED", "DICTIONARY_REPLACEMENT", "COMPRESSED_BODY"};

    /** The decoded fields and the end of the last object, relative to the buffer's start. */
    public record Tree(Map<String, Object> fields, long extent) {}

    private final MemorySegment buf;
    private final String resource;
    private final long base;
    private long extent;
    private int objects;

    private FlatbufferTree(MemorySegment buf, String resource, long base) {
        this.buf = buf;
        this.resource = resource;
        this.base = base;
    }

    /** The {@code Message} table of {@code metadata}, found at absolute offset {@code base} of {@code resource}. */
    public static Tree message(MemorySegment metadata, String resource, long base) {
        FlatbufferTree t = new FlatbufferTree(metadata, resource, base);
        Map<String, Object> m = t.messageTable(t.root());
        return new Tree(m, t.extent);
    }

    /** The {@code Footer} table of a file footer. */
    public static Tree footer(MemorySegment footer, String resource, long base) {
        FlatbufferTree t = new FlatbufferTree(footer, resource, base);
        Map<String, Object> m = t.footerTable(t.root());
        return new Tree(m, t.extent);
    }

    // ---- tables of Message.fbs, File.fbs and Schema.fbs ---------------------------------------------------

    private Map<String, Object> messageTable(Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", name(VERSIONS, t.int16(0, 0)));
        int tag = t.uint8(1, 0);
        m.put("header_type", name(HEADERS, tag));
        Table h = t.table(2);
        if (h != null) {
            m.put("header", switch (tag) {
                case 1 -> schemaTable(h);
                case 2 -> dictionaryBatchTable(h);
                case 3 -> recordBatchTable(h);
                default -> new LinkedHashMap<>();
            });
        }
        m.put("bodyLength", t.int64(3, 0));
        keyValues(t, 4, m);
        return m;
    }

    private Map<String, Object> footerTable(Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", name(VERSIONS, t.int16(0, 0)));
        Table s = t.table(1);
        if (s != null) m.put("schema", schemaTable(s));
        for (int slot = 2; slot <= 3; slot++) {
            Vec v = t.vector(slot, 24);
            if (v == null) continue;
            List<Object> blocks = new ArrayList<>(v.length);
            for (int i = 0; i < v.length; i++) {
                long e = v.element(i);
                Map<String, Object> b = node();
                b.put("offset", readLong(e));
                b.put("metaDataLength", readInt(e + 8));
                b.put("bodyLength", readLong(e + 16));
                blocks.add(b);
            }
            m.put(slot == 2 ? "dictionaries" : "recordBatches", blocks);
        }
        keyValues(t, 4, m);
        return m;
    }

    private Map<String, Object> schemaTable(Table t) {
        Map<String, Object> m = node();
        m.put("endianness", name(new String[] {"Little", "Big"}, t.int16(0, 0)));
        Vec fields = t.vector(1, 4);
        if (fields != null) m.put("fields", fields(fields));
        keyValues(t, 2, m);
        Vec features = t.vector(3, 8);
        if (features != null) {
            List<Object> f = new ArrayList<>(features.length);
            for (int i = 0; i < features.length; i++) {
                long v = readLong(features.element(i));
                f.add(v >= 0 && v < FEATURES.length ? FEATURES[(int) v] : v);
            }
            m.put("features", f);
        }
        return m;
    }

    private List<Object> fields(Vec v) {
        List<Object> out = new ArrayList<>(v.length);
        for (int i = 0; i < v.length; i++) out.add(fieldTable(tableAt(v.element(i))));
        return out;
    }

    private Map<String, Object> fieldTable(Table t) {
        Map<String, Object> m = node();
        String name = t.string(0);
        if (name != null) m.put("name", name);
        m.put("nullable", t.bool(1, false));
        int tag = t.uint8(2, 0);
        m.put("type_type", name(TYPES, tag));
        Table type = t.table(3);
        if (type != null) m.put("type", typeTable(tag, type));
        Table d = t.table(4);
        if (d != null) {
            Map<String, Object> dict = node();
            dict.put("id", d.int64(0, 0));
            Table index = d.table(1);
            if (index != null) dict.put("indexType", typeTable(2, index));
            dict.put("isOrdered", d.bool(2, false));
            dict.put("dictionaryKind", name(new String[] {"DenseArray"}, d.int16(3, 0)));
            m.put("dictionary", dict);
        }
        Vec children = t.vector(5, 4);
        if (children != null) m.put("children", fields(children));
        keyValues(t, 6, m);
        return m;
    }

    private Map<String, Object> typeTable(int tag, Table t) {
        Map<String, Object> m = node();
        switch (tag) {
            case 2 -> { // Int
                m.put("bitWidth", t.int32(0, 0));
                m.put("is_signed", t.bool(1, false));
            }
            case 3 -> m.put("precision", name(new String[] {"HALF", "SINGLE", "DOUBLE"}, t.int16(0, 0)));
            case 7 -> { // Decimal
                m.put("precision", t.int32(0, 0));
                m.put("scale", t.int32(1, 0));
                m.put("bitWidth", t.int32(2, 128));
            }
            case 8 -> m.put("unit", name(new String[] {"DAY", "MILLISECOND"}, t.int16(0, 1)));
            case 9 -> { // Time
                m.put("unit", name(TIME_UNITS, t.int16(0, 1)));
                m.put("bitWidth", t.int32(1, 32));
            }
            case 10 -> { // Timestamp
                m.put("unit", name(TIME_UNITS, t.int16(0, 0)));
                String tz = t.string(1);
                if (tz != null) m.put("timezone", tz);
            }
            case 11 -> m.put("unit", name(new String[] {"YEAR_MONTH", "DAY_TIME", "MONTH_DAY_NANO"}, t.int16(0, 0)));
            case 14 -> { // Union
                m.put("mode", name(new String[] {"Sparse", "Dense"}, t.int16(0, 0)));
                Vec ids = t.vector(1, 4);
                if (ids != null) {
                    List<Object> l = new ArrayList<>(ids.length);
                    for (int i = 0; i < ids.length; i++) l.add(readInt(ids.element(i)));
                    m.put("typeIds", l);
                }
            }
            case 15 -> m.put("byteWidth", t.int32(0, 0));
            case 16 -> m.put("listSize", t.int32(0, 0));
            case 17 -> m.put("keysSorted", t.bool(0, false));
            case 18 -> m.put("unit", name(TIME_UNITS, t.int16(0, 1)));
            default -> { } // the tables without fields
        }
        return m;
    }

    private Map<String, Object> recordBatchTable(Table t) {
        Map<String, Object> m = node();
        m.put("length", t.int64(0, 0));
        Vec nodes = t.vector(1, 16);
        if (nodes != null) {
            List<Object> l = new ArrayList<>(nodes.length);
            for (int i = 0; i < nodes.length; i++) {
                Map<String, Object> n = node();
                n.put("length", readLong(nodes.element(i)));
                n.put("null_count", readLong(nodes.element(i) + 8));
                l.add(n);
            }
            m.put("nodes", l);
        }
        Vec buffers = t.vector(2, 16);
        if (buffers != null) {
            List<Object> l = new ArrayList<>(buffers.length);
            for (int i = 0; i < buffers.length; i++) {
                Map<String, Object> b = node();
                b.put("offset", readLong(buffers.element(i)));
                b.put("length", readLong(buffers.element(i) + 8));
                l.add(b);
            }
            m.put("buffers", l);
        }
        Table c = t.table(3);
        if (c != null) {
            Map<String, Object> comp = node();
            comp.put("codec", name(new String[] {"LZ4_FRAME", "ZSTD"}, c.int8(0, 0)));
            comp.put("method", name(new String[] {"BUFFER"}, c.int8(1, 0)));
            m.put("compression", comp);
        }
        Vec variadic = t.vector(4, 8);
        if (variadic != null) {
            List<Object> l = new ArrayList<>(variadic.length);
            for (int i = 0; i < variadic.length; i++) l.add(readLong(variadic.element(i)));
            m.put("variadicBufferCounts", l);
        }
        return m;
    }

    private Map<String, Object> dictionaryBatchTable(Table t) {
        Map<String, Object> m = node();
        m.put("id", t.int64(0, 0));
        Table data = t.table(1);
        if (data != null) m.put("data", recordBatchTable(data));
        m.put("isDelta", t.bool(2, false));
        return m;
    }

    private void keyValues(Table t, int slot, Map<String, Object> into) {
        Vec v = t.vector(slot, 4);
        if (v == null) return;
        List<Object> l = new ArrayList<>(v.length);
        for (int i = 0; i < v.length; i++) {
            Table kv = tableAt(v.element(i));
            Map<String, Object> e = node();
            String key = kv.string(0);
            String value = kv.string(1);
            if (key != null) e.put("key", key);
            if (value != null) e.put("value", value);
            l.add(e);
        }
        into.put("custom_metadata", l);
    }

    private static Object name(String[] names, long v) {
        return v >= 0 && v < names.length ? names[(int) v] : (Object) v;
    }

    private Map<String, Object> node() {
        if (++objects > MAX_OBJECTS) {
            throw new LimitExceededException("the Flatbuffers metadata describes more than " + MAX_OBJECTS
                    + " objects", resource, base, null);
        }
        return new LinkedHashMap<>();
    }

    // ---- Flatbuffers access --------------------------------------------------------------------------------

    private record Vec(long start, int length, int elementSize) {
        long element(int i) { return start + 4 + (long) i * elementSize; }
    }

    /** A table at {@code pos} with its vtable. */
    private final class Table {
        final long pos;
        final long vtable;
        final int vsize;

        Table(long pos) {
            this.pos = pos;
            this.vtable = pos - readInt(pos);
            this.vsize = readUShort(vtable);
            int tsize = readUShort(vtable + 2);
            if (vsize < 4 || vsize % 2 != 0) throw invalid("vtable of " + vsize + " bytes", vtable);
            touch(vtable, vsize);
            touch(pos, Math.max(4, tsize));
        }

        /** Position of field {@code slot}, or -1 when absent. */
        long field(int slot) {
            int vo = 4 + 2 * slot;
            if (vo + 2 > vsize) return -1;
            int off = readUShort(vtable + vo);
            return off == 0 ? -1 : pos + off;
        }

        int int8(int slot, int dflt) { long p = field(slot); return p < 0 ? dflt : read(ValueLayout.JAVA_BYTE, p); }
        int uint8(int slot, int dflt) { long p = field(slot); return p < 0 ? dflt : read(ValueLayout.JAVA_BYTE, p) & 0xFF; }
        boolean bool(int slot, boolean dflt) { long p = field(slot); return p < 0 ? dflt : read(ValueLayout.JAVA_BYTE, p) != 0; }
        int int16(int slot, int dflt) { long p = field(slot); return p < 0 ? dflt : read(ValueLayout.JAVA_SHORT_UNALIGNED, p); }
        int int32(int slot, int dflt) { long p = field(slot); return p < 0 ? dflt : readInt(p); }
        long int64(int slot, long dflt) { long p = field(slot); return p < 0 ? dflt : readLong(p); }

        /** What the offset field {@code slot} points at, or -1. */
        long target(int slot) {
            long p = field(slot);
            return p < 0 ? -1 : p + Integer.toUnsignedLong(readInt(p));
        }

        Table table(int slot) {
            long t = target(slot);
            return t < 0 ? null : new Table(t);
        }

        String string(int slot) {
            long s = target(slot);
            if (s < 0) return null;
            int n = readInt(s);
            if (n < 0 || s + 4 + n + 1 > buf.byteSize()) throw invalid("string of " + n + " bytes", s);
            touch(s, 4L + n + 1);
            byte[] b = new byte[n];
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, s + 4, b, 0, n);
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }

        Vec vector(int slot, int elementSize) {
            long v = target(slot);
            if (v < 0) return null;
            int n = readInt(v);
            if (n < 0 || v + 4 + (long) n * elementSize > buf.byteSize()) {
                throw invalid("vector of " + n + " elements", v);
            }
            touch(v, 4 + (long) n * elementSize);
            if (objects + (long) n > MAX_OBJECTS) objects = MAX_OBJECTS; // the next object fails: refused up front
            return new Vec(v, n, elementSize);
        }
    }

    private Table root() {
        return new Table(Integer.toUnsignedLong(readInt(0)));
    }

    private Table tableAt(long element) {
        node();
        return new Table(element + Integer.toUnsignedLong(readInt(element)));
    }

    private void touch(long at, long length) {
        extent = Math.max(extent, at + length);
    }

    private int readInt(long at) { return read(ValueLayout.JAVA_INT_UNALIGNED, at); }
    private long readLong(long at) { return read(ValueLayout.JAVA_LONG_UNALIGNED, at); }
    private int readUShort(long at) { return read(ValueLayout.JAVA_SHORT_UNALIGNED, at) & 0xFFFF; }

    private int read(ValueLayout.OfByte l, long at) { check(at, 1); return buf.get(l, at); }
    private int read(ValueLayout.OfShort l, long at) { check(at, 2); return buf.get(l.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), at); }
    private int read(ValueLayout.OfInt l, long at) { check(at, 4); return buf.get(l.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), at); }
    private long read(ValueLayout.OfLong l, long at) { check(at, 8); return buf.get(l.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), at); }

    private void check(long at, int width) {
        if (at < 0 || at > buf.byteSize() - width) {
            throw invalid(width + "-byte value outside the " + buf.byteSize() + "-byte Flatbuffer", Math.max(0, at));
        }
    }

    private InvalidDataException invalid(String what, long at) {
        return new InvalidDataException("Flatbuffers metadata: " + what, resource, base + at);
    }
}
