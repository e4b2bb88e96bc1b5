package dev.quiver.compress;

import dev.quiver.memory.LE;

import java.lang.foreign.MemorySegment;

/**
 * Reads the content size from the header of the first Zstandard frame (RFC 8878 §3.1.1.1), without
 * trusting it: callers only use it to choose how to allocate.
 */
final class ZstdFrameHeader {
    private ZstdFrameHeader() {}

    static final int MAGIC = 0xFD2FB528;
    static final long UNKNOWN = -1;

    /**
     * The Frame_Content_Size of the frame at the start of {@code in} (unsigned; a value that does not fit a
     * long is returned as {@link Long#MAX_VALUE}), or {@link #UNKNOWN} when the frame does not record it or
     * the bytes are not a complete zstd frame header.
     */
    static long contentSize(MemorySegment in) {
        long n = in.byteSize();
        if (n < 5 || in.get(LE.INT, 0) != MAGIC) return UNKNOWN;
        int fhd = in.get(LE.BYTE, 4) & 0xFF;
        int fcsFlag = fhd >>> 6;
        boolean singleSegment = (fhd & 0x20) != 0;
        int dictIdFlag = fhd & 3;
        long p = 5 + (singleSegment ? 0 : 1) + (dictIdFlag == 3 ? 4 : dictIdFlag);
        int fcsSize = fcsFlag == 0 ? (singleSegment ? 1 : 0) : 1 << fcsFlag;
        if (fcsSize == 0 || p + fcsSize > n) return UNKNOWN;
        return switch (fcsSize) {
            case 1 -> in.get(LE.BYTE, p) & 0xFF;
            case 2 -> (in.get(LE.SHORT, p) & 0xFFFF) + 256;
            case 4 -> in.get(LE.INT, p) & 0xFFFF_FFFFL;
            default -> {
                long v = in.get(LE.LONG, p);
                yield v < 0 ? Long.MAX_VALUE : v;
            }
        };
    }
}
