package dev.quiver.ipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * The bounded pool on which buffers are compressed and decompressed in parallel: one worker per core, at
 * most {@value #MAX_THREADS}, daemon threads created on first use and shared by all readers and writers.
 * Only buffers of at least {@value #MIN_PARALLEL_BYTES} bytes go to the pool; smaller ones cost more to hand
 * over than to compress.
 */
final class CodecPool {
    static final int MAX_THREADS = 8;
    static final long MIN_PARALLEL_BYTES = 256 * 1024;

    private static final Thread PROBE = new Thread(() -> {});

    private static final class Holder {
        static final CodecPool SHARED = new CodecPool(new ForkJoinPool(
                Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()),
                ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false));
    }

    private final ForkJoinPool pool;

    private CodecPool(ForkJoinPool pool) {
        this.pool = pool;
    }

    /** Threads the pool runs: one per core, at most {@value #MAX_THREADS}. */
    static int threads() {
        return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    }

    /** The shared pool, or null when this machine has a single core (nothing to gain). */
    static CodecPool shared() {
        return Runtime.getRuntime().availableProcessors() > 1 ? Holder.SHARED : null;
    }

    boolean worthIt(MemorySegment buffer) {
        return worthIt(buffer.byteSize());
    }

    boolean worthIt(long bytes) {
        return bytes >= MIN_PARALLEL_BYTES;
    }

    <T> CompletableFuture<T> submit(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, pool);
    }

    /** The result of a task, with the task's own exception (not a {@link CompletionException}) on failure. */
    static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /**
     * Waits for every task that is not null, ignoring their outcome: before the memory they write into is
     * released after a failure elsewhere.
     */
    static void awaitQuietly(Iterable<?> tasks) {
        for (Object o : tasks) {
            if (o instanceof CompletableFuture<?> f) f.handle((v, e) -> null).join();
        }
    }

    /** True when a thread other than the caller may access the segment (not from a confined arena). */
    static boolean shareable(MemorySegment s) {
        return s.isAccessibleBy(PROBE);
    }

    static boolean shareable(Arena a) {
        return a.allocate(0).isAccessibleBy(PROBE);
    }
}
