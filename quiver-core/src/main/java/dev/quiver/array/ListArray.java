package dev.quiver.array;

/** Variable-size lists with 32-bit offsets; {@link #getObject} gives an unmodifiable List. */
public final class ListArray extends BaseListArray {
    ListArray(ArrayData data) {
        super(data, false);
    }
}
