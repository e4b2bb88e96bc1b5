package dev.quiver.array;

import dev.quiver.memory.Bits;
import dev.quiver.type.ArrowTypes;

import java.lang.foreign.MemorySegment;

/** Builds bool arrays. */
public final class BooleanBuilder extends ArrayBuilder {
    private final ValidityBuilder validity = new ValidityBuilder();
    private final GrowableBuffer values = new GrowableBuffer(8);

    public BooleanBuilder() {
        super(ArrowTypes.BOOL);
    }

    @Override
    public int length() {
        return validity.length();
    }

    public BooleanBuilder append(boolean value) {
        appendBit(value);
        validity.append(true);
        return this;
    }

    @Override
    public BooleanBuilder appendNull() {
        appendBit(false);
        validity.append(false);
        return this;
    }

    private void appendBit(boolean value) {
        int i = validity.length();
        if ((i >>> 3) >= values.size()) values.putByte((byte) 0);
        if (value) Bits.set(values.segment(), i, true);
    }

    @Override
    public ArrayData build() {
        return new ArrayData(type, validity.length(), 0, validity.nullCount(),
                new MemorySegment[] {validity.finish(), values.finish()}, null, null);
    }
}
