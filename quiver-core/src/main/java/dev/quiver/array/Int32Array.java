package dev.quiver.array;

import dev.quiver.memory.LE;

import java.lang.foreign.MemorySegment;

/** Signed 32-bit integers. */
public final class Int32Array extends Array {
    private final MemorySegment values;

    Int32Array(ArrayData data) {
        super(data);
        this.values = Array.buffer(data, 1);
    }

    public int get(int i) {
        return values.get(LE.INT, pos(i) * 4);
    }

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : get(i);
    }
}
