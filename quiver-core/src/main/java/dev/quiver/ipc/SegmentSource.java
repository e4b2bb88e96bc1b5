package dev.quiver.ipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A {@link ByteSource} over bytes already in memory: reads are zero-copy slices. When it is given the arena
 * of its memory (a mapped file), closing the source closes that arena.
 */
final class SegmentSource implements ByteSource {
    private final MemorySegment data;
    private final Arena owned;
    private long pos;

    SegmentSource(MemorySegment data) {
        this(data, null);
    }

    SegmentSource(MemorySegment data, Arena owned) {
        this.data = data;
        this.owned = owned;
    }

    @Override public long position() { return pos; }

    @Override
    public int readSmall(byte[] dst, int n) {
        int k = (int) Math.min(n, data.byteSize() - pos);
        MemorySegment.copy(data, java.lang.foreign.ValueLayout.JAVA_BYTE, pos, dst, 0, k);
        pos += k;
        return k;
    }

    @Override
    public MemorySegment read(long n, Arena arena) {
        long k = Math.min(n, data.byteSize() - pos);
        MemorySegment s = data.asSlice(pos, k);
        pos += k;
        return s;
    }

    @Override public boolean isMemory() { return true; }

    @Override
    public void close() {
        if (owned != null) owned.close();
    }
}
