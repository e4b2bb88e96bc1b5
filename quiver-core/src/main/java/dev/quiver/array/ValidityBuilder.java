package dev.quiver.array;

import dev.quiver.memory.Bits;

import java.lang.foreign.MemorySegment;

/** A validity bitmap built one slot at a time, allocated only once a null arrives. */
final class ValidityBuilder {
    private GrowableBuffer bits;
    private int length;
    private int nullCount;

    void append(boolean valid) {
        if (length == Integer.MAX_VALUE) throw new IllegalStateException("array length would exceed 2^31-1");
        if (!valid && bits == null) {
            bits = new GrowableBuffer((length >>> 3) + 8);
            for (int i = 0; i < length; i++) set(i, true);
        }
        if (bits != null) set(length, valid);
        if (!valid) nullCount++;
        length++;
    }

    private void set(int i, boolean valid) {
        long byteIndex = i >>> 3;
        if (byteIndex >= bits.size()) bits.putByte((byte) 0);
        if (valid) Bits.set(bits.segment(), i, true);
    }

    int length() { return length; }
    int nullCount() { return nullCount; }

    /** The bitmap, or {@link ArrayData#ABSENT} when every slot is valid. */
    MemorySegment finish() {
        return bits == null ? ArrayData.ABSENT : bits.finish();
    }
}
