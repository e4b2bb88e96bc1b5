package dev.quiver.compress;

import dev.quiver.memory.LE;

import java.lang.foreign.MemorySegment;

/**
 * Decoder of one LZ4 block, in Java over segments, for blocks whose matches may reach back before the
 * block's own output (linked blocks of an LZ4 frame). Every length, offset and copy is checked against
 * the input, the output limit and the start of the window.
 *
 * @see <a href="https://github.com/lz4/lz4/blob/dev/doc/lz4_Block_format.md">LZ4 Block Format</a>
 */
final class Lz4BlockDecoder {
    private Lz4BlockDecoder() {}

    private static final int MIN_MATCH = 4;

    /**
     * Decodes {@code src[srcStart, srcEnd)} into {@code dst} from {@code dstStart}, never writing at or past
     * {@code dstLimit}; matches may reference {@code dst} back to {@code windowStart}.
     *
     * @param site positions of {@code src} for error messages
     * @return the output position after the block
     */
    static long decode(MemorySegment src, long srcStart, long srcEnd, MemorySegment dst, long windowStart,
                       long dstStart, long dstLimit, Site site) {
        long ip = srcStart;
        long op = dstStart;
        if (ip >= srcEnd) throw site.invalid("empty LZ4 compressed block", ip);
        while (true) {
            if (ip >= srcEnd) throw site.invalid("LZ4 block ends after a match, without its last literals", ip);
            long tokenAt = ip;
            int token = src.get(LE.BYTE, ip++) & 0xFF;

            long literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (ip >= srcEnd) throw site.invalid("LZ4 literal length runs past the end of the block", ip);
                    b = src.get(LE.BYTE, ip++) & 0xFF;
                    literals += b;
                } while (b == 255);
            }
            if (literals > srcEnd - ip) {
                throw site.invalid("LZ4 literal run of " + literals + " bytes runs past the end of the block", tokenAt);
            }
            if (literals > dstLimit - op) {
                throw site.invalid("LZ4 literals overflow the declared uncompressed length", tokenAt);
            }
            MemorySegment.copy(src, ip, dst, op, literals);
            ip += literals;
            op += literals;
            if (ip == srcEnd) return op;

            if (srcEnd - ip < 2) throw site.invalid("LZ4 match offset truncated", ip);
            int offset = src.get(LE.SHORT, ip) & 0xFFFF;
            if (offset == 0) throw site.invalid("LZ4 match offset 0", ip);
            if (offset > op - windowStart) {
                throw site.invalid("LZ4 match offset " + offset + " reaches before the start of the data", ip);
            }
            ip += 2;
            long matchLength = token & 15;
            if (matchLength == 15) {
                int b;
                do {
                    if (ip >= srcEnd) throw site.invalid("LZ4 match length runs past the end of the block", ip);
                    b = src.get(LE.BYTE, ip++) & 0xFF;
                    matchLength += b;
                } while (b == 255);
            }
            matchLength += MIN_MATCH;
            if (matchLength > dstLimit - op) {
                throw site.invalid("LZ4 match overflows the declared uncompressed length", tokenAt);
            }
            op = copyMatch(dst, op, offset, matchLength);
        }
    }

    /** Copies {@code length} bytes from {@code offset} back, repeating the pattern when they overlap. */
    private static long copyMatch(MemorySegment dst, long op, int offset, long length) {
        long from = op - offset;
        if (offset >= length) {
            MemorySegment.copy(dst, from, dst, op, length);
            return op + length;
        }
        if (offset == 1) {
            dst.asSlice(op, length).fill(dst.get(LE.BYTE, from));
            return op + length;
        }
        // The bytes from 'from' are periodic with period 'offset': copy ever larger whole periods.
        long end = op + length;
        while (op < end) {
            long n = Math.min(end - op, op - from);
            MemorySegment.copy(dst, from, dst, op, n);
            op += n;
        }
        return op;
    }
}
