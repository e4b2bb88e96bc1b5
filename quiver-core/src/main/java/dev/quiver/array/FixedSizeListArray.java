package dev.quiver.array;

import dev.quiver.type.ArrowType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Lists of one fixed size: list {@code i} is child elements {@code [(offset+i)*size, (offset+i+1)*size)}. */
public final class FixedSizeListArray extends Array {
    FixedSizeListArray(ArrayData data) {
        super(data);
    }

    public int listSize() {
        return ((ArrowType.FixedSizeList) data.type()).listSize();
    }

    /** The whole child array. */
    public Array values() {
        return Array.of(data.child(0));
    }

    /** List {@code i} as a zero-copy slice of the child array. */
    public Array get(int i) {
        int size = listSize();
        return Array.of(data.child(0).slice(Math.toIntExact(pos(i) * size), size));
    }

    /** An unmodifiable List of the elements' Java objects. */
    @Override
    public Object getObject(int i) {
        if (isNull(i)) return null;
        int size = listSize();
        long start = pos(i) * size;
        Array v = values();
        List<Object> out = new ArrayList<>(size);
        for (int k = 0; k < size; k++) out.add(v.getObject(Math.toIntExact(start + k)));
        return Collections.unmodifiableList(out);
    }
}
