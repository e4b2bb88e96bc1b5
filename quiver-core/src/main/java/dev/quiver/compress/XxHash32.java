package dev.quiver.compress;

import dev.quiver.memory.LE;

import java.lang.foreign.MemorySegment;

/**
 * xxHash32 (the checksum of the LZ4 frame format) over a range of a segment of any size.
 *
 * @see <a href="https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md">xxHash specification</a>
 */
final class XxHash32 {
    private XxHash32() {}

    private static final int P1 = 0x9E3779B1;
    private static final int P2 = 0x85EBCA77;
    private static final int P3 = 0xC2B2AE3D;
    private static final int P4 = 0x27D4EB2F;
    private static final int P5 = 0x165667B1;

    static int hash(MemorySegment seg, long offset, long length, int seed) {
        long p = offset;
        long end = offset + length;
        int h;
        if (length >= 16) {
            int v1 = seed + P1 + P2;
            int v2 = seed + P2;
            int v3 = seed;
            int v4 = seed - P1;
            long limit = end - 16;
            do {
                v1 = round(v1, seg.get(LE.INT, p));
                v2 = round(v2, seg.get(LE.INT, p + 4));
                v3 = round(v3, seg.get(LE.INT, p + 8));
                v4 = round(v4, seg.get(LE.INT, p + 12));
                p += 16;
            } while (p <= limit);
            h = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7)
                    + Integer.rotateLeft(v3, 12) + Integer.rotateLeft(v4, 18);
        } else {
            h = seed + P5;
        }
        h += (int) length;
        while (p + 4 <= end) {
            h = Integer.rotateLeft(h + seg.get(LE.INT, p) * P3, 17) * P4;
            p += 4;
        }
        while (p < end) {
            h = Integer.rotateLeft(h + (seg.get(LE.BYTE, p) & 0xFF) * P5, 11) * P1;
            p++;
        }
        h ^= h >>> 15;
        h *= P2;
        h ^= h >>> 13;
        h *= P3;
        h ^= h >>> 16;
        return h;
    }

    private static int round(int acc, int lane) {
        return Integer.rotateLeft(acc + lane * P2, 13) * P1;
    }
}
