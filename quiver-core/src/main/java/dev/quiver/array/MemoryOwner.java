package dev.quiver.array;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Owner of memory that batches borrow: a reader's mapping or buffers. Closing the owner closes its arena and
 * every batch still borrowing from it, so nothing can read freed memory without an
 * {@link IllegalStateException}.
 */
public final class MemoryOwner implements AutoCloseable {
    private Arena arena;
    private final boolean lazy;
    private final Set<RecordBatch> borrowers = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    /** @param arena the arena this owner closes (may be null when it owns no arena itself) */
    public MemoryOwner(Arena arena) {
        this.arena = arena;
        this.lazy = false;
    }

    private MemoryOwner() {
        this.lazy = true;
    }

    /**
     * An owner whose shared arena is created on the first call to {@link #arena()}: readers of bytes already in
     * memory need one only for decoded dictionaries, and closing a shared arena costs a handshake with every
     * thread, so a reader that never needs one does not pay for it.
     */
    public static MemoryOwner lazilyShared() {
        return new MemoryOwner();
    }

    /** The arena owned here; valid until {@link #close()}. */
    public synchronized Arena arena() {
        if (lazy) {
            if (closed) throw new IllegalStateException("the reader is closed");
            if (arena == null) arena = Arena.ofShared();
        }
        return arena;
    }

    synchronized void register(RecordBatch batch) {
        if (closed) throw new IllegalStateException("the reader is closed");
        borrowers.add(batch);
    }

    synchronized void unregister(RecordBatch batch) {
        borrowers.remove(batch);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        List<RecordBatch> open;
        synchronized (this) {
            if (closed) return;
            closed = true;
            open = new ArrayList<>(borrowers);
            borrowers.clear();
        }
        for (RecordBatch b : open) b.ownerClosed();
        Arena a;
        synchronized (this) {
            a = arena;
        }
        if (a != null) a.close();
    }
}
