package dev.quiver.array;

import dev.quiver.memory.Bits;
import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.UnionMode;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

/**
 * Logical comparison of arrays and batches, for tests against gold files. Equal means: same type, same length,
 * nulls in the same slots and equal values in the valid slots, with nested values compared through their children
 * and offsets. Ignored: array offsets, an absent bitmap versus one with every bit set, padding, values under null
 * slots (including children under null struct or list slots), and dictionary indices (dictionary-encoded values
 * compare by the values they decode to). Floats compare bitwise, except that any NaN equals any NaN.
 *
 * <p>Each method returns null when equal, else a description of the first difference with its path, e.g.
 * {@code "s.a[3]: expected 5, got 6"} or {@code "l[2][0]: expected null, got 1"}.
 */
public final class ArrayEquality {
    private ArrayEquality() {}

    public static String compare(Array expected, Array actual) {
        return compare(null, expected.data(), actual.data());
    }

    public static String compare(ArrayData expected, ArrayData actual) {
        return compare(null, expected, actual);
    }

    /** Compares with {@code field} naming the path (its name) and struct children (its child fields); may be null. */
    public static String compare(Field field, ArrayData expected, ArrayData actual) {
        String path = field == null ? "" : field.name();
        if (expected.length() != actual.length()) {
            return at(path) + "length mismatch: expected " + expected.length() + ", got " + actual.length();
        }
        return diff(field, path, expected, 0, actual, 0, expected.length(), 0);
    }

    /** Schema equality first, then row count, then each column with the field name as the path. */
    public static String compare(RecordBatch expected, RecordBatch actual) {
        String s = compare(expected.schema(), actual.schema());
        if (s != null) return s;
        if (expected.numRows() != actual.numRows()) {
            return "row count mismatch: expected " + expected.numRows() + ", got " + actual.numRows();
        }
        for (int i = 0; i < expected.numColumns(); i++) {
            String d = compare(expected.schema().field(i), expected.column(i).data(), actual.column(i).data());
            if (d != null) return d;
        }
        return null;
    }

    public static String compare(Schema expected, Schema actual) {
        if (expected.fields().size() != actual.fields().size()) {
            return "schema has " + actual.fields().size() + " fields, expected " + expected.fields().size();
        }
        for (int i = 0; i < expected.fields().size(); i++) {
            Field e = expected.field(i);
            Field a = actual.field(i);
            if (!e.equals(a)) {
                String why = !e.toString().equals(a.toString()) ? "" : e.metadata().equals(a.metadata())
                        ? " (dictionary encodings differ: " + e.dictionary() + " vs " + a.dictionary() + ")"
                        : " (metadata differ: " + e.metadata() + " vs " + a.metadata() + ")";
                return "schema field " + i + ": expected " + e + ", got " + a + why;
            }
        }
        if (!expected.metadata().equals(actual.metadata())) {
            return "schema metadata: expected " + expected.metadata() + ", got " + actual.metadata();
        }
        if (expected.endianness() != actual.endianness()) {
            return "schema endianness: expected " + expected.endianness() + ", got " + actual.endianness();
        }
        return null;
    }

    // ---- core ------------------------------------------------------------------------------

    private static String at(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String slot(String path, long index) {
        return path + "[" + index + "]: ";
    }

    /**
     * Compares {@code n} slots: {@code e} from logical index {@code es}, {@code a} from {@code as} (both before the
     * arrays' own offsets); slot j is shown as index {@code display + j}.
     */
    private static String diff(Field f, String path, ArrayData e, long es, ArrayData a, long as, int n, long display) {
        if (e.dictionary() != null || a.dictionary() != null) return diffDictionary(f, path, e, es, a, as, n, display);
        if (!e.type().equals(a.type())) return at(path) + "type mismatch: expected " + e.type() + ", got " + a.type();
        ArrowType type = e.type();
        if (type instanceof ArrowType.Null) return null;
        if (type instanceof ArrowType.Union u) return diffUnion(f, path, u, e, es, a, as, n, display);
        if (type instanceof ArrowType.RunEndEncoded) return diffRunEnd(f, path, e, es, a, as, n, display);
        for (int j = 0; j < n; j++) {
            boolean en = e.isNull((int) (es + j));
            boolean an = a.isNull((int) (as + j));
            if (en != an) {
                return slot(path, display + j) + "expected " + (en ? "null" : render(e, es + j)) + ", got "
                        + (an ? "null" : render(a, as + j));
            }
        }
        return switch (type) {
            case ArrowType.Struct s -> diffStruct(f, path, e, es, a, as, n, display);
            case ArrowType.List l -> diffList(f, path, e, es, a, as, n, display);
            case ArrowType.LargeList l -> diffList(f, path, e, es, a, as, n, display);
            case ArrowType.Map m -> diffList(f, path, e, es, a, as, n, display);
            case ArrowType.ListView l -> diffList(f, path, e, es, a, as, n, display);
            case ArrowType.LargeListView l -> diffList(f, path, e, es, a, as, n, display);
            case ArrowType.FixedSizeList l -> diffList(f, path, e, es, a, as, n, display);
            default -> diffValues(path, e, es, a, as, n, display);
        };
    }

    private static String mismatch(String path, long index, ArrayData e, long ei, ArrayData a, long ai) {
        return slot(path, index) + "expected " + render(e, ei) + ", got " + render(a, ai);
    }

    /** Leaf values of valid slots (validity already known equal). */
    private static String diffValues(String path, ArrayData e, long es, ArrayData a, long as, int n, long display) {
        ArrowType type = e.type();
        for (int j = 0; j < n; j++) {
            long ei = es + j;
            long ai = as + j;
            if (e.isNull((int) ei)) continue;
            if (!valueEquals(type, e, e.offset() + ei, a, a.offset() + ai)) {
                return mismatch(path, display + j, e, ei, a, ai);
            }
        }
        return null;
    }

    /** Whether the values at buffer positions {@code ep} and {@code ap} are equal. */
    private static boolean valueEquals(ArrowType type, ArrayData e, long ep, ArrayData a, long ap) {
        MemorySegment eb = e.buffer(1);
        MemorySegment ab = a.buffer(1);
        return switch (type) {
            case ArrowType.Bool b -> Bits.get(eb, ep) == Bits.get(ab, ap);
            case ArrowType.FloatingPoint fp -> switch (fp.precision()) {
                case HALF -> {
                    short x = eb.get(LE.SHORT, ep * 2);
                    short y = ab.get(LE.SHORT, ap * 2);
                    yield x == y || (isHalfNaN(x) && isHalfNaN(y));
                }
                case SINGLE -> {
                    float x = eb.get(LE.FLOAT, ep * 4);
                    float y = ab.get(LE.FLOAT, ap * 4);
                    yield Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y) || (Float.isNaN(x) && Float.isNaN(y));
                }
                case DOUBLE -> {
                    double x = eb.get(LE.DOUBLE, ep * 8);
                    double y = ab.get(LE.DOUBLE, ap * 8);
                    yield Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y)
                            || (Double.isNaN(x) && Double.isNaN(y));
                }
            };
            case ArrowType.Binary t -> sameBytes(varSegment(e, ep, false), varSegment(a, ap, false));
            case ArrowType.Utf8 t -> sameBytes(varSegment(e, ep, false), varSegment(a, ap, false));
            case ArrowType.LargeBinary t -> sameBytes(varSegment(e, ep, true), varSegment(a, ap, true));
            case ArrowType.LargeUtf8 t -> sameBytes(varSegment(e, ep, true), varSegment(a, ap, true));
            case ArrowType.BinaryView t -> sameBytes(viewSegment(e, ep), viewSegment(a, ap));
            case ArrowType.Utf8View t -> sameBytes(viewSegment(e, ep), viewSegment(a, ap));
            default -> {
                long w = type instanceof ArrowType.FixedSizeBinary fsb ? fsb.byteWidth() : Layout.fixedBitWidth(type) / 8;
                if (w < 0) throw new IllegalStateException("cannot compare values of type " + type);
                yield MemorySegment.mismatch(eb, ep * w, ep * w + w, ab, ap * w, ap * w + w) == -1;
            }
        };
    }

    private static boolean isHalfNaN(short bits) {
        return (bits & 0x7c00) == 0x7c00 && (bits & 0x03ff) != 0;
    }

    private static boolean sameBytes(MemorySegment x, MemorySegment y) {
        return x.byteSize() == y.byteSize() && MemorySegment.mismatch(x, 0, x.byteSize(), y, 0, y.byteSize()) == -1;
    }

    private static MemorySegment varSegment(ArrayData d, long p, boolean large) {
        MemorySegment o = d.buffer(1);
        long start = large ? o.get(LE.LONG, p * 8) : o.get(LE.INT, p * 4);
        long end = large ? o.get(LE.LONG, p * 8 + 8) : o.get(LE.INT, p * 4 + 4);
        return d.buffer(2).asSlice(start, end - start);
    }

    private static MemorySegment viewSegment(ArrayData d, long p) {
        MemorySegment views = d.buffer(1);
        int len = views.get(LE.INT, p * 16);
        if (len <= 12) return views.asSlice(p * 16 + 4, len);
        int buffer = views.get(LE.INT, p * 16 + 8);
        int offset = views.get(LE.INT, p * 16 + 12);
        return d.buffer(2 + buffer).asSlice(Integer.toUnsignedLong(offset), len);
    }

    private static String childName(Field f, int c) {
        return f != null && c < f.children().size() ? f.child(c).name() : "#" + c;
    }

    private static Field childField(Field f, int c) {
        return f != null && c < f.children().size() ? f.child(c) : null;
    }

    private static String diffStruct(Field f, String path, ArrayData e, long es, ArrayData a, long as, int n,
                                     long display) {
        if (e.childCount() != a.childCount()) {
            return at(path) + "struct has " + a.childCount() + " fields, expected " + e.childCount();
        }
        for (int c = 0; c < e.childCount(); c++) {
            String childPath = path.isEmpty() ? childName(f, c) : path + "." + childName(f, c);
            int j = 0;
            while (j < n) {
                if (e.isNull((int) (es + j))) { j++; continue; }
                int start = j;
                while (j < n && !e.isNull((int) (es + j))) j++;
                String d = diff(childField(f, c), childPath, e.child(c), e.offset() + es + start,
                        a.child(c), a.offset() + as + start, j - start, display + start);
                if (d != null) return d;
            }
        }
        return null;
    }

    /** Start and length of list slot at buffer position {@code p}. */
    private static long[] listRange(ArrayData d, long p) {
        if (d.type() instanceof ArrowType.FixedSizeList l) return new long[] {p * l.listSize(), l.listSize()};
        MemorySegment o = d.buffer(1);
        return switch (d.type()) {
            case ArrowType.List l -> new long[] {o.get(LE.INT, p * 4), o.get(LE.INT, p * 4 + 4) - o.get(LE.INT, p * 4)};
            case ArrowType.Map m -> new long[] {o.get(LE.INT, p * 4), o.get(LE.INT, p * 4 + 4) - o.get(LE.INT, p * 4)};
            case ArrowType.LargeList l ->
                    new long[] {o.get(LE.LONG, p * 8), o.get(LE.LONG, p * 8 + 8) - o.get(LE.LONG, p * 8)};
            case ArrowType.ListView l -> new long[] {o.get(LE.INT, p * 4), d.buffer(2).get(LE.INT, p * 4)};
            case ArrowType.LargeListView l -> new long[] {o.get(LE.LONG, p * 8), d.buffer(2).get(LE.LONG, p * 8)};
            default -> throw new IllegalStateException("not a list type: " + d.type());
        };
    }

    private static String diffList(Field f, String path, ArrayData e, long es, ArrayData a, long as, int n,
                                   long display) {
        for (int j = 0; j < n; j++) {
            if (e.isNull((int) (es + j))) continue;
            long[] er = listRange(e, e.offset() + es + j);
            long[] ar = listRange(a, a.offset() + as + j);
            String p = path + "[" + (display + j) + "]";
            if (er[1] != ar[1]) {
                return p + ": list length mismatch: expected " + er[1] + ", got " + ar[1];
            }
            String d = diff(childField(f, 0), p, e.child(0), er[0], a.child(0), ar[0], Math.toIntExact(er[1]), 0);
            if (d != null) return d;
        }
        return null;
    }

    private static String diffUnion(Field f, String path, ArrowType.Union u, ArrayData e, long es, ArrayData a,
                                    long as, int n, long display) {
        for (int j = 0; j < n; j++) {
            long ep = e.offset() + es + j;
            long ap = a.offset() + as + j;
            byte et = e.buffer(0).get(LE.BYTE, ep);
            byte at = a.buffer(0).get(LE.BYTE, ap);
            if (et != at) return slot(path, display + j) + "union type id: expected " + et + ", got " + at;
            int c = unionChild(u, et);
            long ei = u.mode() == UnionMode.SPARSE ? ep : e.buffer(1).get(LE.INT, ep * 4);
            long ai = u.mode() == UnionMode.SPARSE ? ap : a.buffer(1).get(LE.INT, ap * 4);
            String d = diff(childField(f, c), path, e.child(c), ei, a.child(c), ai, 1, display + j);
            if (d != null) return d;
        }
        return null;
    }

    private static int unionChild(ArrowType.Union u, int typeId) {
        int[] ids = u.typeIds();
        if (ids == null) return typeId;
        for (int c = 0; c < ids.length; c++) if (ids[c] == typeId) return c;
        throw new IllegalStateException("union type id " + typeId + " is not declared");
    }

    private static String diffRunEnd(Field f, String path, ArrayData e, long es, ArrayData a, long as, int n,
                                     long display) {
        OtherArray ev = (OtherArray) Array.of(e);
        OtherArray av = (OtherArray) Array.of(a);
        Field values = childField(f, 1);
        for (int j = 0; j < n; j++) {
            long ei = ev.physicalIndex(e.offset() + es + j);
            long ai = av.physicalIndex(a.offset() + as + j);
            String d = diff(values, path, e.child(1), ei, a.child(1), ai, 1, display + j);
            if (d != null) return d;
        }
        return null;
    }

    private static ArrowType valueType(ArrayData d) {
        return d.dictionary() != null ? valueType(d.dictionary()) : d.type();
    }

    private static String diffDictionary(Field f, String path, ArrayData e, long es, ArrayData a, long as, int n,
                                         long display) {
        ArrowType et = valueType(e);
        ArrowType at = valueType(a);
        if (!et.equals(at)) return at(path) + "type mismatch: expected " + et + ", got " + at;
        DictionaryArray ed = e.dictionary() != null ? (DictionaryArray) Array.of(e) : null;
        DictionaryArray ad = a.dictionary() != null ? (DictionaryArray) Array.of(a) : null;
        for (int j = 0; j < n; j++) {
            int ei = (int) (es + j);
            int ai = (int) (as + j);
            boolean en = e.isNull(ei);
            boolean an = a.isNull(ai);
            if (en || an) {
                if (en != an) {
                    return slot(path, display + j) + "expected " + (en ? "null" : render(e, ei)) + ", got "
                            + (an ? "null" : render(a, ai));
                }
                continue;
            }
            String d = diff(f, path, ed != null ? e.dictionary() : e, ed != null ? ed.getIndex(ei) : ei,
                    ad != null ? a.dictionary() : a, ad != null ? ad.getIndex(ai) : ai, 1, display + j);
            if (d != null) return d;
        }
        return null;
    }

    /** Value at logical index {@code i} for a message. */
    static String render(ArrayData d, long i) {
        try {
            Object v = Array.of(d).getDisplayObject(Math.toIntExact(i));
            return renderObject(v);
        } catch (RuntimeException ex) {
            return "<unreadable: " + ex.getMessage() + ">";
        }
    }

    private static String renderObject(Object v) {
        if (v instanceof String s) return '"' + s + '"';
        if (v instanceof byte[] b) return "0x" + HexFormat.of().formatHex(b);
        if (v instanceof java.util.List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int k = 0; k < l.size(); k++) sb.append(k > 0 ? ", " : "").append(renderObject(l.get(k)));
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }
}
