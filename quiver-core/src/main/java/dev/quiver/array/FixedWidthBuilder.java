package dev.quiver.array;

import dev.quiver.type.ArrowType;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;

/**
 * Builds arrays of fixed-width types (integers, floats, decimals, dates, times, timestamps, durations, intervals,
 * fixed_size_binary). Each append method writes raw values of its width and checks that the type has that width.
 */
public final class FixedWidthBuilder extends ArrayBuilder {
    private final int byteWidth;
    private final ValidityBuilder validity = new ValidityBuilder();
    private final GrowableBuffer values;

    public FixedWidthBuilder(ArrowType type) {
        super(type);
        int bits = Layout.fixedBitWidth(type);
        if (bits < 8 || bits % 8 != 0) {
            if (!(type instanceof ArrowType.FixedSizeBinary)) {
                throw new IllegalArgumentException("not a fixed-width type with whole bytes: " + type);
            }
        }
        this.byteWidth = type instanceof ArrowType.FixedSizeBinary f ? f.byteWidth() : bits / 8;
        this.values = new GrowableBuffer((int) Math.min(1024, byteWidth * 16L));
    }

    /** Bytes per value. */
    public int byteWidth() {
        return byteWidth;
    }

    @Override
    public int length() {
        return validity.length();
    }

    private void expect(int width, String method) {
        if (width != byteWidth) {
            throw new IllegalArgumentException(method + " writes " + width + " bytes but " + type + " values are "
                    + byteWidth + " bytes wide");
        }
    }

    private FixedWidthBuilder valid() {
        validity.append(true);
        return this;
    }

    public FixedWidthBuilder appendByte(byte v) { expect(1, "appendByte"); values.putByte(v); return valid(); }
    public FixedWidthBuilder appendShort(short v) { expect(2, "appendShort"); values.putShort(v); return valid(); }
    public FixedWidthBuilder appendInt(int v) { expect(4, "appendInt"); values.putInt(v); return valid(); }
    public FixedWidthBuilder appendLong(long v) { expect(8, "appendLong"); values.putLong(v); return valid(); }
    public FixedWidthBuilder appendFloat(float v) { expect(4, "appendFloat"); values.putFloat(v); return valid(); }
    public FixedWidthBuilder appendDouble(double v) { expect(8, "appendDouble"); values.putDouble(v); return valid(); }

    /** Appends a float16 value, rounding {@code v} to the nearest half-precision value. */
    public FixedWidthBuilder appendFloat16(float v) {
        return appendShort(Float.floatToFloat16(v));
    }

    /** Appends a day-time interval. */
    public FixedWidthBuilder appendDayTime(int days, int millis) {
        expect(8, "appendDayTime");
        values.putInt(days);
        values.putInt(millis);
        return valid();
    }

    /** Appends a month-day-nano interval. */
    public FixedWidthBuilder appendMonthDayNano(int months, int days, long nanos) {
        expect(16, "appendMonthDayNano");
        values.putInt(months);
        values.putInt(days);
        values.putLong(nanos);
        return valid();
    }

    /** Appends a value given as its raw little-endian bytes (exactly {@link #byteWidth()} of them). */
    public FixedWidthBuilder appendBytes(byte[] v) {
        expect(v.length, "appendBytes");
        values.putBytes(v);
        return valid();
    }

    /** Appends an integer in two's complement of this type's width (decimals: the unscaled value). */
    public FixedWidthBuilder appendUnscaled(BigInteger v) {
        if (v.bitLength() >= byteWidth * 8) {
            throw new IllegalArgumentException(v + " does not fit in " + byteWidth * 8 + " bits");
        }
        byte[] bigEndian = v.toByteArray();
        byte fill = (byte) (v.signum() < 0 ? -1 : 0);
        long at = values.reserve(byteWidth);
        MemorySegment s = values.segment();
        for (int k = 0; k < byteWidth; k++) {
            int src = bigEndian.length - 1 - k;
            s.set(dev.quiver.memory.LE.BYTE, at + k, src >= 0 ? bigEndian[src] : fill);
        }
        return valid();
    }

    @Override
    public FixedWidthBuilder appendNull() {
        values.putZeros(byteWidth);
        validity.append(false);
        return this;
    }

    @Override
    public ArrayData build() {
        return new ArrayData(type, validity.length(), 0, validity.nullCount(),
                new MemorySegment[] {validity.finish(), values.finish()}, null, null);
    }
}
