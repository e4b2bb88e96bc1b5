package dev.quiver.compress;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.ByteBuffer;

/** Bridges from segments to the ByteBuffer and array APIs of the native compression libraries. */
final class Segments {
    private Segments() {}

    private static final Thread PROBE = new Thread(() -> {});

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

    /**
     * Whether native code may read {@code seg} in place: memory that no other thread can free or unmap, and no
     * file can shrink under, while the calling thread is inside the native call. That is heap memory (native
     * code gets the pinned array), memory confined to the calling thread, memory of arenas that never close
     * (automatic and global ones, freed only once unreachable), and memory of {@code output}, the arena the
     * decoding call writes into and alone holds. Everything else (mapped files, shared arenas that another
     * thread may close) must be copied into private memory first ({@link Scratch}).
     */
    static boolean nativeMayRead(MemorySegment seg, SegmentAllocator output) {
        if (!seg.isNative()) return true;
        if (seg.isMapped()) return false;
        if (!seg.isAccessibleBy(PROBE)) return seg.isAccessibleBy(Thread.currentThread());
        if (output instanceof Arena a && seg.scope().equals(a.scope())) return true;
        // automatic and global scopes never close; the JDK names no public way to ask, so ask the class
        String scope = seg.scope().getClass().getName();
        return scope.equals("jdk.internal.foreign.ImplicitSession") || scope.equals("jdk.internal.foreign.GlobalSession");
    }
}
