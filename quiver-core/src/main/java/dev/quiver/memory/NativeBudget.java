package dev.quiver.memory;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the native bytes held by {@link ReclaimableArena}s, frees those of arenas the collector found
 * unreachable, and, since the collector does not see native memory, nudges it when the bytes held outgrow a
 * bound (as the JDK does for direct buffers): when an allocation brings the total above the threshold, that
 * thread runs {@code System.gc()} and itself frees every arena the collection found unreachable (until none is
 * reported for a moment); the threshold then becomes twice what is still held (at least the floor), so memory
 * that is really in use does not cause a collection per allocation. Allocation never fails here: the nudge only
 * gives dropped batches the chance to go first. Between nudges a daemon thread frees what ordinary collections
 * find.
 *
 * <p>The floor is a quarter of the maximum heap, between 8 MiB and 256 MiB; the system property
 * {@code quiver.memory.gcThreshold} (bytes) overrides it.
 */
final class NativeBudget {
    private NativeBudget() {}

    static final long FLOOR = floor();
    /** A collection's unreachable arenas are all reported once none came for this long. */
    private static final long QUIET_MILLIS = 10;
    /** How long a nudge waits at most for the collection's references to reach the queues. */
    private static final long SENTINEL_MILLIS = 2_000;

    private static final AtomicLong HELD = new AtomicLong();
    private static final ReentrantLock NUDGING = new ReentrantLock();
    private static final ReferenceQueue<ReclaimableArena> UNREACHABLE = new ReferenceQueue<>();
    /** The references themselves must stay reachable until they are processed. */
    private static final Set<Tracked> TRACKED = ConcurrentHashMap.newKeySet();
    private static volatile long threshold = FLOOR;
    private static volatile long nudges;

    static {
        Thread freer = new Thread(NativeBudget::freeForever, "quiver-memory-freer");
        freer.setDaemon(true);
        freer.start();
    }

    /** Frees an arena's blocks when the collector finds the arena unreachable, unless {@link #forget} first. */
    static final class Tracked extends PhantomReference<ReclaimableArena> {
        private final NativeBlocks blocks;

        private Tracked(ReclaimableArena arena, NativeBlocks blocks) {
            super(arena, UNREACHABLE);
            this.blocks = blocks;
        }

        /** The arena was closed (its blocks freed): nothing left to do. */
        void forget() {
            if (TRACKED.remove(this)) clear();
        }

        private void reclaim() {
            if (TRACKED.remove(this)) blocks.free();
        }
    }

    private static long floor() {
        Long configured = Long.getLong("quiver.memory.gcThreshold");
        if (configured != null && configured > 0) return configured;
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        return Math.max(8L << 20, Math.min(256L << 20, quarter));
    }

    static Tracked track(ReclaimableArena arena, NativeBlocks blocks) {
        Tracked t = new Tracked(arena, blocks);
        TRACKED.add(t);
        return t;
    }

    /** Native bytes held by reclaimable arenas now. */
    static long held() {
        return HELD.get();
    }

    /** How many times the collector was nudged so far. */
    static long nudges() {
        return nudges;
    }

    /** Counts {@code bytes} about to be allocated; may nudge the collector first. */
    static void reserve(long bytes) {
        long total = HELD.addAndGet(bytes);
        if (total > threshold) nudge();
    }

    /** Counts {@code bytes} freed. */
    static void release(long bytes) {
        HELD.addAndGet(-bytes);
    }

    private static void nudge() {
        if (!NUDGING.tryLock()) return; // another thread is already at it
        try {
            if (HELD.get() <= threshold) return;
            nudges++;
            // The collector hands what it found to the reference handler thread, which queues it later (on a
            // loaded machine, many milliseconds later): wait until a reference made unreachable just before the
            // collection is queued, so that waiting for a quiet moment does not end before the queue filled.
            ReferenceQueue<Object> collected = new ReferenceQueue<>();
            PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), collected);
            System.gc();
            try {
                collected.remove(SENTINEL_MILLIS);
                Reference.reachabilityFence(sentinel);
                for (Reference<? extends ReclaimableArena> r; (r = UNREACHABLE.remove(QUIET_MILLIS)) != null; ) {
                    ((Tracked) r).reclaim();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            threshold = Math.max(FLOOR, 2 * HELD.get());
        } finally {
            NUDGING.unlock();
        }
    }

    private static void freeForever() {
        while (true) {
            try {
                ((Tracked) UNREACHABLE.remove()).reclaim();
            } catch (InterruptedException e) {
                // a daemon: keep going
            } catch (Throwable e) {
                // never let one failure stop the freeing of everything else
            }
        }
    }
}
