package dev.quiver.array;

/** Large Binary: variable-size byte strings with 64-bit offsets. */
public final class LargeBinaryArray extends VarBinaryArray {
    LargeBinaryArray(ArrayData data) {
        super(data, true);
    }

    /** A byte[] copy. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getBytes(i);
    }
}
