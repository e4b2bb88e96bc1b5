package dev.quiver.array;

import dev.quiver.memory.LE;

/** Signed 16-bit integers. */
public final class Int16Array extends Array {
    Int16Array(ArrayData data) {
        super(data);
    }

    public short get(int i) {
        return data.buffer(1).get(LE.SHORT, pos(i) * 2);
    }

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : get(i);
    }
}
