package dev.quiver.array;

import dev.quiver.memory.LE;

/** Double-precision floats. */
public final class Float64Array extends Array {
    Float64Array(ArrayData data) {
        super(data);
    }

    public double get(int i) {
        return data.buffer(1).get(LE.DOUBLE, pos(i) * 8);
    }

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : get(i);
    }
}
