package dev.quiver.array;

import dev.quiver.memory.LE;

/** Single-precision floats. */
public final class Float32Array extends Array {
    Float32Array(ArrayData data) {
        super(data);
    }

    public float get(int i) {
        return data.buffer(1).get(LE.FLOAT, pos(i) * 4);
    }

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : get(i);
    }
}
