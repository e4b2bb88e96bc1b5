package dev.quiver.memory;

import java.util.Arrays;

/**
 * The native blocks of one {@link ReclaimableArena}: freed once, by whoever comes first, the arena's close or
 * the collector's report that the arena became unreachable. Thread-safe.
 */
final class NativeBlocks {
    private long[] addresses = new long[4];
    private long bytes;
    private int count;
    private boolean freed;

    /** Adds a block; when the arena was freed meanwhile, frees the block at once and throws. */
    synchronized void add(long address, long size) {
        if (freed) {
            NativeHeap.free(address);
            NativeBudget.release(size);
            throw new IllegalStateException("Already closed");
        }
        if (count == addresses.length) addresses = Arrays.copyOf(addresses, count * 2);
        addresses[count++] = address;
        bytes += size;
    }

    /** Frees every block (once). */
    void free() {
        long released;
        synchronized (this) {
            if (freed) return;
            freed = true;
            for (int i = 0; i < count; i++) NativeHeap.free(addresses[i]);
            released = bytes;
            addresses = null;
        }
        NativeBudget.release(released);
    }
}
