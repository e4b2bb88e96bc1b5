package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.memory.Loads;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Variable-size binary and string values: an offsets buffer (32-bit or 64-bit) into a data buffer.
 * {@link #valueStart}, {@link #valueEnd} and {@link #valueLength} return the raw offsets (and their difference) as
 * the buffer holds them; the getters of the value itself check them against the data buffer and throw
 * {@link IndexOutOfBoundsException} where unvalidated data (below FULL) point outside it.
 */
public abstract sealed class VarBinaryArray extends Array
        permits BinaryArray, LargeBinaryArray, Utf8Array, LargeUtf8Array {
    private final boolean large;
    private final MemorySegment offsets;
    private final boolean nativeOffsets;

    VarBinaryArray(ArrayData data, boolean large) {
        super(data);
        this.large = large;
        this.offsets = Array.buffer(data, 1);
        this.nativeOffsets = offsets.isNative();
    }

    /** Start of value {@code i} in the data buffer. */
    public long valueStart(int i) {
        return offsetAt(pos(i));
    }

    /** End (exclusive) of value {@code i} in the data buffer. */
    public long valueEnd(int i) {
        return offsetAt(pos(i) + 1);
    }

    /** Length in bytes of value {@code i}. */
    public long valueLength(int i) {
        long p = pos(i);
        if (large) return offsets.get(LE.LONG, p * 8 + 8) - offsets.get(LE.LONG, p * 8);
        // offsets p and p + 1 in one checked load
        long pair = nativeOffsets ? Loads.longNative(offsets, p * 4) : Loads.longHeap(offsets, p * 4);
        return (int) (pair >>> 32) - (int) pair;
    }

    private long offsetAt(long slot) {
        if (large) return offsets.get(LE.LONG, slot * 8);
        return nativeOffsets ? Loads.intNative(offsets, slot * 4) : Loads.intHeap(offsets, slot * 4);
    }

    /** Zero-copy view of value {@code i} (empty for a null slot). */
    public MemorySegment getSegment(int i) {
        long p = pos(i);
        long start = offsetAt(p);
        return data.buffer(2).asSlice(start, offsetAt(p + 1) - start);
    }

    /**
     * A copy of value {@code i}'s bytes.
     *
     * @throws IllegalStateException for a value of 2 GiB or more, which no byte[] holds (use {@link #getSegment})
     */
    public byte[] getBytes(int i) {
        return getSegment(i).toArray(ValueLayout.JAVA_BYTE);
    }
}
