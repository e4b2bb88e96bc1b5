package dev.quiver.array;

import dev.quiver.type.ArrowType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

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

    /** Start of list {@code i} in the child, checked to lie in it with its whole size. */
    private int start(int i) {
        long start = pos(i) * listSize();
        Objects.checkFromIndexSize(start, listSize(), data.child(0).length());
        return (int) start;
    }

    /** List {@code i} as a zero-copy slice of the child array. */
    public Array get(int i) {
        return Array.of(data.child(0).slice(start(i), listSize()));
    }

    /** An unmodifiable List of the elements' Java objects. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : elements(i, false);
    }

    @Override
    public Object getDisplayObject(int i) {
        return isNull(i) ? null : elements(i, true);
    }

    private List<Object> elements(int i, boolean display) {
        int start = start(i);
        int size = listSize();
        Array v = values();
        List<Object> out = new ArrayList<>(size);
        for (int k = 0; k < size; k++) out.add(v.value(start + k, display));
        return Collections.unmodifiableList(out);
    }
}
