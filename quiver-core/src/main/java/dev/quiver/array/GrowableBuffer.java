package dev.quiver.array;

import dev.quiver.memory.LE;

import java.lang.foreign.MemorySegment;

/**
 * A heap byte buffer that doubles as it fills. {@link #finish()} hands out an off-heap copy whose size is the
 * content rounded up to a multiple of 8 (zero padding), as the IPC format requires of buffers.
 */
final class GrowableBuffer {
    static final int MAX = Integer.MAX_VALUE - 16;

    private byte[] bytes;
    private MemorySegment segment;
    private long size;

    GrowableBuffer(int initialCapacity) {
        bytes = new byte[Math.max(8, initialCapacity)];
        segment = MemorySegment.ofArray(bytes);
    }

    long size() {
        return size;
    }

    /** Makes room for {@code extra} more bytes and returns the position where they go. */
    long reserve(long extra) {
        long needed = size + extra;
        if (extra < 0 || needed > MAX) {
            throw new IllegalStateException("buffer would exceed " + MAX + " bytes (heap builders are limited to 2 GiB)");
        }
        if (needed > bytes.length) {
            long grown = Math.max(needed, Math.min((long) bytes.length * 2, MAX));
            bytes = java.util.Arrays.copyOf(bytes, (int) grown);
            segment = MemorySegment.ofArray(bytes);
        }
        long at = size;
        size = needed;
        return at;
    }

    // reserve() first: it may replace the segment
    void putByte(byte v) { long at = reserve(1); segment.set(LE.BYTE, at, v); }
    void putShort(short v) { long at = reserve(2); segment.set(LE.SHORT, at, v); }
    void putInt(int v) { long at = reserve(4); segment.set(LE.INT, at, v); }
    void putLong(long v) { long at = reserve(8); segment.set(LE.LONG, at, v); }
    void putFloat(float v) { long at = reserve(4); segment.set(LE.FLOAT, at, v); }
    void putDouble(double v) { long at = reserve(8); segment.set(LE.DOUBLE, at, v); }

    void putBytes(byte[] src) {
        long at = reserve(src.length);
        MemorySegment.copy(src, 0, segment, LE.BYTE, at, src.length);
    }

    void putSegment(MemorySegment src) {
        long at = reserve(src.byteSize());
        MemorySegment.copy(src, 0, segment, at, src.byteSize());
    }

    /** Appends {@code n} zero bytes. */
    void putZeros(long n) {
        reserve(n); // new capacity is zero-filled and nothing is ever written past size
    }

    /** The direct segment for in-place updates of bytes already appended. */
    MemorySegment segment() {
        return segment;
    }

    /**
     * The content as an off-heap segment padded with zeros to a multiple of 8 bytes, in memory the garbage
     * collector frees once no array refers to it. Off-heap, so that writers hand it to the operating system
     * as it is (a heap buffer would be copied into a temporary direct buffer by every channel write).
     */
    MemorySegment finish() {
        long padded = (size + 7) & ~7L;
        if (padded == 0) return ArrayData.ABSENT;
        MemorySegment out = java.lang.foreign.Arena.ofAuto().allocate(padded, 8);
        MemorySegment.copy(segment, 0, out, 0, size);
        return out;
    }
}
