package dev.quiver.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An arena that is freed either when it is {@linkplain #close() closed} (deterministically, as a shared arena
 * is) or, when nobody closes it, by the garbage collector once none of its segments is reachable any more.
 * Readers put each batch's own memory (decompressed buffers, bodies read from a channel) and each dictionary
 * in one: a batch the user drops without closing it is reclaimed, while a column kept after its batch was
 * dropped stays valid, because every segment keeps its arena alive.
 *
 * <p>How: the memory comes from the C library ({@link NativeHeap}) and is viewed through segments of a shared
 * (or confined) JDK arena, whose close action refers back to this object. A segment refers to its arena's
 * scope, the scope to its close actions, those to this arena, so this arena is unreachable exactly when no
 * segment of it is; a phantom reference then has the memory freed ({@link NativeBudget}). {@link #close()}
 * closes the JDK arena first (every segment becomes inaccessible, on every thread, with an
 * {@link IllegalStateException}), then frees the memory. Memory is never freed while a segment can still reach
 * it, so no access, on any path, reads freed memory.
 *
 * <p>The bytes these arenas hold are counted, and an allocation that brings the total above a bound nudges the
 * garbage collector first (see {@link #reclaimableBytes()}): the collector does not see native memory, so
 * without the nudge dropped batches could pile up unnoticed behind a small heap.
 *
 * <p>Where the C library cannot be called (native access denied), the arena falls back to a plain JDK arena:
 * closing still frees everything, but dropped memory is only freed when its owner closes.
 *
 * <p>{@link #close()} is idempotent (a reader and a batch may both close the same arena). Allocation is
 * thread-safe for shared arenas.
 */
public final class ReclaimableArena implements Arena {
    /** malloc's own alignment on 64-bit platforms. */
    private static final long MALLOC_ALIGNMENT = 16;

    private final Arena session;
    private final NativeBlocks blocks;
    private volatile NativeBudget.Tracked tracked;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ReclaimableArena(Arena session, NativeBlocks blocks) {
        this.session = session;
        this.blocks = blocks;
    }

    private static ReclaimableArena create(Arena session) {
        if (!NativeHeap.AVAILABLE) return new ReclaimableArena(session, null);
        NativeBlocks blocks = new NativeBlocks();
        ReclaimableArena a = new ReclaimableArena(session, blocks);
        // the keep-alive chain: segment -> scope -> this close action -> the arena
        MemorySegment.NULL.reinterpret(0, session, ignored -> a.sessionClosed());
        a.tracked = NativeBudget.track(a, blocks);
        return a;
    }

    /** An arena whose segments any thread may access. */
    public static ReclaimableArena ofShared() {
        return create(Arena.ofShared());
    }

    /** An arena whose segments only the calling thread may access (closing it needs no handshake). */
    public static ReclaimableArena ofConfined() {
        return create(Arena.ofConfined());
    }

    /** Whether the garbage collector frees this arena when it is dropped (false in the fallback). */
    public boolean isReclaimable() {
        return blocks != null;
    }

    /** Native bytes held now by reclaimable arenas, closed or dropped ones excepted. */
    public static long reclaimableBytes() {
        return NativeBudget.held();
    }

    /** How often allocation nudged the garbage collector so far (for tests and benchmarks). */
    public static long collectorNudges() {
        return NativeBudget.nudges();
    }

    @Override
    public MemorySegment.Scope scope() {
        return session.scope();
    }

    /** Zero-filled memory (as JDK arenas give). */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        return allocate(byteSize, byteAlignment, true);
    }

    /** Memory that is not zero-filled: for callers that overwrite every byte before anyone reads it. */
    public MemorySegment allocateUninitialized(long byteSize, long byteAlignment) {
        return allocate(byteSize, byteAlignment, false);
    }

    /**
     * Memory from {@code allocator} that its caller overwrites completely: not zero-filled when the allocator is a
     * reclaimable arena.
     */
    public static MemorySegment allocateUninitialized(SegmentAllocator allocator, long byteSize, long byteAlignment) {
        return allocator instanceof ReclaimableArena r ? r.allocateUninitialized(byteSize, byteAlignment)
                : allocator.allocate(byteSize, byteAlignment);
    }

    private MemorySegment allocate(long byteSize, long byteAlignment, boolean zero) {
        if (byteSize < 0) throw new IllegalArgumentException("negative size " + byteSize);
        if (byteAlignment <= 0 || (byteAlignment & (byteAlignment - 1)) != 0) {
            throw new IllegalArgumentException("alignment " + byteAlignment + " is not a power of two");
        }
        if (blocks == null || byteSize == 0) return session.allocate(byteSize, byteAlignment);
        if (closed.get()) throw new IllegalStateException("Already closed");
        long extra = byteAlignment > MALLOC_ALIGNMENT ? byteAlignment - 1 : 0;
        if (byteSize > Long.MAX_VALUE - extra - 1) throw new OutOfMemoryError("cannot allocate " + byteSize + " bytes");
        long rawSize = Math.max(1, byteSize + extra);
        NativeBudget.reserve(rawSize);
        long raw = NativeHeap.allocate(rawSize, zero);
        if (raw == 0) {
            NativeBudget.release(rawSize);
            throw new OutOfMemoryError("cannot allocate " + byteSize + " bytes of native memory");
        }
        blocks.add(raw, rawSize); // frees raw and throws if the arena was freed meanwhile
        long address = (raw + byteAlignment - 1) & -byteAlignment;
        try {
            return MemorySegment.ofAddress(address).reinterpret(byteSize, session, null);
        } finally {
            // until the segment refers to the session, only this frame keeps this arena (and the block) alive
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Closes the arena: its segments become inaccessible to every thread, then its memory is freed. Does
     * nothing when already closed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            session.close(); // then the close action frees the blocks
        } catch (RuntimeException e) {
            closed.set(false); // a confined arena closed by another thread: nothing changed
            throw e;
        }
        NativeBudget.Tracked t = tracked;
        if (t != null) t.forget();
    }

    private void sessionClosed() {
        blocks.free();
    }
}
