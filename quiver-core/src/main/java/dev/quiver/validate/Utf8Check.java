package dev.quiver.validate;

import dev.quiver.memory.LE;
import dev.quiver.memory.Loads;

import java.lang.foreign.MemorySegment;

/** UTF-8 well-formedness (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). */
final class Utf8Check {
    private Utf8Check() {}

    /**
     * True when every byte in {@code [from, to)} is ASCII. ASCII text is valid UTF-8 however it is cut into
     * values, so a column whose whole data range is ASCII needs no per-value check.
     */
    static boolean isAscii(MemorySegment s, long from, long to) {
        long i = from;
        long acc = 0;
        boolean isNative = s.isNative();
        for (; i + 32 <= to; i += 32) {
            acc |= load(s, isNative, i) | load(s, isNative, i + 8) | load(s, isNative, i + 16) | load(s, isNative, i + 24);
            if ((acc & 0x8080808080808080L) != 0) return false;
        }
        for (; i + 8 <= to; i += 8) acc |= load(s, isNative, i);
        for (; i < to; i++) acc |= s.get(LE.BYTE, i);
        return (acc & 0x8080808080808080L) == 0;
    }

    private static long load(MemorySegment s, boolean isNative, long at) {
        return isNative ? Loads.longNative(s, at) : Loads.longHeap(s, at);
    }

    /** Position of the first byte of the first ill-formed sequence in {@code [from, to)}, or -1. */
    static long firstInvalid(MemorySegment s, long from, long to) {
        long i = from;
        while (i < to) {
            if (to - i >= 8 && (s.get(LE.LONG, i) & 0x8080808080808080L) == 0) {
                i += 8;
                continue;
            }
            int b = s.get(LE.BYTE, i) & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int n;
            int lo = 0x80;
            int hi = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                n = 1;
            } else if (b >= 0xe0 && b <= 0xef) {
                n = 2;
                if (b == 0xe0) lo = 0xa0;
                if (b == 0xed) hi = 0x9f;
            } else if (b >= 0xf0 && b <= 0xf4) {
                n = 3;
                if (b == 0xf0) lo = 0x90;
                if (b == 0xf4) hi = 0x8f;
            } else {
                return i;
            }
            if (to - i - 1 < n) return i;
            int c = s.get(LE.BYTE, i + 1) & 0xff;
            if (c < lo || c > hi) return i;
            for (int k = 2; k <= n; k++) {
                int cont = s.get(LE.BYTE, i + k) & 0xff;
                if (cont < 0x80 || cont > 0xbf) return i;
            }
            i += n + 1;
        }
        return -1;
    }
}
