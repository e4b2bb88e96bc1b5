package dev.quiver.array;

import dev.quiver.memory.LE;

import java.math.BigInteger;

/** Unsigned 64-bit integers; {@link #get(int)} returns the raw bits, {@link #getUnsigned(int)} the value. */
public final class UInt64Array extends Array {
    UInt64Array(ArrayData data) {
        super(data);
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** The raw bits as a signed Java long (use {@link Long#compareUnsigned} and friends). */
    public long get(int i) {
        return data.buffer(1).get(LE.LONG, pos(i) * 8);
    }

    /** The unsigned value, 0 to 2^64-1. */
    public BigInteger getUnsigned(int i) {
        long v = get(i);
        BigInteger b = BigInteger.valueOf(v);
        return v >= 0 ? b : b.add(TWO_64);
    }

    /** The unsigned value as a BigInteger. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getUnsigned(i);
    }
}
