package dev.quiver.array;

import dev.quiver.memory.LE;

/** Unsigned 16-bit integers; {@link #get(int)} returns the raw bits, {@link #getUnsigned(int)} the value. */
public final class UInt16Array extends Array {
    UInt16Array(ArrayData data) {
        super(data);
    }

    /** The raw bits as a signed Java short. */
    public short get(int i) {
        return data.buffer(1).get(LE.SHORT, pos(i) * 2);
    }

    /** The unsigned value, 0 to 65535. */
    public int getUnsigned(int i) {
        return Short.toUnsignedInt(get(i));
    }

    /** The unsigned value as an Integer. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getUnsigned(i);
    }
}
