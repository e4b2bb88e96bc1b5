package dev.quiver.compress;

import dev.quiver.memory.ReclaimableArena;

import java.lang.foreign.MemorySegment;

/**
 * Native memory private to one thread, where the codecs copy the bytes a native library is about to read when
 * those bytes live in memory another thread could free or unmap, or that a file could shrink under (see
 * {@link Segments#nativeMayRead}): the native code then reads only this copy, and a change to the original
 * surfaces in the Java copy as an exception (an {@link IllegalStateException} for a closed arena, an
 * {@link InternalError} for a truncated mapping), never as a crash. Not zero-filled.
 *
 * <pre>{@code
 * try (Scratch s = Scratch.borrow(n)) { MemorySegment m = s.segment(); ... }
 * }</pre>
 *
 * Each thread keeps one buffer of up to {@value #RETAINED} bytes for reuse; larger requests get memory of
 * their own, freed when the borrow ends. Confined to the thread: freeing needs no handshake with other threads,
 * and the memory of a thread that ends is reclaimed by the garbage collector.
 */
final class Scratch implements AutoCloseable {
    /** Enough for the largest LZ4 block (4 MiB) with its checksum. */
    static final long RETAINED = (4L << 20) + 64;

    private static final ThreadLocal<Scratch> LOCAL = new ThreadLocal<>();

    private ReclaimableArena arena;
    private MemorySegment buffer;
    private final boolean kept;
    private boolean inUse;

    private Scratch(long size, boolean kept) {
        this.kept = kept;
        grow(size);
    }

    private void grow(long size) {
        if (arena != null) arena.close();
        arena = ReclaimableArena.ofConfined();
        buffer = arena.allocateUninitialized(Math.max(size, 1), 64);
    }

    /** Private memory of at least {@code size} bytes until {@link #close()}. */
    static Scratch borrow(long size) {
        Scratch s = LOCAL.get();
        if (size > RETAINED || (s != null && s.inUse)) return new Scratch(size, false);
        if (s == null) {
            s = new Scratch(Math.max(size, 64 << 10), true);
            LOCAL.set(s);
        } else if (s.buffer.byteSize() < size) {
            s.grow(Math.min(RETAINED, Math.max(size, 2 * s.buffer.byteSize())));
        }
        s.inUse = true;
        return s;
    }

    /** The borrowed memory (at least the size asked for). */
    MemorySegment segment() {
        return buffer;
    }

    /** A copy of {@code src[offset, offset + length)} at the start of this memory. */
    MemorySegment copyOf(MemorySegment src, long offset, long length) {
        MemorySegment.copy(src, offset, buffer, 0, length);
        return buffer.asSlice(0, length);
    }

    @Override
    public void close() {
        if (kept) {
            inUse = false;
        } else {
            arena.close();
        }
    }
}
