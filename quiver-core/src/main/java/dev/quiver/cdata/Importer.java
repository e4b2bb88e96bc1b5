package dev.quiver.cdata;

import dev.quiver.InvalidDataException;
import dev.quiver.UnsupportedFeatureException;
import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Layout;
import dev.quiver.array.RecordBatch;
import dev.quiver.memory.Bits;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.UnionMode;
import dev.quiver.validate.ValidationLevel;
import dev.quiver.validate.Validator;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.quiver.cdata.CStructs.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Reads {@code ArrowSchema} and {@code ArrowArray} structures into Quiver fields and arrays over the producer's
 * memory. The structures do not carry buffer sizes: each buffer's size is what the specification requires for the
 * array's type, offset and length (for variable-size data: the last offset; for views: the variadic sizes buffer),
 * and {@link Validator} then checks the rest at the chosen level, as for IPC input. Every problem is an
 * {@link InvalidDataException} naming the field path.
 */
final class Importer {
    private Importer() {}

    /** Deeper nesting is refused (the recursion would otherwise exhaust the stack on hostile input). */
    static final int MAX_DEPTH = 200;
    /** More children or metadata entries than this are refused as malformed. */
    static final long MAX_COUNT = 1 << 20;

    private static InvalidDataException fail(String path, String detail) {
        return new InvalidDataException(detail, "C Data import", -1, path.isEmpty() ? null : path);
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    // ---- schema --------------------------------------------------------------------------------------------

    static Field readField(MemorySegment s, String path, long[] nextDictionaryId, int depth) {
        return readField(s, path, nextDictionaryId, depth, false);
    }

    private static Field readField(MemorySegment s, String path, long[] nextDictionaryId, int depth,
                                   boolean dictionaryValues) {
        s = s.reinterpret(ARROW_SCHEMA.byteSize());
        if (depth > MAX_DEPTH) throw fail(path, "schema nested deeper than " + MAX_DEPTH + " levels");
        if (ptr(s, S_RELEASE) == 0) throw fail(path, "the ArrowSchema was released (its release callback is null)");
        String format = string(ptr(s, S_FORMAT));
        if (format == null) throw fail(path, "ArrowSchema.format is null");
        String name = string(ptr(s, S_NAME));
        if (name == null) name = "";
        String here = dictionaryValues ? path : depth == 0 ? name : child(path, name);
        Map<String, String> metadata = metadata(ptr(s, S_METADATA), here);
        long flags = s.get(JAVA_LONG, S_FLAGS);
        long n = s.get(JAVA_LONG, S_N_CHILDREN);
        if (n < 0 || n > MAX_COUNT) throw fail(here, "ArrowSchema.n_children is " + n);
        long childrenPtr = ptr(s, S_CHILDREN);
        if (n > 0 && childrenPtr == 0) throw fail(here, "ArrowSchema.children is null for " + n + " children");
        ArrowType type = CDataFormat.parse(format, (int) n, here);
        List<Field> children = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            long c = MemorySegment.ofAddress(childrenPtr).reinterpret(n * 8).getAtIndex(ADDRESS, i).address();
            if (c == 0) throw fail(here, "ArrowSchema child " + i + " is null");
            children.add(readField(MemorySegment.ofAddress(c), here, nextDictionaryId, depth + 1));
        }
        boolean nullable = (flags & FLAG_NULLABLE) != 0;
        if (type instanceof ArrowType.Map) type = new ArrowType.Map((flags & FLAG_MAP_KEYS_SORTED) != 0);
        long dict = ptr(s, S_DICTIONARY);
        if (dict != 0) {
            if (!(type instanceof ArrowType.Int index)) {
                throw fail(here, "dictionary index type must be an integer, not " + type + " ('" + format + "')");
            }
            if (n != 0) throw fail(here, "a dictionary-encoded ArrowSchema has " + n + " children, expected 0");
            Field values = readField(MemorySegment.ofAddress(dict), here, nextDictionaryId, depth + 1, true)
                    .withName(name);
            if (values.dictionary() != null) {
                throw new UnsupportedFeatureException("dictionary values that are dictionary-encoded themselves",
                        "C Data import", -1, here);
            }
            DictionaryEncoding enc = new DictionaryEncoding(nextDictionaryId[0]++, index,
                    (flags & FLAG_DICTIONARY_ORDERED) != 0);
            return new Field(name, values.type(), nullable, values.children(), enc, metadata);
        }
        int expected = switch (type) {
            case ArrowType.List t -> 1;
            case ArrowType.LargeList t -> 1;
            case ArrowType.ListView t -> 1;
            case ArrowType.LargeListView t -> 1;
            case ArrowType.FixedSizeList t -> 1;
            case ArrowType.Map t -> 1;
            case ArrowType.RunEndEncoded t -> 2;
            case ArrowType.Struct t -> (int) n;
            case ArrowType.Union t -> t.typeIds().length;
            default -> 0;
        };
        if (n != expected) {
            throw fail(here, "format '" + format + "' needs " + expected + " child" + (expected == 1 ? "" : "ren")
                    + ", ArrowSchema has " + n);
        }
        if (type instanceof ArrowType.Map) {
            Field entries = children.get(0);
            if (!(entries.type() instanceof ArrowType.Struct) || entries.children().size() != 2) {
                throw fail(here, "map entries must be a struct of key and value, found " + entries.type()
                        + " with " + entries.children().size() + " children");
            }
        }
        if (type instanceof ArrowType.RunEndEncoded && !(children.get(0).type() instanceof ArrowType.Int)) {
            throw fail(here, "run ends must be integers, not " + children.get(0).type());
        }
        return new Field(name, type, nullable, children, null, metadata);
    }

    static Map<String, String> metadata(long address, String path) {
        if (address == 0) return Map.of();
        MemorySegment m = MemorySegment.ofAddress(address).reinterpret(Long.MAX_VALUE);
        int n = m.get(JAVA_INT.withByteAlignment(1), 0);
        if (n < 0 || n > MAX_COUNT) throw fail(path, "ArrowSchema.metadata has " + n + " entries");
        Map<String, String> out = new LinkedHashMap<>();
        long at = 4;
        for (int i = 0; i < n; i++) {
            String[] kv = new String[2];
            for (int k = 0; k < 2; k++) {
                int len = m.get(JAVA_INT.withByteAlignment(1), at);
                if (len < 0) throw fail(path, "ArrowSchema.metadata entry " + i + " has a negative length " + len);
                byte[] b = new byte[len];
                MemorySegment.copy(m, JAVA_BYTE, at + 4, b, 0, len);
                kv[k] = new String(b, StandardCharsets.UTF_8);
                at += 4L + len;
            }
            out.put(kv[0], kv[1]);
        }
        return out;
    }

    static Schema schema(Field top) {
        if (!(top.type() instanceof ArrowType.Struct) || top.dictionary() != null) {
            throw fail("", "a record batch's ArrowSchema must be a struct ('+s'), found " + top.type());
        }
        return new Schema(top.children(), top.metadata(), null);
    }

    // ---- arrays --------------------------------------------------------------------------------------------

    /** Reads the array of {@code field} (its indices, or with {@code values} its dictionary's values). */
    static ArrayData readArray(Field f, boolean values, MemorySegment a, String path, ImportedArena arena, int depth) {
        a = a.reinterpret(ARROW_ARRAY.byteSize());
        if (depth > MAX_DEPTH) throw fail(path, "array nested deeper than " + MAX_DEPTH + " levels");
        if (ptr(a, A_RELEASE) == 0) throw fail(path, "the ArrowArray was released (its release callback is null)");
        boolean indices = f.dictionary() != null && !values;
        ArrowType type = indices ? f.dictionary().indexType() : f.type();
        List<Field> childFields = indices ? List.of() : f.children();
        long length = a.get(JAVA_LONG, A_LENGTH);
        long nullCount = a.get(JAVA_LONG, A_NULL_COUNT);
        long offset = a.get(JAVA_LONG, A_OFFSET);
        long nBuffers = a.get(JAVA_LONG, A_N_BUFFERS);
        long nChildren = a.get(JAVA_LONG, A_N_CHILDREN);
        if (length < 0) throw fail(path, "negative length " + length);
        if (offset < 0) throw fail(path, "negative offset " + offset);
        if (nullCount < -1 || nullCount > length) {
            throw fail(path, "null count " + nullCount + " outside -1.." + length);
        }
        if (length + offset > Integer.MAX_VALUE) {
            throw new UnsupportedFeatureException("offset + length " + (offset + length) + " beyond "
                    + Integer.MAX_VALUE + " (arrays are int-indexed)", "C Data import", -1, path);
        }
        int fixed = Layout.bufferCount(type);
        boolean views = Layout.hasVariadicBuffers(type);
        if (views ? nBuffers < fixed + 1 || nBuffers > MAX_COUNT : nBuffers != fixed) {
            throw fail(path, "format '" + CDataFormat.of(type) + "' needs " + (views ? "at least " + (fixed + 1)
                    : fixed) + " buffers, ArrowArray.n_buffers is " + nBuffers);
        }
        if (nChildren != childFields.size()) {
            throw fail(path, "format '" + CDataFormat.of(type) + "' needs " + childFields.size()
                    + " children, ArrowArray.n_children is " + nChildren);
        }
        long buffersPtr = ptr(a, A_BUFFERS);
        if (nBuffers > 0 && buffersPtr == 0) throw fail(path, "ArrowArray.buffers is null for " + nBuffers + " buffers");
        long[] p = new long[(int) nBuffers];
        MemorySegment bp = nBuffers == 0 ? MemorySegment.NULL
                : MemorySegment.ofAddress(buffersPtr).reinterpret(nBuffers * 8);
        for (int i = 0; i < p.length; i++) p[i] = bp.getAtIndex(ADDRESS, i).address();

        int end = (int) (offset + length);
        MemorySegment[] bufs = new MemorySegment[views ? (int) nBuffers - 1 : fixed];
        if (Layout.hasValidity(type)) {
            if (p[0] == 0) {
                if (nullCount > 0) throw fail(path, "null count is " + nullCount + " but the validity bitmap is null");
                bufs[0] = ArrayData.ABSENT;
            } else {
                bufs[0] = view(arena, p[0], Bits.bytesFor(end));
            }
        }
        switch (type) {
            case ArrowType.Null t -> { }
            case ArrowType.RunEndEncoded t -> { }
            case ArrowType.Struct t -> { }
            case ArrowType.FixedSizeList t -> { }
            case ArrowType.Binary t -> varSize(path, arena, p, bufs, end, length, 4, true);
            case ArrowType.Utf8 t -> varSize(path, arena, p, bufs, end, length, 4, true);
            case ArrowType.LargeBinary t -> varSize(path, arena, p, bufs, end, length, 8, true);
            case ArrowType.LargeUtf8 t -> varSize(path, arena, p, bufs, end, length, 8, true);
            case ArrowType.List t -> varSize(path, arena, p, bufs, end, length, 4, false);
            case ArrowType.Map t -> varSize(path, arena, p, bufs, end, length, 4, false);
            case ArrowType.LargeList t -> varSize(path, arena, p, bufs, end, length, 8, false);
            case ArrowType.ListView t -> {
                bufs[1] = required(path, arena, p, 1, (long) end * 4, "offsets");
                bufs[2] = required(path, arena, p, 2, (long) end * 4, "sizes");
            }
            case ArrowType.LargeListView t -> {
                bufs[1] = required(path, arena, p, 1, (long) end * 8, "offsets");
                bufs[2] = required(path, arena, p, 2, (long) end * 8, "sizes");
            }
            case ArrowType.Union u -> {
                bufs[0] = required(path, arena, p, 0, end, "type ids");
                if (u.mode() == UnionMode.DENSE) bufs[1] = required(path, arena, p, 1, (long) end * 4, "offsets");
            }
            case ArrowType.BinaryView t -> views(path, arena, p, bufs, end);
            case ArrowType.Utf8View t -> views(path, arena, p, bufs, end);
            default -> {
                long bits = type instanceof ArrowType.FixedSizeBinary fsb ? fsb.byteWidth() * 8L
                        : Layout.fixedBitWidth(type);
                if (bits <= 0 && !(type instanceof ArrowType.FixedSizeBinary)) {
                    throw new UnsupportedFeatureException("type " + type, "C Data import", -1, path);
                }
                bufs[1] = required(path, arena, p, 1, (end * bits + 7) / 8, "values");
            }
        }

        ArrayData[] children = new ArrayData[(int) nChildren];
        long childrenPtr = ptr(a, A_CHILDREN);
        if (nChildren > 0 && childrenPtr == 0) {
            throw fail(path, "ArrowArray.children is null for " + nChildren + " children");
        }
        for (int i = 0; i < nChildren; i++) {
            long c = MemorySegment.ofAddress(childrenPtr).reinterpret(nChildren * 8).getAtIndex(ADDRESS, i).address();
            Field cf = childFields.get(i);
            String cp = child(path, cf.name());
            if (c == 0) throw fail(cp, "ArrowArray child " + i + " is null");
            children[i] = readArray(cf, false, MemorySegment.ofAddress(c), cp, arena, depth + 1);
        }
        ArrayData dictionary = null;
        long dictPtr = ptr(a, A_DICTIONARY);
        if (indices) {
            if (dictPtr == 0) throw fail(path, "dictionary-encoded field but ArrowArray.dictionary is null");
            dictionary = readArray(f, true, MemorySegment.ofAddress(dictPtr), path, arena, depth + 1);
        } else if (dictPtr != 0) {
            throw fail(path, "ArrowArray.dictionary is set but the field is not dictionary-encoded");
        }

        int nulls;
        if (type instanceof ArrowType.Null) {
            nulls = (int) length;
        } else if (!Layout.hasValidity(type)) {
            nulls = 0;
        } else if (nullCount >= 0) {
            nulls = (int) nullCount;
        } else if (bufs[0].byteSize() == 0) {
            nulls = 0;
        } else {
            nulls = (int) (length - Bits.countSet(bufs[0], offset, length));
        }
        try {
            return new ArrayData(type, (int) length, (int) offset, nulls, bufs, children, dictionary);
        } catch (IllegalArgumentException e) {
            throw fail(path, e.getMessage());
        }
    }

    private static MemorySegment view(ImportedArena arena, long address, long size) {
        return size == 0 ? ArrayData.ABSENT : arena.view(address, size);
    }

    private static MemorySegment required(String path, ImportedArena arena, long[] p, int i, long size, String what) {
        if (size == 0) return p[i] == 0 ? ArrayData.ABSENT : arena.view(p[i], 0);
        if (p[i] == 0) throw fail(path, "buffer " + i + " (" + what + ") is null but " + size + " bytes are needed");
        return arena.view(p[i], size);
    }

    private static long mul(String path, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw fail(path, "buffer size overflows: " + a + " × " + b);
        }
    }

    /** Offsets (buffer 1) of {@code end + 1} entries, and for binary and utf8 the data (buffer 2) up to the last. */
    private static void varSize(String path, ImportedArena arena, long[] p, MemorySegment[] bufs, int end, long length,
                                int w, boolean data) {
        if (p[1] == 0 && length == 0) {
            bufs[1] = ArrayData.ABSENT;
            if (data) bufs[2] = p[2] == 0 ? ArrayData.ABSENT : arena.view(p[2], 0);
            return;
        }
        MemorySegment offsets = required(path, arena, p, 1, mul(path, end + 1L, w), "offsets");
        bufs[1] = offsets;
        if (!data) return;
        long last = w == 8 ? offsets.get(JAVA_LONG.withByteAlignment(1), (long) end * 8)
                : offsets.get(JAVA_INT.withByteAlignment(1), (long) end * 4);
        if (last < 0) throw fail(path, "last offset " + last + " is negative");
        bufs[2] = required(path, arena, p, 2, last, "data");
    }

    /** Views (buffer 1), the variadic data buffers, their sizes in the last buffer (which is not kept). */
    private static void views(String path, ImportedArena arena, long[] p, MemorySegment[] bufs, int end) {
        bufs[1] = required(path, arena, p, 1, mul(path, end, 16), "views");
        int variadic = p.length - 3;
        if (variadic > 0 && p[p.length - 1] == 0) {
            throw fail(path, "the variadic buffer sizes (buffer " + (p.length - 1) + ") are null");
        }
        MemorySegment sizes = variadic == 0 ? MemorySegment.NULL
                : MemorySegment.ofAddress(p[p.length - 1]).reinterpret(variadic * 8L);
        for (int k = 0; k < variadic; k++) {
            long size = sizes.getAtIndex(JAVA_LONG.withByteAlignment(1), k);
            if (size < 0) throw fail(path, "variadic buffer " + k + " has a negative size " + size);
            bufs[2 + k] = required(path, arena, p, 2 + k, size, "variadic data " + k);
        }
    }

    // ---- batches -------------------------------------------------------------------------------------------

    /** Imports the array at {@code source} (moved, released when the batch closes or is reclaimed) as a batch. */
    static RecordBatch importBatch(MemorySegment source, Schema schema, ValidationLevel level) {
        ImportedArena arena = moveIn(source);
        try {
            Field top = new Field("", new ArrowType.Struct(), false, schema.fields(), null, null);
            ArrayData d = readArray(top, false, arena.struct(), "", arena, 0);
            if (d.nullCount() != 0) throw fail("", "a record batch's struct array has " + d.nullCount() + " nulls");
            for (int i = 0; i < d.childCount(); i++) {
                if (d.child(i).length() < (long) d.offset() + d.length()) {
                    throw fail(schema.field(i).name(), "column has length " + d.child(i).length() + ", the batch needs "
                            + ((long) d.offset() + d.length()));
                }
                Validator.validate(schema.field(i), d.child(i), level);
            }
            List<Array> columns = new ArrayList<>(d.childCount());
            for (int i = 0; i < d.childCount(); i++) {
                ArrayData c = d.child(i);
                if (d.offset() != 0 || c.length() != d.length()) c = c.slice(d.offset(), d.length());
                columns.add(Array.of(c));
            }
            return new RecordBatch(schema, d.length(), columns, null, arena, null);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** Imports the array of {@code field} at {@code source}. */
    static ImportedArray importArray(MemorySegment source, Field field, ValidationLevel level) {
        ImportedArena arena = moveIn(source);
        try {
            ArrayData d = readArray(field, false, arena.struct(), field.name(), arena, 0);
            Validator.validate(field, d, level);
            return new ImportedArray(field, Array.of(d), arena);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private static ImportedArena moveIn(MemorySegment source) {
        MemorySegment s = source.reinterpret(ARROW_ARRAY.byteSize());
        if (ptr(s, A_RELEASE) == 0) throw fail("", "the ArrowArray was released (its release callback is null)");
        return new ImportedArena(s, ARROW_ARRAY, A_RELEASE);
    }
}
