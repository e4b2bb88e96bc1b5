package dev.quiver.array;

import dev.quiver.memory.LE;

/** Signed 8-bit integers. */
public final class Int8Array extends Array {
    Int8Array(ArrayData data) {
        super(data);
    }

    public byte get(int i) {
        return data.buffer(1).get(LE.BYTE, pos(i));
    }

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : get(i);
    }
}
