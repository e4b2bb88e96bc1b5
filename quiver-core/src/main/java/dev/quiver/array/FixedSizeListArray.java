package dev.quiver.array;

import dev.quiver.type.ArrowType;

import java.util.Objects;

/** Lists of one fixed size: list {@code i} is child elements {@code [(offset+i)*size, (offset+i+1)*size)}. */
public final class FixedSizeListArray extends NestedArray {
    FixedSizeListArray(ArrayData data) {
        super(data);
    }

    /**
     * Returns the number of elements of every list.
     *
     * @return the number of elements of every list
     */
    public int listSize() {
        return ((ArrowType.FixedSizeList) data.type()).listSize();
    }

    /**
     * Returns the whole child array.
     *
     * @return the whole child array
     */
    public Array values() {
        return childView(data.child(0), 0);
    }

    /**
     * The whole child array as the typed array {@code type}.
     *
     * @param <T>  the array class
     * @param type the expected array class, such as {@code Float32Array.class}
     * @return the child array
     * @throws IllegalArgumentException if the elements are not a {@code type}
     */
    public <T extends Array> T values(Class<T> type) {
        return Typed.as(values(), type, "the list elements");
    }

    /** Start of list {@code i} in the child, checked to lie in it with its whole size. */
    private int start(int i) {
        long start = pos(i) * listSize();
        Objects.checkFromIndexSize(start, listSize(), data.child(0).length());
        return (int) start;
    }

    /**
     * List {@code i} as a zero-copy slice of the child array.
     *
     * @param i the slot
     * @return the list's elements
     */
    public Array get(int i) {
        return childView(data.child(0).slice(start(i), listSize()), 0);
    }

    /** An unmodifiable List of the elements' Java objects. */
    @Override
    Object object(int i, boolean display) {
        int start = start(i);
        return Array.values(values(), start, start + listSize(), display);
    }
}
