package dev.quiver.memory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the native bytes held by {@link ReclaimableArena}s and, since the garbage collector does not see native
 * memory, nudges it when they outgrow a bound (as the JDK does for direct buffers): when an allocation brings
 * the total above the threshold, one thread runs {@code System.gc()} and waits briefly while the cleaner frees
 * what the collection found unreachable; the threshold then becomes twice what is still held (at least the
 * floor), so memory that is really in use does not cause a collection per allocation. Allocation never fails
 * here: the nudge only gives dropped batches a chance to go first.
 *
 * <p>The floor is a quarter of the maximum heap, between 8 MiB and 256 MiB; the system property
 * {@code quiver.memory.gcThreshold} (bytes) overrides it.
 */
final class NativeBudget {
    private NativeBudget() {}

    static final long FLOOR = floor();
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long QUIET_MILLIS = 5;

    private static final AtomicLong HELD = new AtomicLong();
    private static final ReentrantLock NUDGING = new ReentrantLock();
    private static final Object FREED = new Object();
    private static volatile long threshold = FLOOR;
    private static volatile boolean waiting;
    private static long frees; // guarded by FREED
    private static long nudges;

    private static long floor() {
        Long configured = Long.getLong("quiver.memory.gcThreshold");
        if (configured != null && configured > 0) return configured;
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        return Math.max(8L << 20, Math.min(256L << 20, quarter));
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
        if (waiting) {
            synchronized (FREED) {
                frees++;
                FREED.notifyAll();
            }
        }
    }

    private static void nudge() {
        if (!NUDGING.tryLock()) return; // another thread is already at it
        try {
            if (HELD.get() <= threshold) return;
            nudges++;
            waiting = true;
            System.gc();
            // wait while the cleaner frees what the collection found unreachable: until it has been quiet a moment
            long deadline = System.nanoTime() + MAX_WAIT_NANOS;
            synchronized (FREED) {
                try {
                    long seen = -1;
                    while (seen != frees && System.nanoTime() < deadline) {
                        seen = frees;
                        FREED.wait(QUIET_MILLIS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    waiting = false;
                }
            }
            threshold = Math.max(FLOOR, 2 * HELD.get());
        } finally {
            NUDGING.unlock();
        }
    }
}
