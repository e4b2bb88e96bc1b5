package dev.quiver.array;

import dev.quiver.memory.LE;

/** Half-precision floats. */
public final class Float16Array extends Array {
    Float16Array(ArrayData data) {
        super(data);
    }

    /** The raw IEEE 754 binary16 bits. */
    public short getBits(int i) {
        return data.buffer(1).get(LE.SHORT, pos(i) * 2);
    }

    /** The value widened exactly to a float (subnormals, infinities and NaN included). */
    public float get(int i) {
        return Float.float16ToFloat(getBits(i));
    }

    /** The value as a Float. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : get(i);
    }
}
