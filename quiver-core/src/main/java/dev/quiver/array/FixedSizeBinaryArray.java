package dev.quiver.array;

import dev.quiver.type.ArrowType;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Byte strings of one fixed width. */
public final class FixedSizeBinaryArray extends Array {
    FixedSizeBinaryArray(ArrayData data) {
        super(data);
    }

    public int byteWidth() {
        return ((ArrowType.FixedSizeBinary) data.type()).byteWidth();
    }

    /** Zero-copy view of value {@code i}. */
    public MemorySegment getSegment(int i) {
        int w = byteWidth();
        return data.buffer(1).asSlice(pos(i) * w, w);
    }

    public byte[] getBytes(int i) {
        return getSegment(i).toArray(ValueLayout.JAVA_BYTE);
    }

    /** A byte[] copy. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getBytes(i);
    }
}
