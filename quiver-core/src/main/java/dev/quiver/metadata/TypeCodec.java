package dev.quiver.metadata;

import dev.quiver.InvalidDataException;
import dev.quiver.UnsupportedFeatureException;
import dev.quiver.metadata.FlatBufferReader.FbVector;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DateUnit;
import dev.quiver.type.FloatPrecision;
import dev.quiver.type.IntervalUnit;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.UnionMode;

/**
 * The {@code Type} union of Schema.fbs (all 26 members) to and from {@link ArrowType}. Parameters are
 * validated on reading; absent fields take the defaults the schema declares.
 */
final class TypeCodec {
    private TypeCodec() {}

    /** Highest {@code Type} union tag known (LargeListView). */
    static final int MAX_TAG = 26;

    private static final String[] NAMES = {"NONE", "Null", "Int", "FloatingPoint", "Binary", "Utf8", "Bool",
            "Decimal", "Date", "Time", "Timestamp", "Interval", "List", "Struct_", "Union", "FixedSizeBinary",
            "FixedSizeList", "Map", "Duration", "LargeBinary", "LargeUtf8", "LargeList", "RunEndEncoded",
            "BinaryView", "Utf8View", "ListView", "LargeListView"};

    /**
     * Reads the type of a Field table whose union tag is in {@code tagSlot} and value in
     * {@code tagSlot + 1}.
     */
    static ArrowType read(FbTable field, int tagSlot) {
        int tag = field.getUByte(tagSlot, "type_type");
        if (tag == 0) {
            throw field.reader().invalid("field has no type (Type union tag NONE)", field.pos());
        }
        if (tag > MAX_TAG) {
            throw new UnsupportedFeatureException("unknown Type union tag " + tag
                    + " (a type newer than this reader?)", field.reader().resource(), field.absolute());
        }
        FbTable t = field.table(tagSlot + 1, NAMES[tag]);
        if (t == null) {
            throw field.reader().invalid("field of type " + NAMES[tag] + " has no type table", field.pos());
        }
        return switch (tag) {
            case 1 -> new ArrowType.Null();
            case 2 -> readInt(t);
            case 3 -> new ArrowType.FloatingPoint(closedEnum(FloatPrecision.values(),
                    t.getShort(0, "precision", (short) 0), "FloatingPoint precision", t));
            case 4 -> new ArrowType.Binary();
            case 5 -> new ArrowType.Utf8();
            case 6 -> new ArrowType.Bool();
            case 7 -> readDecimal(t);
            case 8 -> new ArrowType.Date(closedEnum(DateUnit.values(),
                    t.getShort(0, "unit", (short) DateUnit.MILLISECOND.ordinal()), "Date unit", t));
            case 9 -> readTime(t);
            case 10 -> new ArrowType.Timestamp(closedEnum(ArrowTimeUnit.values(),
                    t.getShort(0, "unit", (short) ArrowTimeUnit.SECOND.ordinal()), "Timestamp unit", t),
                    t.string(1, "timezone"));
            case 11 -> readInterval(t);
            case 12 -> new ArrowType.List();
            case 13 -> new ArrowType.Struct();
            case 14 -> readUnion(t);
            case 15 -> {
                int w = t.getInt(0, "byteWidth", 0);
                if (w < 0) throw invalid(t, "FixedSizeBinary byteWidth is negative: " + w);
                yield new ArrowType.FixedSizeBinary(w);
            }
            case 16 -> {
                int n = t.getInt(0, "listSize", 0);
                if (n < 0) throw invalid(t, "FixedSizeList listSize is negative: " + n);
                yield new ArrowType.FixedSizeList(n);
            }
            case 17 -> new ArrowType.Map(t.getBool(0, "keysSorted", false));
            case 18 -> new ArrowType.Duration(closedEnum(ArrowTimeUnit.values(),
                    t.getShort(0, "unit", (short) ArrowTimeUnit.MILLISECOND.ordinal()), "Duration unit", t));
            case 19 -> new ArrowType.LargeBinary();
            case 20 -> new ArrowType.LargeUtf8();
            case 21 -> new ArrowType.LargeList();
            case 22 -> new ArrowType.RunEndEncoded();
            case 23 -> new ArrowType.BinaryView();
            case 24 -> new ArrowType.Utf8View();
            case 25 -> new ArrowType.ListView();
            case 26 -> new ArrowType.LargeListView();
            default -> throw new IllegalStateException("unreachable");
        };
    }

    /** Reads an {@code Int} table (also used for dictionary index types). */
    static ArrowType.Int readInt(FbTable t) {
        int bw = t.getInt(0, "bitWidth", 0);
        if (bw != 8 && bw != 16 && bw != 32 && bw != 64) {
            throw invalid(t, "Int bitWidth must be 8, 16, 32 or 64, not " + bw);
        }
        return new ArrowType.Int(bw, t.getBool(1, "is_signed", false));
    }

    private static ArrowType.Decimal readDecimal(FbTable t) {
        int precision = t.getInt(0, "precision", 0);
        int scale = t.getInt(1, "scale", 0);
        int bw = t.getInt(2, "bitWidth", 128);
        int maxPrecision = switch (bw) {
            case 32 -> 9;
            case 64 -> 18;
            case 128 -> 38;
            case 256 -> 76;
            default -> throw invalid(t, "Decimal bitWidth must be 32, 64, 128 or 256, not " + bw);
        };
        if (precision < 1 || precision > maxPrecision) {
            throw invalid(t, "Decimal" + bw + " precision must be between 1 and " + maxPrecision + ", not " + precision);
        }
        return new ArrowType.Decimal(precision, scale, bw);
    }

    private static ArrowType.Time readTime(FbTable t) {
        ArrowTimeUnit unit = closedEnum(ArrowTimeUnit.values(),
                t.getShort(0, "unit", (short) ArrowTimeUnit.MILLISECOND.ordinal()), "Time unit", t);
        int bw = t.getInt(1, "bitWidth", 32);
        int expected = (unit == ArrowTimeUnit.SECOND || unit == ArrowTimeUnit.MILLISECOND) ? 32 : 64;
        if (bw != expected) {
            throw invalid(t, "Time with unit " + unit + " must be " + expected + " bits wide, not " + bw);
        }
        return new ArrowType.Time(unit, bw);
    }

    private static ArrowType.Interval readInterval(FbTable t) {
        short v = t.getShort(0, "unit", (short) 0);
        IntervalUnit[] units = IntervalUnit.values();
        if (v < 0 || v >= units.length) {
            throw new UnsupportedFeatureException("unknown Interval unit " + v, t.reader().resource(), t.absolute());
        }
        return new ArrowType.Interval(units[v]);
    }

    private static ArrowType.Union readUnion(FbTable t) {
        UnionMode mode = closedEnum(UnionMode.values(), t.getShort(0, "mode", (short) 0), "Union mode", t);
        FbVector v = t.vector(1, "typeIds", 4);
        if (v == null) return new ArrowType.Union(mode, null);
        int[] ids = new int[v.length()];
        boolean[] seen = new boolean[128];
        for (int i = 0; i < ids.length; i++) {
            int id = t.intAt(v, i);
            if (id < 0 || id > 127) {
                throw t.reader().invalid("Union type id " + id + " is outside 0..127", v.element(i));
            }
            if (seen[id]) throw t.reader().invalid("Union type id " + id + " appears twice", v.element(i));
            seen[id] = true;
            ids[i] = id;
        }
        return new ArrowType.Union(mode, ids);
    }

    /** The enum constant with ordinal {@code v}; other values are invalid data. */
    static <E extends Enum<E>> E closedEnum(E[] values, int v, String what, FbTable t) {
        if (v < 0 || v >= values.length) throw invalid(t, "unknown " + what + " " + v);
        return values[v];
    }

    private static InvalidDataException invalid(FbTable t, String detail) {
        return t.reader().invalid(detail, t.pos());
    }

    // ---- writing -----------------------------------------------------------------------------

    /**
     * Writes the type table of {@code type}; its union tag is {@link ArrowType#typeTag()}. Fields are added in
     * the order of the flatc-generated {@code CreateX} functions Arrow C++ calls (largest first, then last
     * declared first), so the bytes are Arrow C++'s.
     */
    static int write(FlatBufferBuilder b, ArrowType type) {
        return switch (type) {
            case ArrowType.Int t -> writeInt(b, t);
            case ArrowType.FloatingPoint t -> {
                b.startTable(1);
                b.addShort(0, (short) t.precision().ordinal(), (short) 0);
                yield b.endTable();
            }
            case ArrowType.Decimal t -> {
                b.startTable(3);
                b.addInt(2, t.bitWidth(), 128);
                b.addInt(1, t.scale(), 0);
                b.addInt(0, t.precision(), 0);
                yield b.endTable();
            }
            case ArrowType.Date t -> {
                b.startTable(1);
                b.addShort(0, (short) t.unit().ordinal(), (short) DateUnit.MILLISECOND.ordinal());
                yield b.endTable();
            }
            case ArrowType.Time t -> {
                b.startTable(2);
                b.addInt(1, t.bitWidth(), 32);
                b.addShort(0, (short) t.unit().ordinal(), (short) ArrowTimeUnit.MILLISECOND.ordinal());
                yield b.endTable();
            }
            case ArrowType.Timestamp t -> {
                // An empty timezone is kept (Arrow C++ omits it), so that Timestamp(unit, "") reads back as itself.
                int tz = t.timezone() == null ? 0 : b.createString(t.timezone());
                b.startTable(2);
                b.addOffset(1, tz);
                b.addShort(0, (short) t.unit().ordinal(), (short) ArrowTimeUnit.SECOND.ordinal());
                yield b.endTable();
            }
            case ArrowType.Interval t -> {
                b.startTable(1);
                b.addShort(0, (short) t.unit().ordinal(), (short) 0);
                yield b.endTable();
            }
            case ArrowType.Union t -> {
                int[] ids = t.typeIds();
                int idv = ids == null ? 0 : b.createIntVector(ids);
                b.startTable(2);
                b.addOffset(1, idv);
                b.addShort(0, (short) t.mode().ordinal(), (short) 0);
                yield b.endTable();
            }
            case ArrowType.FixedSizeBinary t -> {
                b.startTable(1);
                b.addInt(0, t.byteWidth(), 0);
                yield b.endTable();
            }
            case ArrowType.FixedSizeList t -> {
                b.startTable(1);
                b.addInt(0, t.listSize(), 0);
                yield b.endTable();
            }
            case ArrowType.Map t -> {
                b.startTable(1);
                b.addBool(0, t.keysSorted(), false);
                yield b.endTable();
            }
            case ArrowType.Duration t -> {
                b.startTable(1);
                b.addShort(0, (short) t.unit().ordinal(), (short) ArrowTimeUnit.MILLISECOND.ordinal());
                yield b.endTable();
            }
            // Types without parameters: an empty table.
            case ArrowType.Null t -> empty(b);
            case ArrowType.Binary t -> empty(b);
            case ArrowType.Utf8 t -> empty(b);
            case ArrowType.Bool t -> empty(b);
            case ArrowType.List t -> empty(b);
            case ArrowType.Struct t -> empty(b);
            case ArrowType.LargeBinary t -> empty(b);
            case ArrowType.LargeUtf8 t -> empty(b);
            case ArrowType.LargeList t -> empty(b);
            case ArrowType.RunEndEncoded t -> empty(b);
            case ArrowType.BinaryView t -> empty(b);
            case ArrowType.Utf8View t -> empty(b);
            case ArrowType.ListView t -> empty(b);
            case ArrowType.LargeListView t -> empty(b);
        };
    }

    static int writeInt(FlatBufferBuilder b, ArrowType.Int t) {
        b.startTable(2);
        b.addInt(0, t.bitWidth(), 0);
        b.addBool(1, t.signed(), false);
        return b.endTable();
    }

    private static int empty(FlatBufferBuilder b) {
        b.startTable(0);
        return b.endTable();
    }
}
