package dev.quiver.type;

/** Shorthand constants and factories for common types, named as in PyArrow ({@code pa.int32()}, ...). */
public final class ArrowTypes {
    private ArrowTypes() {}

    public static final ArrowType.Null NULL = new ArrowType.Null();
    public static final ArrowType.Bool BOOL = new ArrowType.Bool();
    public static final ArrowType.Int INT8 = new ArrowType.Int(8, true);
    public static final ArrowType.Int INT16 = new ArrowType.Int(16, true);
    public static final ArrowType.Int INT32 = new ArrowType.Int(32, true);
    public static final ArrowType.Int INT64 = new ArrowType.Int(64, true);
    public static final ArrowType.Int UINT8 = new ArrowType.Int(8, false);
    public static final ArrowType.Int UINT16 = new ArrowType.Int(16, false);
    public static final ArrowType.Int UINT32 = new ArrowType.Int(32, false);
    public static final ArrowType.Int UINT64 = new ArrowType.Int(64, false);
    public static final ArrowType.FloatingPoint FLOAT16 = new ArrowType.FloatingPoint(FloatPrecision.HALF);
    public static final ArrowType.FloatingPoint FLOAT32 = new ArrowType.FloatingPoint(FloatPrecision.SINGLE);
    public static final ArrowType.FloatingPoint FLOAT64 = new ArrowType.FloatingPoint(FloatPrecision.DOUBLE);
    public static final ArrowType.Utf8 UTF8 = new ArrowType.Utf8();
    public static final ArrowType.LargeUtf8 LARGE_UTF8 = new ArrowType.LargeUtf8();
    public static final ArrowType.Binary BINARY = new ArrowType.Binary();
    public static final ArrowType.LargeBinary LARGE_BINARY = new ArrowType.LargeBinary();
    public static final ArrowType.Utf8View UTF8_VIEW = new ArrowType.Utf8View();
    public static final ArrowType.BinaryView BINARY_VIEW = new ArrowType.BinaryView();
    public static final ArrowType.Date DATE32 = new ArrowType.Date(DateUnit.DAY);
    public static final ArrowType.Date DATE64 = new ArrowType.Date(DateUnit.MILLISECOND);
    public static final ArrowType.Interval MONTH_INTERVAL = new ArrowType.Interval(IntervalUnit.YEAR_MONTH);
    public static final ArrowType.Interval DAY_TIME_INTERVAL = new ArrowType.Interval(IntervalUnit.DAY_TIME);
    public static final ArrowType.Interval MONTH_DAY_NANO_INTERVAL = new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
    public static final ArrowType.Struct STRUCT = new ArrowType.Struct();
    public static final ArrowType.List LIST = new ArrowType.List();
    public static final ArrowType.LargeList LARGE_LIST = new ArrowType.LargeList();

    public static ArrowType.FixedSizeBinary fixedSizeBinary(int byteWidth) { return new ArrowType.FixedSizeBinary(byteWidth); }
    public static ArrowType.Time time32(ArrowTimeUnit unit) { return new ArrowType.Time(unit, 32); }
    public static ArrowType.Time time64(ArrowTimeUnit unit) { return new ArrowType.Time(unit, 64); }
    public static ArrowType.Timestamp timestamp(ArrowTimeUnit unit) { return new ArrowType.Timestamp(unit, null); }
    public static ArrowType.Timestamp timestamp(ArrowTimeUnit unit, String tz) { return new ArrowType.Timestamp(unit, tz); }
    public static ArrowType.Duration duration(ArrowTimeUnit unit) { return new ArrowType.Duration(unit); }
    public static ArrowType.Decimal decimal32(int precision, int scale) { return new ArrowType.Decimal(precision, scale, 32); }
    public static ArrowType.Decimal decimal64(int precision, int scale) { return new ArrowType.Decimal(precision, scale, 64); }
    public static ArrowType.Decimal decimal128(int precision, int scale) { return new ArrowType.Decimal(precision, scale, 128); }
    public static ArrowType.Decimal decimal256(int precision, int scale) { return new ArrowType.Decimal(precision, scale, 256); }
}
