package dev.quiver.memory;

import java.lang.foreign.MemorySegment;

/** Bit-packed buffers (validity bitmaps, boolean values): LSB numbering, as the Arrow format specifies. */
public final class Bits {
    private Bits() {}

    public static boolean get(MemorySegment bits, long index) {
        return (bits.get(LE.BYTE, index >>> 3) & (1 << (index & 7))) != 0;
    }

    public static void set(MemorySegment bits, long index, boolean value) {
        long byteIndex = index >>> 3;
        int b = bits.get(LE.BYTE, byteIndex);
        int mask = 1 << (index & 7);
        bits.set(LE.BYTE, byteIndex, (byte) (value ? (b | mask) : (b & ~mask)));
    }

    /** Bytes needed to hold {@code bitCount} bits. */
    public static long bytesFor(long bitCount) {
        return (bitCount + 7) >>> 3;
    }

    /** Number of set bits in {@code [bitOffset, bitOffset + length)}. */
    public static long countSet(MemorySegment bits, long bitOffset, long length) {
        long count = 0;
        long i = bitOffset;
        long end = bitOffset + length;
        while (i < end && (i & 63) != 0) {
            if (get(bits, i)) count++;
            i++;
        }
        boolean isNative = bits.isNative();
        while (end - i >= 64) {
            count += Long.bitCount(isNative ? Loads.longNative(bits, i >>> 3) : Loads.longHeap(bits, i >>> 3));
            i += 64;
        }
        while (i < end) {
            if (get(bits, i)) count++;
            i++;
        }
        return count;
    }
}
