package dev.quiver.array;

import dev.quiver.memory.LE;

/** Signed 32-bit integers. */
public final class Int32Array extends Array {
    Int32Array(ArrayData data) {
        super(data);
    }

    public int get(int i) {
        return data.buffer(1).get(LE.INT, pos(i) * 4);
    }

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : get(i);
    }
}
