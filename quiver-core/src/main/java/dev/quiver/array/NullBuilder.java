package dev.quiver.array;

import dev.quiver.type.ArrowTypes;

import java.lang.foreign.MemorySegment;

/** Builds arrays of the null type. */
public final class NullBuilder extends ArrayBuilder {
    private int length;

    public NullBuilder() {
        super(ArrowTypes.NULL);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public NullBuilder appendNull() {
        if (length == Integer.MAX_VALUE) throw new IllegalStateException("array length would exceed 2^31-1");
        length++;
        return this;
    }

    @Override
    public ArrayData build() {
        return new ArrayData(ArrowTypes.NULL, length, 0, length, new MemorySegment[0], null, null);
    }
}
