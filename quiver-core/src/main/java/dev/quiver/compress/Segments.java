package dev.quiver.compress;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** Bridges from segments to the ByteBuffer and array APIs of the native compression libraries. */
final class Segments {
    private Segments() {}

    /**
     * A little-endian-agnostic ByteBuffer view of {@code seg[offset, offset + length)}, or null when the
     * segment cannot be viewed as one (a heap segment over an array other than byte[], or more than 2 GiB).
     */
    static ByteBuffer view(MemorySegment seg, long offset, long length) {
        if (length > Integer.MAX_VALUE) return null;
        try {
            return seg.asSlice(offset, length).asByteBuffer();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }
}
