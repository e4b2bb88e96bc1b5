package dev.quiver.ipc;

import dev.quiver.memory.ReclaimableArena;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ByteSource} over a channel. When the channel knows its size (a file), a read of {@code n} bytes
 * allocates exactly what remains of {@code n} in the file; otherwise memory grows as bytes arrive (doubling
 * from 64 KiB), so a declared length that the input does not back allocates at most twice what was received.
 */
final class ChannelSource implements ByteSource {
    private static final int FIRST_CHUNK = 64 << 10;
    private final ReadableByteChannel channel;
    private final boolean closeChannel;
    private long pos;

    ChannelSource(ReadableByteChannel channel, boolean closeChannel) {
        this.channel = channel;
        this.closeChannel = closeChannel;
    }

    @Override public long position() { return pos; }

    @Override
    public int readSmall(byte[] dst, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(dst, 0, n);
        while (bb.hasRemaining()) {
            if (channel.read(bb) < 0) break;
        }
        pos += bb.position();
        return bb.position();
    }

    @Override
    public MemorySegment read(long n, Arena arena) throws IOException {
        long known = remainingIfKnown();
        if (known >= 0) {
            long k = Math.min(n, known);
            MemorySegment dst = allocate(arena, k);
            long got = fill(dst);
            return got == k ? dst : dst.asSlice(0, got);
        }
        // Unknown size: grow as the bytes arrive.
        List<MemorySegment> chunks = new ArrayList<>();
        long total = 0;
        long chunk = Math.min(n, FIRST_CHUNK);
        while (total < n) {
            long want = Math.min(chunk, n - total);
            MemorySegment c = MemorySegment.ofArray(new byte[(int) want]);
            long got = fill(c);
            total += got;
            chunks.add(got == want ? c : c.asSlice(0, got));
            if (got < want) break;
            chunk = Math.min(chunk * 2, 1L << 30);
        }
        if (chunks.size() == 1 && arena == null) return chunks.get(0);
        MemorySegment dst = allocate(arena, total);
        long at = 0;
        for (MemorySegment c : chunks) {
            MemorySegment.copy(c, 0, dst, at, c.byteSize());
            at += c.byteSize();
        }
        return dst;
    }

    private long remainingIfKnown() {
        if (channel instanceof SeekableByteChannel s) {
            try {
                return Math.max(0, s.size() - s.position());
            } catch (IOException e) {
                return -1;
            }
        }
        return -1;
    }

    private static MemorySegment allocate(Arena arena, long n) {
        // filled before anyone reads it: not zero-filled
        if (arena != null) return ReclaimableArena.allocateUninitialized(arena, Math.max(n, 1), 64).asSlice(0, n);
        if (n > Integer.MAX_VALUE - 16) {
            throw new dev.quiver.LimitExceededException("a heap buffer cannot hold " + n + " bytes");
        }
        return MemorySegment.ofArray(new byte[(int) n]);
    }

    /** Reads until {@code dst} is full or the input ends; returns the bytes read. */
    private long fill(MemorySegment dst) throws IOException {
        long done = 0;
        long size = dst.byteSize();
        while (done < size) {
            int step = (int) Math.min(size - done, 1 << 30);
            ByteBuffer bb = dst.asSlice(done, step).asByteBuffer();
            int r = 0;
            while (bb.hasRemaining() && (r = channel.read(bb)) >= 0) {
                // keep reading
            }
            done += bb.position();
            if (r < 0) break;
        }
        pos += done;
        return done;
    }

    @Override public boolean isMemory() { return false; }

    @Override
    public void close() throws IOException {
        if (closeChannel) channel.close();
    }
}
