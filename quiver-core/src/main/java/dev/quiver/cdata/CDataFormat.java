package dev.quiver.cdata;

import dev.quiver.InvalidDataException;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DateUnit;
import dev.quiver.type.FloatPrecision;
import dev.quiver.type.IntervalUnit;
import dev.quiver.type.UnionMode;

/**
 * The format strings of the Arrow C Data Interface ({@code ArrowSchema.format}): one per {@link ArrowType}. A
 * dictionary-encoded field's format is that of its index type (the value type is in {@code ArrowSchema.dictionary});
 * an extension type's is that of its storage type (the extension is in the metadata); nested types name only the
 * parent ({@code +l}, {@code +s}, ...), their children have their own.
 */
public final class CDataFormat {
    private CDataFormat() {}

    /** The format string of {@code type}. */
    public static String of(ArrowType type) {
        return switch (type) {
            case ArrowType.Null t -> "n";
            case ArrowType.Bool t -> "b";
            case ArrowType.Int t -> switch (t.bitWidth()) {
                case 8 -> t.signed() ? "c" : "C";
                case 16 -> t.signed() ? "s" : "S";
                case 32 -> t.signed() ? "i" : "I";
                default -> t.signed() ? "l" : "L";
            };
            case ArrowType.FloatingPoint t -> switch (t.precision()) {
                case HALF -> "e";
                case SINGLE -> "f";
                case DOUBLE -> "g";
            };
            case ArrowType.Binary t -> "z";
            case ArrowType.LargeBinary t -> "Z";
            case ArrowType.BinaryView t -> "vz";
            case ArrowType.Utf8 t -> "u";
            case ArrowType.LargeUtf8 t -> "U";
            case ArrowType.Utf8View t -> "vu";
            case ArrowType.Decimal t -> "d:" + t.precision() + "," + t.scale()
                    + (t.bitWidth() == 128 ? "" : "," + t.bitWidth());
            case ArrowType.FixedSizeBinary t -> "w:" + t.byteWidth();
            case ArrowType.Date t -> t.unit() == DateUnit.DAY ? "tdD" : "tdm";
            case ArrowType.Time t -> "tt" + unit(t.unit());
            case ArrowType.Timestamp t -> "ts" + unit(t.unit()) + ":" + (t.timezone() == null ? "" : t.timezone());
            case ArrowType.Duration t -> "tD" + unit(t.unit());
            case ArrowType.Interval t -> switch (t.unit()) {
                case YEAR_MONTH -> "tiM";
                case DAY_TIME -> "tiD";
                case MONTH_DAY_NANO -> "tin";
            };
            case ArrowType.List t -> "+l";
            case ArrowType.LargeList t -> "+L";
            case ArrowType.ListView t -> "+vl";
            case ArrowType.LargeListView t -> "+vL";
            case ArrowType.FixedSizeList t -> "+w:" + t.listSize();
            case ArrowType.Struct t -> "+s";
            case ArrowType.Map t -> "+m";
            case ArrowType.RunEndEncoded t -> "+r";
            case ArrowType.Union t -> {
                StringBuilder sb = new StringBuilder(t.mode() == UnionMode.DENSE ? "+ud:" : "+us:");
                int[] ids = t.typeIds();
                if (ids != null) {
                    for (int i = 0; i < ids.length; i++) {
                        if (i > 0) sb.append(',');
                        sb.append(ids[i]);
                    }
                }
                yield sb.toString();
            }
        };
    }

    private static char unit(ArrowTimeUnit u) {
        return switch (u) {
            case SECOND -> 's';
            case MILLISECOND -> 'm';
            case MICROSECOND -> 'u';
            case NANOSECOND -> 'n';
        };
    }

    /**
     * The type a format string stands for. A union without type ids ({@code +us:}) gets ids {@code 0 .. children-1}
     * ({@code unionChildren}); a map's keys-sorted flag is a schema flag, applied by the caller.
     *
     * @param fieldPath names the field in errors
     * @throws InvalidDataException if the string is not a format string of the specification
     */
    public static ArrowType parse(String format, int unionChildren, String fieldPath) {
        try {
            ArrowType t = parseOrNull(format, unionChildren);
            if (t != null) return t;
        } catch (IllegalArgumentException e) {
            throw bad(format, fieldPath, e.getMessage());
        }
        throw bad(format, fieldPath, null);
    }

    private static InvalidDataException bad(String format, String path, String why) {
        return new InvalidDataException("unknown or malformed C Data format string '" + format + "'"
                + (why == null ? "" : ": " + why), null, -1, path);
    }

    private static ArrowType parseOrNull(String f, int unionChildren) {
        if (f.length() == 1) {
            return switch (f.charAt(0)) {
                case 'n' -> new ArrowType.Null();
                case 'b' -> new ArrowType.Bool();
                case 'c' -> new ArrowType.Int(8, true);
                case 'C' -> new ArrowType.Int(8, false);
                case 's' -> new ArrowType.Int(16, true);
                case 'S' -> new ArrowType.Int(16, false);
                case 'i' -> new ArrowType.Int(32, true);
                case 'I' -> new ArrowType.Int(32, false);
                case 'l' -> new ArrowType.Int(64, true);
                case 'L' -> new ArrowType.Int(64, false);
                case 'e' -> new ArrowType.FloatingPoint(FloatPrecision.HALF);
                case 'f' -> new ArrowType.FloatingPoint(FloatPrecision.SINGLE);
                case 'g' -> new ArrowType.FloatingPoint(FloatPrecision.DOUBLE);
                case 'z' -> new ArrowType.Binary();
                case 'Z' -> new ArrowType.LargeBinary();
                case 'u' -> new ArrowType.Utf8();
                case 'U' -> new ArrowType.LargeUtf8();
                default -> null;
            };
        }
        switch (f) {
            case "vz": return new ArrowType.BinaryView();
            case "vu": return new ArrowType.Utf8View();
            case "tdD": return new ArrowType.Date(DateUnit.DAY);
            case "tdm": return new ArrowType.Date(DateUnit.MILLISECOND);
            case "tts": return new ArrowType.Time(ArrowTimeUnit.SECOND);
            case "ttm": return new ArrowType.Time(ArrowTimeUnit.MILLISECOND);
            case "ttu": return new ArrowType.Time(ArrowTimeUnit.MICROSECOND);
            case "ttn": return new ArrowType.Time(ArrowTimeUnit.NANOSECOND);
            case "tDs": return new ArrowType.Duration(ArrowTimeUnit.SECOND);
            case "tDm": return new ArrowType.Duration(ArrowTimeUnit.MILLISECOND);
            case "tDu": return new ArrowType.Duration(ArrowTimeUnit.MICROSECOND);
            case "tDn": return new ArrowType.Duration(ArrowTimeUnit.NANOSECOND);
            case "tiM": return new ArrowType.Interval(IntervalUnit.YEAR_MONTH);
            case "tiD": return new ArrowType.Interval(IntervalUnit.DAY_TIME);
            case "tin": return new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
            case "+l": return new ArrowType.List();
            case "+L": return new ArrowType.LargeList();
            case "+vl": return new ArrowType.ListView();
            case "+vL": return new ArrowType.LargeListView();
            case "+s": return new ArrowType.Struct();
            case "+m": return new ArrowType.Map(false);
            case "+r": return new ArrowType.RunEndEncoded();
            default: break;
        }
        if (f.startsWith("ts") && f.length() >= 4 && f.charAt(3) == ':') {
            ArrowTimeUnit u = unit(f.charAt(2));
            if (u == null) return null;
            String tz = f.substring(4);
            return new ArrowType.Timestamp(u, tz.isEmpty() ? null : tz);
        }
        if (f.startsWith("d:")) {
            String[] p = f.substring(2).split(",", -1);
            if (p.length != 2 && p.length != 3) return null;
            int precision = Integer.parseInt(p[0]);
            int scale = Integer.parseInt(p[1]);
            int width = p.length == 3 ? Integer.parseInt(p[2]) : 128;
            if (precision <= 0) throw new IllegalArgumentException("decimal precision must be positive");
            return new ArrowType.Decimal(precision, scale, width);
        }
        if (f.startsWith("w:")) return new ArrowType.FixedSizeBinary(Integer.parseInt(f.substring(2)));
        if (f.startsWith("+w:")) return new ArrowType.FixedSizeList(Integer.parseInt(f.substring(3)));
        if (f.startsWith("+ud:") || f.startsWith("+us:")) {
            UnionMode mode = f.charAt(2) == 'd' ? UnionMode.DENSE : UnionMode.SPARSE;
            String list = f.substring(4);
            int[] ids;
            if (list.isEmpty()) {
                ids = new int[Math.max(0, unionChildren)];
                for (int i = 0; i < ids.length; i++) ids[i] = i;
            } else {
                String[] p = list.split(",", -1);
                ids = new int[p.length];
                for (int i = 0; i < p.length; i++) {
                    ids[i] = Integer.parseInt(p[i]);
                    if (ids[i] < 0 || ids[i] > 127) throw new IllegalArgumentException("union type id " + ids[i]
                            + " is outside 0..127");
                }
            }
            return new ArrowType.Union(mode, ids);
        }
        return null;
    }

    private static ArrowTimeUnit unit(char c) {
        return switch (c) {
            case 's' -> ArrowTimeUnit.SECOND;
            case 'm' -> ArrowTimeUnit.MILLISECOND;
            case 'u' -> ArrowTimeUnit.MICROSECOND;
            case 'n' -> ArrowTimeUnit.NANOSECOND;
            default -> null;
        };
    }
}
