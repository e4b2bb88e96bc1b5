package dev.quiver.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel that first hands back the bytes already read from it to tell what it holds, then reads on: an
 * input that can be read only once (a pipe) is peeked at without being read twice. It is never seekable,
 * whatever the channel below, so readers do not take a pipe's size (0) for what remains.
 */
final class PeekedChannel implements ReadableByteChannel {
    private final ByteBuffer head;
    private final ReadableByteChannel rest;

    PeekedChannel(byte[] head, ReadableByteChannel rest) {
        this.head = ByteBuffer.wrap(head);
        this.rest = rest;
    }

    /** Reads up to {@code n} bytes of {@code channel} (fewer only at its end) into a new array. */
    static byte[] peek(ReadableByteChannel channel, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining() && channel.read(b) >= 0) {
            // a pipe may hand over fewer bytes than asked
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (head.hasRemaining()) {
            int n = Math.min(head.remaining(), dst.remaining());
            dst.put(dst.position(), head, head.position(), n);
            head.position(head.position() + n);
            dst.position(dst.position() + n);
            return n;
        }
        return rest.read(dst);
    }

    @Override
    public boolean isOpen() {
        return rest.isOpen();
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
