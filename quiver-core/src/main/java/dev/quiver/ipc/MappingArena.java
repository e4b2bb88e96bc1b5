package dev.quiver.ipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared arena a file's mapping lives in, whose {@link #close()} unmaps on a background thread instead of the
 * caller's. Closing a shared arena is a handshake with every thread of the JVM (so that none is still reading
 * the memory), about 90 µs on a loaded 2-core machine: the largest part of opening a file, reading one batch
 * and closing it. The caller marks its reader closed first, so every reader and batch method refuses access
 * at once ({@link IllegalStateException}); an array still held reads the mapping until the background close
 * has run (microseconds later), then refuses too. The mapping is never freed while anyone reads it, whichever
 * thread closes it: nothing can crash.
 *
 * <p>One daemon thread, {@code quiver-unmap}, started on first use, closes the arenas in order. At most
 * {@value #MAX_PENDING} wait; beyond that the caller closes its own (so a loop opening and closing faster than
 * unmapping is slowed to the unmapping speed, not left with mappings piling up).
 */
final class MappingArena implements Arena {
    static final int MAX_PENDING = 256;

    private static final class Unmapper {
        static final BlockingQueue<Arena> QUEUE = new ArrayBlockingQueue<>(MAX_PENDING);

        static {
            Thread t = new Thread(Unmapper::run, "quiver-unmap");
            t.setDaemon(true);
            t.start();
        }

        private static void run() {
            while (true) {
                Arena a;
                try {
                    a = QUEUE.take();
                } catch (InterruptedException e) {
                    continue;
                }
                closeNow(a);
            }
        }
    }

    private final Arena arena = Arena.ofShared();
    private final boolean background;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MappingArena(boolean background) {
        this.background = background;
    }

    /** The arena for a mapping: unmapped in the background when the options say so, else a plain shared arena. */
    static Arena create(IpcReadOptions options) {
        return options.backgroundUnmap() ? new MappingArena(true) : Arena.ofShared();
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        return arena.allocate(byteSize, byteAlignment);
    }

    @Override
    public MemorySegment.Scope scope() {
        return arena.scope();
    }

    /** Hands the arena to the unmapping thread (or closes it when too many wait). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (!background || !Unmapper.QUEUE.offer(arena)) closeNow(arena);
    }

    /** Whether {@link #close()} was called (the memory may still be mapped until the unmapping thread ran). */
    boolean isClosed() {
        return closed.get();
    }

    private static void closeNow(Arena a) {
        try {
            a.close();
        } catch (IllegalStateException e) {
            // already closed; or, were its memory ever passed to native code by reference (Quiver never does),
            // kept alive by that call: the collector frees it once unreachable
        }
    }
}
