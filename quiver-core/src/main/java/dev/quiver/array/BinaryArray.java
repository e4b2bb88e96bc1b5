package dev.quiver.array;

/** Binary: variable-size byte strings with 32-bit offsets. */
public final class BinaryArray extends VarBinaryArray {
    BinaryArray(ArrayData data) {
        super(data, false);
    }

    /** A byte[] copy. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getBytes(i);
    }
}
