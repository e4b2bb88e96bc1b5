package dev.quiver.ipc;

import dev.quiver.memory.ReclaimableArena;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Collects the {@code target} bytes of one part of a message (metadata or body) as they arrive in chunks.
 * Memory grows with what arrived, never with what was declared: capacity starts at what the first chunk
 * brings (at least {@link #MIN_CAPACITY}, at most {@code target}) and doubles as more arrives, so a length
 * that the input does not back costs at most twice the bytes received. Heap buffers are for metadata;
 * native ones live in an arena of their own that the finished buffer hands over (a record batch then owns
 * exactly its body's memory).
 */
final class GrowingBuffer implements AutoCloseable {
    static final long MIN_CAPACITY = 64 << 10;

    private final long target;
    private final boolean heap;
    private Arena arena;
    private MemorySegment buffer = MemorySegment.ofArray(new byte[0]);
    private long filled;

    GrowingBuffer(long target, boolean heap) {
        if (heap && target > Integer.MAX_VALUE - 16) {
            throw new dev.quiver.LimitExceededException("a heap buffer cannot hold " + target + " bytes");
        }
        this.target = target;
        this.heap = heap;
    }

    long missing() { return target - filled; }

    boolean isComplete() { return filled == target; }

    /** Bytes currently allocated, for tests of the allocation rule. */
    long capacity() { return buffer.byteSize(); }

    /** Copies up to {@link #missing()} bytes from {@code src} at {@code offset}; returns how many were taken. */
    long take(MemorySegment src, long offset) {
        long k = Math.min(missing(), src.byteSize() - offset);
        if (k <= 0) return 0;
        long needed = filled + k;
        if (needed > buffer.byteSize()) grow(needed);
        MemorySegment.copy(src, offset, buffer, filled, k);
        filled += k;
        return k;
    }

    private void grow(long needed) {
        long cap = Math.min(target, Math.max(needed, Math.max(buffer.byteSize() * 2, MIN_CAPACITY)));
        MemorySegment next;
        Arena nextArena = null;
        if (heap) {
            next = MemorySegment.ofArray(new byte[Math.toIntExact(cap)]);
        } else {
            ReclaimableArena grown = ReclaimableArena.ofShared();
            nextArena = grown;
            next = grown.allocateUninitialized(cap, 64); // only the filled part is ever read
        }
        MemorySegment.copy(buffer, 0, next, 0, filled);
        if (arena != null) arena.close();
        arena = nextArena;
        buffer = next;
    }

    /** The collected bytes; call once complete. */
    MemorySegment segment() {
        return buffer.asSlice(0, filled);
    }

    /** Hands the arena holding {@link #segment()} to the caller (null for heap or empty buffers). */
    Arena release() {
        Arena a = arena;
        arena = null;
        return a;
    }

    /** Frees the memory unless it was released. */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }
}
