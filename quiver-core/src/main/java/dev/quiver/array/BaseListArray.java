package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.memory.Loads;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Lists addressed through an offsets buffer into one child array: list, large_list and map. */
public abstract sealed class BaseListArray extends Array permits ListArray, LargeListArray, MapArray {
    private final boolean large;
    private final MemorySegment offsets;
    private final boolean nativeOffsets;
    private Array values;

    BaseListArray(ArrayData data, boolean large) {
        super(data);
        this.large = large;
        this.offsets = Array.buffer(data, 1);
        this.nativeOffsets = offsets.isNative();
    }

    private long offsetAt(long slot) {
        if (large) return offsets.get(LE.LONG, slot * 8);
        return nativeOffsets ? Loads.intNative(offsets, slot * 4) : Loads.intHeap(offsets, slot * 4);
    }

    /** Index in {@link #values()} of the first element of list {@code i}. */
    public long valueStart(int i) {
        return offsetAt(pos(i));
    }

    /** Number of elements in list {@code i}. */
    public int valueLength(int i) {
        long p = pos(i);
        if (large) return Math.toIntExact(offsets.get(LE.LONG, p * 8 + 8) - offsets.get(LE.LONG, p * 8));
        // offsets p and p + 1 in one checked load
        long pair = nativeOffsets ? Loads.longNative(offsets, p * 4) : Loads.longHeap(offsets, p * 4);
        return (int) (pair >>> 32) - (int) pair;
    }

    /** The whole child array (all lists' elements, not restricted to this array's slots). */
    public Array values() {
        Array v = values;
        if (v == null) values = v = Array.of(data.child(0));
        return v;
    }

    /** List {@code i} as a zero-copy slice of the child array. */
    public Array get(int i) {
        long p = pos(i);
        long start = offsetAt(p);
        return Array.of(data.child(0).slice(Math.toIntExact(start), Math.toIntExact(offsetAt(p + 1) - start)));
    }

    /** The elements of list {@code i} as Java objects. */
    List<Object> elements(int i) {
        long p = pos(i);
        int start = Math.toIntExact(offsetAt(p));
        int end = Math.toIntExact(offsetAt(p + 1));
        Array v = values();
        List<Object> out = new ArrayList<>(end - start);
        for (int k = start; k < end; k++) out.add(v.getObject(k));
        return Collections.unmodifiableList(out);
    }
}
