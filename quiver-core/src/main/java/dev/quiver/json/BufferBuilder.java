package dev.quiver.json;

import dev.quiver.memory.LE;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** A growable little-endian byte buffer that ends as an 8-byte padded heap {@link MemorySegment}. */
final class BufferBuilder {
    private byte[] bytes;
    private MemorySegment seg;
    private int size;

    BufferBuilder(int initialCapacity) {
        bytes = new byte[Math.max(8, initialCapacity)];
        seg = MemorySegment.ofArray(bytes);
    }

    int size() {
        return size;
    }

    private void ensure(long extra) {
        long need = size + extra;
        if (need <= bytes.length) return;
        if (need > Integer.MAX_VALUE - 16) {
            throw new dev.quiver.LimitExceededException("buffer larger than 2 GiB");
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, bytes.length * 2L)));
        seg = MemorySegment.ofArray(bytes);
    }

    void putByte(int v) {
        ensure(1);
        seg.set(LE.BYTE, size, (byte) v);
        size += 1;
    }

    void putShort(int v) {
        ensure(2);
        seg.set(LE.SHORT, size, (short) v);
        size += 2;
    }

    void putInt(int v) {
        ensure(4);
        seg.set(LE.INT, size, v);
        size += 4;
    }

    void putLong(long v) {
        ensure(8);
        seg.set(LE.LONG, size, v);
        size += 8;
    }

    void putBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** The bytes written, padded with zeros to a multiple of 8. */
    MemorySegment finish() {
        return MemorySegment.ofArray(Arrays.copyOf(bytes, (size + 7) & ~7));
    }

    /** The bytes written, unpadded. */
    MemorySegment finishExact() {
        return MemorySegment.ofArray(Arrays.copyOf(bytes, size));
    }
}
