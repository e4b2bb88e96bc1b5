package dev.quiver.array;

import dev.quiver.memory.LE;

/** Unsigned 32-bit integers; {@link #get(int)} returns the raw bits, {@link #getUnsigned(int)} the value. */
public final class UInt32Array extends Array {
    UInt32Array(ArrayData data) {
        super(data);
    }

    /** The raw bits as a signed Java int. */
    public int get(int i) {
        return data.buffer(1).get(LE.INT, pos(i) * 4);
    }

    /** The unsigned value, 0 to 2^32-1. */
    public long getUnsigned(int i) {
        return Integer.toUnsignedLong(get(i));
    }

    /** The unsigned value as a Long. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getUnsigned(i);
    }
}
