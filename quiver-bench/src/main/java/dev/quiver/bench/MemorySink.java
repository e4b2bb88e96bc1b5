package dev.quiver.bench;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * Where both libraries write "to memory": a channel appending to one growable byte array, reusable after
 * {@link #reset()} so that steady-state writes neither grow nor allocate it. Closing it does nothing.
 */
final class MemorySink implements WritableByteChannel {
    private byte[] bytes;
    private int size;

    MemorySink(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        if (bytes.length - size < n) {
            long want = Math.max((long) bytes.length * 2, (long) size + n);
            if (want > Integer.MAX_VALUE - 8) throw new IllegalStateException("memory sink over 2 GiB");
            bytes = Arrays.copyOf(bytes, (int) want);
        }
        src.get(bytes, size, n);
        size += n;
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {}
}
