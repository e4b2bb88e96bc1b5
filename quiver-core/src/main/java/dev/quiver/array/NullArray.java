package dev.quiver.array;

/** The null type: every slot is null and there are no buffers. */
public final class NullArray extends Array {
    NullArray(ArrayData data) {
        super(data);
    }

    @Override
    public Object getObject(int i) {
        pos(i);
        return null;
    }
}
