package dev.quiver.array;

/** Variable-size lists with 64-bit offsets; {@link #getObject} gives an unmodifiable List. */
public final class LargeListArray extends BaseListArray {
    LargeListArray(ArrayData data) {
        super(data, true);
    }
}
