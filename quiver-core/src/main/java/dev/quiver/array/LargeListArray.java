package dev.quiver.array;

/** Variable-size lists with 64-bit offsets. */
public final class LargeListArray extends BaseListArray {
    LargeListArray(ArrayData data) {
        super(data, true);
    }

    /** An unmodifiable List of the elements' Java objects. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : elements(i);
    }
}
