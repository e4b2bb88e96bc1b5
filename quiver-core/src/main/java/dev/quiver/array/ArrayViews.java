package dev.quiver.array;

import dev.quiver.type.ArrowType;
import dev.quiver.type.DateUnit;

/** Chooses the typed {@link Array} subclass for an {@link ArrayData}. */
final class ArrayViews {
    private ArrayViews() {}

    /** The view of {@code data}, described by {@code field} (which matches it, or is null). */
    static Array wrap(ArrayData data, dev.quiver.type.Field field) {
        Array a = view(data);
        a.field = field;
        return a;
    }

    private static Array view(ArrayData data) {
        if (data.dictionary() != null) return new DictionaryArray(data);
        return switch (data.type()) {
            case ArrowType.Null n -> new NullArray(data);
            case ArrowType.Bool b -> new BooleanArray(data);
            case ArrowType.Int i -> integer(i, data);
            case ArrowType.FloatingPoint f -> switch (f.precision()) {
                case HALF -> new Float16Array(data);
                case SINGLE -> new Float32Array(data);
                case DOUBLE -> new Float64Array(data);
            };
            case ArrowType.Binary b -> new BinaryArray(data);
            case ArrowType.LargeBinary b -> new LargeBinaryArray(data);
            case ArrowType.Utf8 u -> new Utf8Array(data);
            case ArrowType.LargeUtf8 u -> new LargeUtf8Array(data);
            case ArrowType.FixedSizeBinary f -> new FixedSizeBinaryArray(data);
            case ArrowType.Decimal d -> new DecimalArray(data);
            case ArrowType.Date d -> d.unit() == DateUnit.DAY ? new Date32Array(data) : new Date64Array(data);
            case ArrowType.Time t -> t.bitWidth() == 32 ? new Time32Array(data) : new Time64Array(data);
            case ArrowType.Timestamp t -> new TimestampArray(data);
            case ArrowType.Duration d -> new DurationArray(data);
            case ArrowType.Interval i -> switch (i.unit()) {
                case YEAR_MONTH -> new IntervalYearMonthArray(data);
                case DAY_TIME -> new IntervalDayTimeArray(data);
                case MONTH_DAY_NANO -> new IntervalMonthDayNanoArray(data);
            };
            case ArrowType.Struct s -> new StructArray(data);
            case ArrowType.List l -> new ListArray(data);
            case ArrowType.LargeList l -> new LargeListArray(data);
            case ArrowType.FixedSizeList f -> new FixedSizeListArray(data);
            case ArrowType.Map m -> new MapArray(data);
            case ArrowType.Union u -> new OtherArray(data);
            case ArrowType.RunEndEncoded r -> new OtherArray(data);
            case ArrowType.BinaryView b -> new OtherArray(data);
            case ArrowType.Utf8View u -> new OtherArray(data);
            case ArrowType.ListView l -> new OtherArray(data);
            case ArrowType.LargeListView l -> new OtherArray(data);
        };
    }

    private static Array integer(ArrowType.Int t, ArrayData data) {
        return switch (t.bitWidth()) {
            case 8 -> t.signed() ? new Int8Array(data) : new UInt8Array(data);
            case 16 -> t.signed() ? new Int16Array(data) : new UInt16Array(data);
            case 32 -> t.signed() ? new Int32Array(data) : new UInt32Array(data);
            default -> t.signed() ? new Int64Array(data) : new UInt64Array(data);
        };
    }
}
