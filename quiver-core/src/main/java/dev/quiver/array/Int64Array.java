package dev.quiver.array;

import dev.quiver.memory.LE;

/** Signed 64-bit integers. */
public final class Int64Array extends Array {
    Int64Array(ArrayData data) {
        super(data);
    }

    public long get(int i) {
        return data.buffer(1).get(LE.LONG, pos(i) * 8);
    }

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : get(i);
    }
}
