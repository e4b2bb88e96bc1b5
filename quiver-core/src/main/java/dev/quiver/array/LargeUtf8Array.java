package dev.quiver.array;

/** UTF-8 strings with 64-bit offsets. */
public final class LargeUtf8Array extends VarBinaryArray {
    LargeUtf8Array(ArrayData data) {
        super(data, true);
    }

    /**
     * Value {@code i} decoded from UTF-8 (malformed input is replaced, never thrown).
     *
     * @throws IllegalStateException for a value of 2 GiB or more, which no String holds (use {@link #getSegment})
     */
    public String getString(int i) {
        return Utf8.decode(getSegment(i));
    }

    /** A String. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getString(i);
    }
}
