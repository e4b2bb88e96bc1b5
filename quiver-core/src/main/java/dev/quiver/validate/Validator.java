package dev.quiver.validate;

import dev.quiver.InvalidDataException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Layout;
import dev.quiver.array.RecordBatch;
import dev.quiver.memory.Bits;
import dev.quiver.memory.LE;
import dev.quiver.memory.Loads;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.UnionMode;

import java.lang.foreign.MemorySegment;

/**
 * Checks {@link ArrayData} against the columnar format (see {@link ValidationLevel} for what each level covers and
 * what the getters may throw afterwards), recursing into children and dictionaries (or, with
 * {@link #validateTrustingDictionaries}, into children and dictionary indices only). Every problem is an {@link InvalidDataException} whose field path
 * names the array (children: {@code parent.child}, using the field names when a {@link Field} is given, else
 * {@code #i}) and whose message says what is wrong. Arithmetic on sizes and offsets is overflow-safe.
 */
public final class Validator {
    private Validator() {}

    /** Validates {@code data} with child names {@code #0}, {@code #1}, ...; {@code fieldPath} names the array. */
    public static void validate(ArrayData data, ValidationLevel level, String fieldPath) {
        if (level == ValidationLevel.NONE) return;
        check(null, data, fieldPath == null ? "" : fieldPath, new Scope(level == ValidationLevel.FULL, true));
    }

    /**
     * Validates {@code data} as the contents of {@code field}: also checks that the array's type, dictionary
     * encoding and child count match the field, and names children by the child fields.
     */
    public static void validate(Field field, ArrayData data, ValidationLevel level) {
        if (level == ValidationLevel.NONE) return;
        check(field, data, field.name(), new Scope(level == ValidationLevel.FULL, true));
    }

    /**
     * As {@link #validate(Field, ArrayData, ValidationLevel)}, for arrays whose dictionaries (at any depth) were
     * validated at this level when they arrived, as the IPC readers validate each dictionary batch (and each delta's
     * new values) once: checks that every dictionary-encoded array has a dictionary of the field's type and, at FULL,
     * that its indices lie inside it, but not the dictionary's own contents. The work is then proportional to the
     * array, whatever the size of its dictionaries.
     */
    public static void validateTrustingDictionaries(Field field, ArrayData data, ValidationLevel level) {
        if (level == ValidationLevel.NONE) return;
        check(field, data, field.name(), new Scope(level == ValidationLevel.FULL, false));
    }

    /** Validates every column of a batch against its schema field. */
    public static void validate(RecordBatch batch, ValidationLevel level) {
        for (int i = 0; i < batch.numColumns(); i++) validate(batch.schema().field(i), batch.column(i).data(), level);
    }

    private static InvalidDataException fail(String path, String detail) {
        return new InvalidDataException(detail, null, -1, path);
    }

    private static String childPath(String path, Field f, int c) {
        String name = f != null && c < f.children().size() ? f.child(c).name() : "#" + c;
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Field child(Field f, int c) {
        return f != null && c < f.children().size() ? f.child(c) : null;
    }

    private static long mul(String path, long a, long b, String what) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw fail(path, what + " overflows: " + a + " × " + b);
        }
    }

    /**
     * What {@link #check} covers: every element ({@code full}) or the constant-work checks, and the dictionaries'
     * own contents or not ({@code dictionaries}).
     */
    private record Scope(boolean full, boolean dictionaries) {}

    private static void check(Field f, ArrayData d, String path, Scope scope) {
        boolean full = scope.full();
        ArrowType type = d.type();
        if (f != null) {
            if (f.dictionary() != null) {
                if (d.dictionary() == null) throw fail(path, "dictionary-encoded field has no dictionary");
                if (!type.equals(f.dictionary().indexType())) {
                    throw fail(path, "dictionary index type " + type + " does not match the field's "
                            + f.dictionary().indexType());
                }
            } else {
                if (d.dictionary() != null) throw fail(path, "array has a dictionary but the field is not dictionary-encoded");
                if (!type.equals(f.type())) throw fail(path, "array type " + type + " does not match field type " + f.type());
            }
        }
        if (d.dictionary() != null && !(type instanceof ArrowType.Int)) {
            throw fail(path, "dictionary indices must be integers, not " + type);
        }
        long end = (long) d.offset() + d.length();

        // buffers
        int expected = Layout.bufferCount(type);
        if (Layout.hasVariadicBuffers(type) ? d.bufferCount() < expected : d.bufferCount() != expected) {
            throw fail(path, type + " needs " + (Layout.hasVariadicBuffers(type) ? "at least " : "") + expected
                    + " buffers, found " + d.bufferCount());
        }
        if (Layout.hasValidity(type)) {
            MemorySegment validity = d.buffer(0);
            if (validity.byteSize() == 0) {
                if (d.nullCount() > 0) {
                    throw fail(path, "null count is " + d.nullCount() + " but there is no validity bitmap");
                }
            } else {
                long needed = Bits.bytesFor(end);
                if (validity.byteSize() < needed) {
                    throw fail(path, "validity bitmap too short: " + validity.byteSize() + " bytes, needs " + needed
                            + " for offset " + d.offset() + " + length " + d.length());
                }
                if (full) {
                    long nulls = d.length() - Bits.countSet(validity, d.offset(), d.length());
                    if (nulls != d.nullCount()) {
                        throw fail(path, "null count is " + d.nullCount() + " but the validity bitmap has " + nulls
                                + " nulls");
                    }
                }
            }
        }

        int fixedBits = Layout.fixedBitWidth(type);
        switch (type) {
            case ArrowType.Null n -> expectChildren(path, d, 0);
            case ArrowType.Binary t -> varBinary(path, d, 4, false, full);
            case ArrowType.Utf8 t -> varBinary(path, d, 4, true, full);
            case ArrowType.LargeBinary t -> varBinary(path, d, 8, false, full);
            case ArrowType.LargeUtf8 t -> varBinary(path, d, 8, true, full);
            case ArrowType.BinaryView t -> views(path, d, false, full);
            case ArrowType.Utf8View t -> views(path, d, true, full);
            case ArrowType.List t -> list(f, path, d, 4, full);
            case ArrowType.LargeList t -> list(f, path, d, 8, full);
            case ArrowType.Map t -> {
                list(f, path, d, 4, full);
                ArrayData entries = d.child(0);
                if (!(entries.type() instanceof ArrowType.Struct) || entries.childCount() != 2) {
                    throw fail(path, "map entries must be a struct with key and value children, found "
                            + entries.type() + " with " + entries.childCount() + " children");
                }
            }
            case ArrowType.ListView t -> listView(path, d, 4, full);
            case ArrowType.LargeListView t -> listView(path, d, 8, full);
            case ArrowType.FixedSizeList t -> {
                expectChildren(path, d, 1);
                long needed = mul(path, end, t.listSize(), "child length");
                if (d.child(0).length() < needed) {
                    throw fail(path, "fixed-size list child too short: " + d.child(0).length() + " values, needs "
                            + needed + " for (offset + length) × " + t.listSize());
                }
            }
            case ArrowType.Struct t -> {
                if (f != null) expectChildren(path, d, f.children().size());
                for (int c = 0; c < d.childCount(); c++) {
                    if (d.child(c).length() < end) {
                        throw fail(childPath(path, f, c), "struct child too short: length " + d.child(c).length()
                                + ", parent needs " + end + " for offset + length");
                    }
                }
            }
            case ArrowType.Union u -> union(f, path, d, u, full);
            case ArrowType.RunEndEncoded r -> runEnd(path, d, full);
            default -> {
                expectChildren(path, d, 0);
                if (fixedBits <= 0 && !(type instanceof ArrowType.FixedSizeBinary)) {
                    throw fail(path, "unsupported type " + type);
                }
                long neededBits = type instanceof ArrowType.FixedSizeBinary fsb
                        ? mul(path, end, fsb.byteWidth() * 8L, "values size")
                        : mul(path, end, fixedBits, "values size");
                long needed = (neededBits + 7) / 8;
                if (d.buffer(1).byteSize() < needed) {
                    throw fail(path, "values buffer too short: " + d.buffer(1).byteSize() + " bytes, needs " + needed
                            + " for offset " + d.offset() + " + length " + d.length() + " of " + type);
                }
            }
        }

        for (int c = 0; c < d.childCount(); c++) check(child(f, c), d.child(c), childPath(path, f, c), scope);
        if (d.dictionary() != null) {
            if (scope.dictionaries()) {
                try {
                    check(f == null ? null : f.withDictionary(null), d.dictionary(), path, scope);
                } catch (InvalidDataException e) {
                    throw fail(e.fieldPath(), "dictionary: " + e.detail());
                }
            } else if (f != null && !d.dictionary().type().equals(f.type())) {
                throw fail(path, "dictionary type " + d.dictionary().type() + " does not match field type " + f.type());
            }
            if (full) dictionaryIndices(path, d);
        }
    }

    private static void expectChildren(String path, ArrayData d, int n) {
        if (d.childCount() != n) {
            throw fail(path, d.type() + " needs " + n + " child array" + (n == 1 ? "" : "s") + ", found "
                    + d.childCount());
        }
    }

    private static long offsetAt(MemorySegment o, long slot, int w) {
        return w == 8 ? o.get(LE.LONG, slot * 8) : o.get(LE.INT, slot * 4);
    }

    /**
     * Checks an offsets buffer (buffer 1) of offset + length + 1 entries whose values index into a range of
     * {@code limit}; returns false when the array is empty with an empty offsets buffer (allowed).
     */
    private static boolean offsets(String path, ArrayData d, int w, long limit, String target, boolean full) {
        MemorySegment o = d.buffer(1);
        if (d.length() == 0 && o.byteSize() == 0) return false;
        long end = (long) d.offset() + d.length();
        long needed = mul(path, end + 1, w, "offsets size");
        if (o.byteSize() < needed) {
            throw fail(path, "offsets buffer too short: " + o.byteSize() + " bytes, needs " + needed + " for "
                    + (end + 1) + " offsets");
        }
        long first = offsetAt(o, d.offset(), w);
        long last = offsetAt(o, end, w);
        if (first < 0) throw fail(path, "first offset " + first + " is negative");
        if (last < first) throw fail(path, "last offset " + last + " is before the first offset " + first);
        if (last > limit) throw fail(path, "last offset " + last + " is beyond the " + target + " (" + limit + ")");
        if (full) {
            long s = w == 8 ? firstDecrease64(o, d.offset(), end) : firstDecrease32(o, d.offset(), end);
            if (s >= 0) {
                throw fail(path, "offsets decrease at slot " + (s - d.offset() - 1) + ": " + offsetAt(o, s - 1, w)
                        + " then " + offsetAt(o, s, w));
            }
        }
        return true;
    }

    /** First slot in {@code (from, to]} whose int32 offset is below the one before it, or -1. */
    private static long firstDecrease32(MemorySegment o, long from, long to) {
        // one branch-free pass: cur < prev exactly when (cur - prev) borrows, i.e. its overflow-corrected sign is
        // negative; locate the decrease only when there is one. All in int: widening each loaded int to long made C2
        // load it with a sign-extending movsxd, and HotSpot 25.0.3's handler for a fault in such a load (a mapped
        // file truncated under the reader) fails to decode that instruction and crashes the JVM instead of throwing
        // InternalError (Assembler::locate_operand, ShouldNotReachHere; MappedFileChangeTest caught it)
        int decreases = 0;
        boolean isNative = o.isNative();
        int prevOffset = isNative ? Loads.intNative(o, from * 4) : Loads.intHeap(o, from * 4);
        for (long at = from * 4 + 4, stop = to * 4; at <= stop; at += 4) {
            int cur = isNative ? Loads.intNative(o, at) : Loads.intHeap(o, at);
            int d = cur - prevOffset;
            decreases |= d ^ ((cur ^ prevOffset) & (d ^ cur));
            prevOffset = cur;
        }
        if (decreases >= 0) return -1;
        int prev = o.get(LE.INT, from * 4);
        for (long s = from + 1; s <= to; s++) {
            int cur = o.get(LE.INT, s * 4);
            if (cur < prev) return s;
            prev = cur;
        }
        return -1;
    }

    /** First slot in {@code (from, to]} whose int64 offset is below the one before it, or -1. */
    private static long firstDecrease64(MemorySegment o, long from, long to) {
        // one branch-free pass: cur < prev exactly when (prev - cur) borrows, i.e. Long.compare(cur, prev) < 0
        long decreases = 0;
        boolean isNative = o.isNative();
        long prevOffset = isNative ? Loads.longNative(o, from * 8) : Loads.longHeap(o, from * 8);
        for (long at = from * 8 + 8, stop = to * 8; at <= stop; at += 8) {
            long cur = isNative ? Loads.longNative(o, at) : Loads.longHeap(o, at);
            decreases |= (cur - prevOffset) ^ ((cur ^ prevOffset) & ((cur - prevOffset) ^ cur));
            prevOffset = cur;
        }
        if (decreases >= 0) return -1;
        long prev = o.get(LE.LONG, from * 8);
        for (long s = from + 1; s <= to; s++) {
            long cur = o.get(LE.LONG, s * 8);
            if (cur < prev) return s;
            prev = cur;
        }
        return -1;
    }

    private static void varBinary(String path, ArrayData d, int w, boolean utf8, boolean full) {
        expectChildren(path, d, 0);
        MemorySegment data = d.buffer(2);
        if (!offsets(path, d, w, data.byteSize(), "data buffer size", full) || !full || !utf8) return;
        MemorySegment o = d.buffer(1);
        long first = offsetAt(o, d.offset(), w);
        long last = offsetAt(o, (long) d.offset() + d.length(), w);
        if (Utf8Check.isAscii(data, first, last)) return;
        for (int i = 0; i < d.length(); i++) {
            if (d.isNull(i)) continue;
            long s = (long) d.offset() + i;
            long start = offsetAt(o, s, w);
            long stop = offsetAt(o, s + 1, w);
            long bad = Utf8Check.firstInvalid(data, start, stop);
            if (bad >= 0) {
                throw fail(path, "invalid UTF-8 in value " + i + " at byte " + (bad - start) + " (byte 0x"
                        + Integer.toHexString(data.get(LE.BYTE, bad) & 0xff) + ")");
            }
        }
    }

    private static void views(String path, ArrayData d, boolean utf8, boolean full) {
        expectChildren(path, d, 0);
        long end = (long) d.offset() + d.length();
        long needed = mul(path, end, 16, "views size");
        MemorySegment views = d.buffer(1);
        if (views.byteSize() < needed) {
            throw fail(path, "views buffer too short: " + views.byteSize() + " bytes, needs " + needed + " for "
                    + end + " views");
        }
        if (!full) return;
        int dataBuffers = d.bufferCount() - 2;
        for (int i = 0; i < d.length(); i++) {
            if (d.isNull(i)) continue;
            long at = ((long) d.offset() + i) * 16;
            int len = views.get(LE.INT, at);
            if (len < 0) throw fail(path, "view " + i + " has negative length " + len);
            MemorySegment value;
            if (len <= 12) {
                value = views.asSlice(at + 4, len);
            } else {
                int buffer = views.get(LE.INT, at + 8);
                long offset = views.get(LE.INT, at + 12);
                if (buffer < 0 || buffer >= dataBuffers) {
                    throw fail(path, "view " + i + " refers to data buffer " + buffer + " of " + dataBuffers);
                }
                MemorySegment data = d.buffer(2 + buffer);
                if (offset < 0 || offset + len > data.byteSize()) {
                    throw fail(path, "view " + i + " range [" + offset + ", " + (offset + len)
                            + ") is outside data buffer " + buffer + " of " + data.byteSize() + " bytes");
                }
                value = data.asSlice(offset, len);
                if (MemorySegment.mismatch(views, at + 4, at + 8, value, 0, 4) != -1) {
                    throw fail(path, "view " + i + " prefix does not match its data");
                }
            }
            if (utf8) {
                long bad = Utf8Check.firstInvalid(value, 0, value.byteSize());
                if (bad >= 0) throw fail(path, "invalid UTF-8 in value " + i + " at byte " + bad);
            }
        }
    }

    private static void list(Field f, String path, ArrayData d, int w, boolean full) {
        expectChildren(path, d, 1);
        offsets(path, d, w, d.child(0).length(), "child length", full);
    }

    private static void listView(String path, ArrayData d, int w, boolean full) {
        expectChildren(path, d, 1);
        long end = (long) d.offset() + d.length();
        long needed = mul(path, end, w, "offsets size");
        if (d.buffer(1).byteSize() < needed) {
            throw fail(path, "offsets buffer too short: " + d.buffer(1).byteSize() + " bytes, needs " + needed);
        }
        if (d.buffer(2).byteSize() < needed) {
            throw fail(path, "sizes buffer too short: " + d.buffer(2).byteSize() + " bytes, needs " + needed);
        }
        if (!full) return;
        long childLength = d.child(0).length();
        for (int i = 0; i < d.length(); i++) {
            if (d.isNull(i)) continue;
            long s = (long) d.offset() + i;
            long offset = offsetAt(d.buffer(1), s, w);
            long size = offsetAt(d.buffer(2), s, w);
            if (offset < 0 || size < 0 || size > childLength - offset) {
                throw fail(path, "list view " + i + " (offset " + offset + ", size " + size
                        + ") is outside the child of length " + childLength);
            }
        }
    }

    private static void union(Field f, String path, ArrayData d, ArrowType.Union u, boolean full) {
        int[] ids = u.typeIds();
        int children = ids != null ? ids.length : f != null ? f.children().size() : d.childCount();
        expectChildren(path, d, children);
        long end = (long) d.offset() + d.length();
        if (d.buffer(0).byteSize() < end) {
            throw fail(path, "union type ids buffer too short: " + d.buffer(0).byteSize() + " bytes, needs " + end);
        }
        boolean dense = u.mode() == UnionMode.DENSE;
        if (dense) {
            long needed = mul(path, end, 4, "offsets size");
            if (d.buffer(1).byteSize() < needed) {
                throw fail(path, "dense union offsets buffer too short: " + d.buffer(1).byteSize() + " bytes, needs "
                        + needed);
            }
        } else {
            for (int c = 0; c < d.childCount(); c++) {
                if (d.child(c).length() < end) {
                    throw fail(childPath(path, f, c), "sparse union child too short: length " + d.child(c).length()
                            + ", union needs " + end);
                }
            }
        }
        if (!full) return;
        for (int i = 0; i < d.length(); i++) {
            long s = (long) d.offset() + i;
            int id = d.buffer(0).get(LE.BYTE, s);
            int c = -1;
            if (ids == null) {
                if (id >= 0 && id < d.childCount()) c = id;
            } else {
                for (int k = 0; k < ids.length; k++) if (ids[k] == id) c = k;
            }
            if (c < 0) throw fail(path, "union slot " + i + " has undeclared type id " + id);
            if (dense) {
                int offset = d.buffer(1).get(LE.INT, s * 4);
                if (offset < 0 || offset >= d.child(c).length()) {
                    throw fail(path, "dense union slot " + i + " offset " + offset + " is outside child " + c
                            + " of length " + d.child(c).length());
                }
            }
        }
    }

    private static long runEndAt(ArrayData runEnds, long k) {
        int width = ((ArrowType.Int) runEnds.type()).bitWidth();
        long at = runEnds.offset() + k;
        MemorySegment b = runEnds.buffer(1);
        return switch (width) {
            case 16 -> b.get(LE.SHORT, at * 2);
            case 32 -> b.get(LE.INT, at * 4);
            default -> b.get(LE.LONG, at * 8);
        };
    }

    private static void runEnd(String path, ArrayData d, boolean full) {
        expectChildren(path, d, 2);
        ArrayData runEnds = d.child(0);
        ArrayData values = d.child(1);
        if (!(runEnds.type() instanceof ArrowType.Int t) || !t.signed() || t.bitWidth() == 8) {
            throw fail(path, "run ends must be int16, int32 or int64, not " + runEnds.type());
        }
        if (runEnds.nullCount() != 0) throw fail(path, "run ends must not contain nulls");
        if (values.length() < runEnds.length()) {
            throw fail(path, "run-end encoded values child has " + values.length() + " values for "
                    + runEnds.length() + " runs");
        }
        long end = (long) d.offset() + d.length();
        // the run ends buffer itself is checked when the child is validated; check its size here before reading
        long needed = mul(path, (long) runEnds.offset() + runEnds.length(), t.bitWidth() / 8, "run ends size");
        if (runEnds.bufferCount() < 2 || runEnds.buffer(1).byteSize() < needed) {
            throw fail(path, "run ends buffer too short for " + runEnds.length() + " run ends");
        }
        if (d.length() > 0) {
            if (runEnds.length() == 0) throw fail(path, "run-end encoded array of length " + d.length() + " has no runs");
            long last = runEndAt(runEnds, runEnds.length() - 1);
            if (last < end) {
                throw fail(path, "last run end " + last + " is before offset + length " + end);
            }
        }
        if (!full) return;
        long prev = 0;
        for (long k = 0; k < runEnds.length(); k++) {
            long cur = runEndAt(runEnds, k);
            if (cur <= prev) {
                throw fail(path, "run ends must be positive and strictly increasing: run " + k + " ends at " + cur
                        + " after " + prev);
            }
            prev = cur;
        }
    }

    private static void dictionaryIndices(String path, ArrayData d) {
        ArrowType.Int t = (ArrowType.Int) d.type();
        long size = d.dictionary().length();
        MemorySegment b = d.buffer(1);
        if (d.nullCount() == 0 && t.bitWidth() == 32 && t.signed() && int32IndicesInRange(b, d.offset(), d.length(), size)) {
            return; // the common case in one pass; otherwise the loop below finds and names the first bad index
        }
        for (int i = 0; i < d.length(); i++) {
            if (d.isNull(i)) continue;
            long s = (long) d.offset() + i;
            long index = switch (t.bitWidth()) {
                case 8 -> t.signed() ? b.get(LE.BYTE, s) : Byte.toUnsignedLong(b.get(LE.BYTE, s));
                case 16 -> t.signed() ? b.get(LE.SHORT, s * 2) : Short.toUnsignedLong(b.get(LE.SHORT, s * 2));
                case 32 -> t.signed() ? b.get(LE.INT, s * 4) : Integer.toUnsignedLong(b.get(LE.INT, s * 4));
                default -> b.get(LE.LONG, s * 8);
            };
            if (index < 0 || index >= size) {
                throw fail(path, "dictionary index " + (t.signed() || index >= 0 ? Long.toString(index)
                        : Long.toUnsignedString(index)) + " at slot " + i + " is outside the dictionary of " + size
                        + " values");
            }
        }
    }

    /** Whether every int32 index in slots {@code [offset, offset + length)} lies in {@code [0, size)}. */
    private static boolean int32IndicesInRange(MemorySegment b, long offset, int length, long size) {
        int min = 0;
        int max = 0;
        boolean isNative = b.isNative();
        for (long at = offset * 4, stop = (offset + length) * 4; at < stop; at += 4) {
            int index = isNative ? Loads.intNative(b, at) : Loads.intHeap(b, at);
            min = Math.min(min, index);
            max = Math.max(max, index);
        }
        return min >= 0 && max < size;
    }
}
