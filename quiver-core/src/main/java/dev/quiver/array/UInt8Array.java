package dev.quiver.array;

import dev.quiver.memory.LE;

/** Unsigned 8-bit integers; {@link #get(int)} returns the raw bits, {@link #getUnsigned(int)} the value. */
public final class UInt8Array extends Array {
    UInt8Array(ArrayData data) {
        super(data);
    }

    /** The raw bits as a signed Java byte. */
    public byte get(int i) {
        return data.buffer(1).get(LE.BYTE, pos(i));
    }

    /** The unsigned value, 0 to 255. */
    public int getUnsigned(int i) {
        return Byte.toUnsignedInt(get(i));
    }

    /** The unsigned value as a Short. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : (short) getUnsigned(i);
    }
}
