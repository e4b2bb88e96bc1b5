package dev.quiver.cdata;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory of one imported structure: the producer's buffers seen through segments of a shared arena, and the
 * structure itself, moved into memory of ours (as the specification allows) so that the producer's release callback
 * can be called on it later. The callback is called exactly once: when this arena is closed (after its segments
 * became inaccessible on every thread), or, when nobody closes it, by a cleaner once no segment of it is reachable
 * (a segment refers to the arena's scope, the scope to a close action, that to this object).
 */
final class ImportedArena implements Arena {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final Arena session = Arena.ofShared();
    private final Cleaner.Cleanable cleanable;

    /** Calls the producer's release on the moved structure; refers to nothing that keeps the arena alive. */
    private static final class Release implements Runnable {
        private final MemorySegment struct;
        private final long releaseOffset;

        Release(MemorySegment struct, long releaseOffset) {
            this.struct = struct;
            this.releaseOffset = releaseOffset;
        }

        @Override
        public void run() {
            OPEN.decrementAndGet();
            try {
                CStructs.callRelease(struct, releaseOffset);
            } catch (RuntimeException ignored) {
                // the producer's callback failed: nothing left to do on our side
            }
        }
    }

    /**
     * Moves the structure at {@code source} into memory of ours and marks the source released (its release member
     * set to null, without calling it).
     */
    ImportedArena(MemorySegment source, StructLayout layout, long releaseOffset) {
        MemorySegment moved = Arena.ofAuto().allocate(layout);
        moved.copyFrom(source.reinterpret(layout.byteSize()));
        CStructs.setPtr(source.reinterpret(layout.byteSize()), releaseOffset, 0);
        this.moved = moved;
        OPEN.incrementAndGet();
        this.cleanable = CLEANER.register(this, new Release(moved, releaseOffset));
        // the keep-alive chain: segment -> scope -> this close action -> this arena
        MemorySegment.NULL.reinterpret(0, session, ignored -> this.sessionClosed());
    }

    private final MemorySegment moved;

    /** The structure, moved. */
    MemorySegment struct() {
        return moved;
    }

    /** Imports not released yet (for tests). */
    static int open() {
        return OPEN.get();
    }

    /** {@code size} bytes of the producer's memory at {@code address}, readable while this arena is open. */
    MemorySegment view(long address, long size) {
        return MemorySegment.ofAddress(address).reinterpret(size, session, null);
    }

    private void sessionClosed() {
        cleanable.clean();
    }

    @Override
    public MemorySegment.Scope scope() {
        return session.scope();
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        return session.allocate(byteSize, byteAlignment);
    }

    /** Makes every segment inaccessible, then calls the producer's release. Idempotent. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (IllegalStateException alreadyClosed) {
            if (session.scope().isAlive()) throw alreadyClosed; // in use by another thread
        }
    }
}
