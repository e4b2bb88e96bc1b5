package dev.quiver.array;

/** Variable-size lists with 32-bit offsets. */
public final class ListArray extends BaseListArray {
    ListArray(ArrayData data) {
        super(data, false);
    }

    /** An unmodifiable List of the elements' Java objects. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : elements(i);
    }
}
