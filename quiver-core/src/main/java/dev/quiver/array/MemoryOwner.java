package dev.quiver.array;

import dev.quiver.memory.ReclaimableArena;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The memory of one reader: the arena it owns (a file's mapping, or its bytes read into memory), and the
 * memory it allocated for batches and dictionaries, which it tracks so that closing the reader releases all of
 * it. Closing the owner closes its arena and every tracked arena still open, and every batch borrowing from it
 * then refuses access with an {@link IllegalStateException}, so nothing can read freed memory.
 *
 * <p>Tracking is weak for {@linkplain ReclaimableArena#isReclaimable() reclaimable} arenas: a batch the user
 * drops without closing it (and its arena, once no column of it is reachable) is reclaimed by the garbage
 * collector, not kept alive by its reader. The owner holds no reference to the batches themselves: a batch
 * asks its owner whether it was closed.
 */
public final class MemoryOwner implements AutoCloseable {
    private final Arena arena;
    private final Map<Arena, Boolean> weak = new WeakHashMap<>();
    private final Set<Arena> strong = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile boolean closed;
    private int pins;              // guarded by this
    private boolean closePending;  // closed while pinned: the memory is freed when the last pin goes

    /**
     * Keeps this owner's memory from being freed until the returned action runs (once; later runs do nothing): a
     * {@link #close()} meanwhile makes every batch refuse access at once, as usual, but frees the memory only when the
     * last pin goes. For memory that code outside Java reads (an export through the C Data Interface).
     *
     * @throws IllegalStateException if this owner is closed
     */
    public Runnable pin() {
        synchronized (this) {
            if (closed) throw new IllegalStateException("the reader is closed");
            pins++;
        }
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (!once.compareAndSet(false, true)) return;
            boolean free;
            synchronized (this) {
                pins--;
                free = pins == 0 && closePending;
                if (free) closePending = false;
            }
            if (free) freeAll();
        };
    }

    /** @param arena the arena this owner closes (may be null when it owns no arena itself) */
    public MemoryOwner(Arena arena) {
        this.arena = arena;
    }

    /**
     * Closes {@code memory} with this owner (unless it was closed before). Call it once the memory is complete
     * (decoded), just before handing it out: until then it belongs to the decoding call alone.
     *
     * @throws IllegalStateException if this owner is already closed; {@code memory} is then closed too
     */
    public void track(Arena memory) {
        synchronized (this) {
            if (!closed) {
                if (memory instanceof ReclaimableArena r && r.isReclaimable()) weak.put(memory, Boolean.TRUE);
                else strong.add(memory);
                return;
            }
        }
        closeQuietly(memory);
        throw new IllegalStateException("the reader is closed");
    }

    /** Stops tracking {@code memory} (closed by its batch). */
    public void untrack(Arena memory) {
        synchronized (this) {
            weak.remove(memory);
            strong.remove(memory);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes every tracked arena still open, then this owner's own arena (once no {@link #pin()} is left).
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            if (pins > 0) {
                closePending = true;
                return;
            }
        }
        freeAll();
    }

    private void freeAll() {
        List<Arena> open;
        synchronized (this) {
            open = new ArrayList<>(weak.keySet());
            open.addAll(strong);
            weak.clear();
            strong.clear();
        }
        for (Arena a : open) closeQuietly(a);
        if (arena != null) arena.close();
    }

    private static void closeQuietly(Arena a) {
        try {
            a.close();
        } catch (IllegalStateException alreadyClosed) {
            // closed by its batch meanwhile
        }
    }
}
