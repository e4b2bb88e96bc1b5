package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.memory.Bits;

/** Booleans, bit-packed. */
public final class BooleanArray extends Array {
    BooleanArray(ArrayData data) {
        super(data);
    }

    public boolean get(int i) {
        return Bits.get(data.buffer(1), pos(i));
    }

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : get(i);
    }
}
