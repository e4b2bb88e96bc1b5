package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.memory.Loads;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Lists addressed through an offsets buffer into one child array: list, large_list and map. The accessors that
 * follow the offsets ({@link #valueLength}, {@link #get}, {@link #getObject}) check them against the child: where
 * unvalidated data (below FULL) points outside it they throw {@link IndexOutOfBoundsException}.
 */
public abstract sealed class BaseListArray extends NestedArray permits ListArray, LargeListArray, MapArray {
    private final boolean large;
    private final MemorySegment offsets;
    private final boolean nativeOffsets;
    private final int childLength;
    private Array values;

    BaseListArray(ArrayData data, boolean large) {
        super(data);
        this.large = large;
        this.offsets = Array.buffer(data, 1);
        this.nativeOffsets = offsets.isNative();
        this.childLength = data.childCount() > 0 ? data.child(0).length() : 0;
    }

    private long offsetAt(long slot) {
        if (large) return offsets.get(LE.LONG, slot * 8);
        return nativeOffsets ? Loads.intNative(offsets, slot * 4) : Loads.intHeap(offsets, slot * 4);
    }

    /**
     * Index in {@link #values()} of the first element of list {@code i} (the raw offset).
     *
     * @param i the slot
     * @return the offset
     */
    public long valueStart(int i) {
        return offsetAt(pos(i));
    }

    /**
     * Number of elements in list {@code i}.
     *
     * @param i the slot
     * @return the number of elements
     */
    public int valueLength(int i) {
        long p = pos(i);
        long start;
        long end;
        if (large) {
            start = offsets.get(LE.LONG, p * 8);
            end = offsets.get(LE.LONG, p * 8 + 8);
        } else {
            // offsets p and p + 1 in one checked load
            long pair = nativeOffsets ? Loads.longNative(offsets, p * 4) : Loads.longHeap(offsets, p * 4);
            start = (int) pair;
            end = (int) (pair >>> 32);
        }
        Objects.checkFromToIndex(start, end, childLength);
        return (int) (end - start);
    }

    /**
     * The whole child array as the typed array {@code type}, as {@link #values()}.
     *
     * @param <T>  the array class
     * @param type the expected array class, such as {@code Int64Array.class}
     * @return the child array
     * @throws IllegalArgumentException if the elements are not a {@code type}
     */
    public <T extends Array> T values(Class<T> type) {
        return Typed.as(values(), type, "the list elements");
    }

    /**
     * The whole child array (all lists' elements, not restricted to this array's slots).
     *
     * @return the child array
     */
    public Array values() {
        Array v = values;
        if (v == null) values = v = childView(data.child(0), 0);
        return v;
    }

    /** Start of list {@code i} at position {@code p}, with its end checked to lie in the child after it. */
    final int start(long p) {
        long start = offsetAt(p);
        Objects.checkFromToIndex(start, offsetAt(p + 1), childLength);
        return (int) start;
    }

    /**
     * List {@code i} as a zero-copy slice of the child array.
     *
     * @param i the slot
     * @return the list's elements
     */
    public Array get(int i) {
        long p = pos(i);
        int start = start(p);
        return childView(data.child(0).slice(start, (int) (offsetAt(p + 1) - start)), 0);
    }

    /** The elements of list {@code i}: {@link #getObject} gives an unmodifiable List of their Java objects. */
    @Override
    Object object(int i, boolean display) {
        long p = pos(i);
        int start = start(p);
        return Array.values(values(), start, (int) offsetAt(p + 1), display);
    }
}
