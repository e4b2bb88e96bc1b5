package dev.quiver.array;

import dev.quiver.type.ArrowType;

/**
 * The physical buffer layout of each type, as the columnar format specifies it. Buffer 0 is the validity
 * bitmap for every type that has one (all but null, unions and run-end encoded). View types have variadic
 * data buffers after their fixed buffers.
 */
public final class Layout {
    private Layout() {}

    /** Number of fixed buffers (not counting variadic buffers of view types). */
    public static int bufferCount(ArrowType type) {
        return switch (type) {
            case ArrowType.Null n -> 0;
            case ArrowType.RunEndEncoded r -> 0;
            case ArrowType.Struct s -> 1;
            case ArrowType.FixedSizeList f -> 1;
            case ArrowType.Union u -> u.mode() == dev.quiver.type.UnionMode.SPARSE ? 1 : 2;
            case ArrowType.Binary b -> 3;
            case ArrowType.Utf8 u -> 3;
            case ArrowType.LargeBinary b -> 3;
            case ArrowType.LargeUtf8 u -> 3;
            case ArrowType.ListView l -> 3;
            case ArrowType.LargeListView l -> 3;
            default -> 2; // validity + values (fixed width, bool, list/map offsets, views)
        };
    }

    /** Whether buffer 0 is a validity bitmap. */
    public static boolean hasValidity(ArrowType type) {
        return !(type instanceof ArrowType.Null || type instanceof ArrowType.Union
                || type instanceof ArrowType.RunEndEncoded);
    }

    /** Whether data buffers follow the fixed buffers (binary_view, utf8_view). */
    public static boolean hasVariadicBuffers(ArrowType type) {
        return type instanceof ArrowType.BinaryView || type instanceof ArrowType.Utf8View;
    }

    /**
     * Width in bits of one value in buffer 1 of a fixed-width type (1 for bool), or -1 when the type is not
     * fixed-width.
     */
    public static int fixedBitWidth(ArrowType type) {
        return switch (type) {
            case ArrowType.Bool b -> 1;
            case ArrowType.Int i -> i.bitWidth();
            case ArrowType.FloatingPoint f -> f.bitWidth();
            case ArrowType.Decimal d -> d.bitWidth();
            case ArrowType.Date d -> d.bitWidth();
            case ArrowType.Time t -> t.bitWidth();
            case ArrowType.Timestamp t -> 64;
            case ArrowType.Duration d -> 64;
            case ArrowType.Interval i -> i.byteWidth() * 8;
            // widths of 256 MiB and more have no bit width that fits an int
            case ArrowType.FixedSizeBinary f -> f.byteWidth() > (Integer.MAX_VALUE >> 3) ? -1 : f.byteWidth() * 8;
            default -> -1;
        };
    }

    /** Byte width of the offsets buffer of a variable-size type (4 or 8), or -1. */
    public static int offsetWidth(ArrowType type) {
        return switch (type) {
            case ArrowType.Binary b -> 4;
            case ArrowType.Utf8 u -> 4;
            case ArrowType.List l -> 4;
            case ArrowType.Map m -> 4;
            case ArrowType.ListView l -> 4;
            case ArrowType.LargeBinary b -> 8;
            case ArrowType.LargeUtf8 u -> 8;
            case ArrowType.LargeList l -> 8;
            case ArrowType.LargeListView l -> 8;
            default -> -1;
        };
    }
}
