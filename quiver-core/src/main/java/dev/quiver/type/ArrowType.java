package dev.quiver.type;

import java.util.Arrays;
import java.util.Objects;

/**
 * Every logical type of the Arrow columnar format ({@code Type} union in {@code format/Schema.fbs}).
 * Child types of nested types live in the {@link Field}'s children, as in the specification.
 */
public sealed interface ArrowType {

    /** Flatbuffers {@code Type} union tag of this type. */
    byte typeTag();

    /** True for types whose children are defined by the field's children. */
    default boolean isNested() {
        return false;
    }

    // ---- primitive ----------------------------------------------------------------------

    record Null() implements ArrowType {
        public byte typeTag() { return 1; }
        @Override public String toString() { return "null"; }
    }

    record Int(int bitWidth, boolean signed) implements ArrowType {
        public Int {
            if (bitWidth != 8 && bitWidth != 16 && bitWidth != 32 && bitWidth != 64) {
                throw new IllegalArgumentException("Int bit width must be 8, 16, 32 or 64: " + bitWidth);
            }
        }
        public byte typeTag() { return 2; }
        @Override public String toString() { return (signed ? "int" : "uint") + bitWidth; }
    }

    record FloatingPoint(FloatPrecision precision) implements ArrowType {
        public FloatingPoint { Objects.requireNonNull(precision); }
        public byte typeTag() { return 3; }
        public int bitWidth() {
            return switch (precision) { case HALF -> 16; case SINGLE -> 32; case DOUBLE -> 64; };
        }
        @Override public String toString() { return "float" + bitWidth(); }
    }

    record Binary() implements ArrowType {
        public byte typeTag() { return 4; }
        @Override public String toString() { return "binary"; }
    }

    record Utf8() implements ArrowType {
        public byte typeTag() { return 5; }
        @Override public String toString() { return "utf8"; }
    }

    record Bool() implements ArrowType {
        public byte typeTag() { return 6; }
        @Override public String toString() { return "bool"; }
    }

    /** Decimal with 32, 64, 128 or 256 bit little-endian two's complement storage. */
    record Decimal(int precision, int scale, int bitWidth) implements ArrowType {
        public Decimal {
            if (bitWidth != 32 && bitWidth != 64 && bitWidth != 128 && bitWidth != 256) {
                throw new IllegalArgumentException("Decimal bit width must be 32, 64, 128 or 256: " + bitWidth);
            }
        }
        public byte typeTag() { return 7; }
        @Override public String toString() {
            return "decimal" + bitWidth + "(" + precision + ", " + scale + ")";
        }
    }

    record Date(DateUnit unit) implements ArrowType {
        public Date { Objects.requireNonNull(unit); }
        public byte typeTag() { return 8; }
        public int bitWidth() { return unit == DateUnit.DAY ? 32 : 64; }
        @Override public String toString() { return unit == DateUnit.DAY ? "date32[day]" : "date64[ms]"; }
    }

    /** Time of day: SECOND/MILLISECOND with 32 bits, MICROSECOND/NANOSECOND with 64 bits. */
    record Time(ArrowTimeUnit unit, int bitWidth) implements ArrowType {
        public Time {
            Objects.requireNonNull(unit);
            int expected = (unit == ArrowTimeUnit.SECOND || unit == ArrowTimeUnit.MILLISECOND) ? 32 : 64;
            if (bitWidth != expected) {
                throw new IllegalArgumentException("Time(" + unit + ") must be " + expected + " bits wide: " + bitWidth);
            }
        }
        public Time(ArrowTimeUnit unit) {
            this(unit, (unit == ArrowTimeUnit.SECOND || unit == ArrowTimeUnit.MILLISECOND) ? 32 : 64);
        }
        public byte typeTag() { return 9; }
        @Override public String toString() { return "time" + bitWidth + "[" + unit.symbol() + "]"; }
    }

    /** Timestamp; {@code timezone} is null for a timestamp without time zone. */
    record Timestamp(ArrowTimeUnit unit, String timezone) implements ArrowType {
        public Timestamp { Objects.requireNonNull(unit); }
        public byte typeTag() { return 10; }
        @Override public String toString() {
            return "timestamp[" + unit.symbol() + (timezone == null ? "" : ", tz=" + timezone) + "]";
        }
    }

    record Interval(IntervalUnit unit) implements ArrowType {
        public Interval { Objects.requireNonNull(unit); }
        public byte typeTag() { return 11; }
        public int byteWidth() {
            return switch (unit) { case YEAR_MONTH -> 4; case DAY_TIME -> 8; case MONTH_DAY_NANO -> 16; };
        }
        @Override public String toString() {
            return switch (unit) {
                case YEAR_MONTH -> "month_interval";
                case DAY_TIME -> "day_time_interval";
                case MONTH_DAY_NANO -> "month_day_nano_interval";
            };
        }
    }

    record List() implements ArrowType {
        public byte typeTag() { return 12; }
        @Override public boolean isNested() { return true; }
        @Override public String toString() { return "list"; }
    }

    record Struct() implements ArrowType {
        public byte typeTag() { return 13; }
        @Override public boolean isNested() { return true; }
        @Override public String toString() { return "struct"; }
    }

    /** Union; {@code typeIds} may be null, meaning the child index is the type id. */
    record Union(UnionMode mode, int[] typeIds) implements ArrowType {
        public Union {
            Objects.requireNonNull(mode);
            typeIds = typeIds == null ? null : typeIds.clone();
        }
        public byte typeTag() { return 14; }
        @Override public boolean isNested() { return true; }
        @Override public int[] typeIds() { return typeIds == null ? null : typeIds.clone(); }
        @Override public boolean equals(Object o) {
            return o instanceof Union u && u.mode == mode && Arrays.equals(u.typeIds, typeIds);
        }
        @Override public int hashCode() { return mode.hashCode() * 31 + Arrays.hashCode(typeIds); }
        @Override public String toString() {
            return (mode == UnionMode.SPARSE ? "sparse_union" : "dense_union")
                    + (typeIds == null ? "" : Arrays.toString(typeIds));
        }
    }

    record FixedSizeBinary(int byteWidth) implements ArrowType {
        public FixedSizeBinary {
            if (byteWidth < 0) throw new IllegalArgumentException("negative byte width: " + byteWidth);
        }
        public byte typeTag() { return 15; }
        @Override public String toString() { return "fixed_size_binary[" + byteWidth + "]"; }
    }

    record FixedSizeList(int listSize) implements ArrowType {
        public FixedSizeList {
            if (listSize < 0) throw new IllegalArgumentException("negative list size: " + listSize);
        }
        public byte typeTag() { return 16; }
        @Override public boolean isNested() { return true; }
        @Override public String toString() { return "fixed_size_list[" + listSize + "]"; }
    }

    /** Map: a list of non-null struct entries with key and value children. */
    record Map(boolean keysSorted) implements ArrowType {
        public byte typeTag() { return 17; }
        @Override public boolean isNested() { return true; }
        @Override public String toString() { return keysSorted ? "map(sorted)" : "map"; }
    }

    record Duration(ArrowTimeUnit unit) implements ArrowType {
        public Duration { Objects.requireNonNull(unit); }
        public byte typeTag() { return 18; }
        @Override public String toString() { return "duration[" + unit.symbol() + "]"; }
    }

    record LargeBinary() implements ArrowType {
        public byte typeTag() { return 19; }
        @Override public String toString() { return "large_binary"; }
    }

    record LargeUtf8() implements ArrowType {
        public byte typeTag() { return 20; }
        @Override public String toString() { return "large_utf8"; }
    }

    record LargeList() implements ArrowType {
        public byte typeTag() { return 21; }
        @Override public boolean isNested() { return true; }
        @Override public String toString() { return "large_list"; }
    }

    record RunEndEncoded() implements ArrowType {
        public byte typeTag() { return 22; }
        @Override public boolean isNested() { return true; }
        @Override public String toString() { return "run_end_encoded"; }
    }

    record BinaryView() implements ArrowType {
        public byte typeTag() { return 23; }
        @Override public String toString() { return "binary_view"; }
    }

    record Utf8View() implements ArrowType {
        public byte typeTag() { return 24; }
        @Override public String toString() { return "utf8_view"; }
    }

    record ListView() implements ArrowType {
        public byte typeTag() { return 25; }
        @Override public boolean isNested() { return true; }
        @Override public String toString() { return "list_view"; }
    }

    record LargeListView() implements ArrowType {
        public byte typeTag() { return 26; }
        @Override public boolean isNested() { return true; }
        @Override public String toString() { return "large_list_view"; }
    }
}
