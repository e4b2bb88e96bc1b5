package dev.quiver.array;

import dev.quiver.memory.Loads;

import java.lang.foreign.MemorySegment;

/** Signed 32-bit integers. */
public final class Int32Array extends Array {
    private final MemorySegment values;
    private final boolean nativeValues;

    Int32Array(ArrayData data) {
        super(data);
        this.values = Array.buffer(data, 1);
        this.nativeValues = values.isNative();
    }

    public int get(int i) {
        long at = pos(i) * 4;
        return nativeValues ? Loads.intNative(values, at) : Loads.intHeap(values, at);
    }

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : get(i);
    }
}
