package dev.quiver.array;

import dev.quiver.type.ArrowType;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** Builds binary, utf8, large_binary and large_utf8 arrays. */
public final class VarBinaryBuilder extends ArrayBuilder {
    private final boolean large;
    private final ValidityBuilder validity = new ValidityBuilder();
    private final GrowableBuffer offsets = new GrowableBuffer(64);
    private final GrowableBuffer values = new GrowableBuffer(64);

    public VarBinaryBuilder(ArrowType type) {
        super(type);
        int w = Layout.offsetWidth(type);
        if (!(type instanceof ArrowType.Binary || type instanceof ArrowType.Utf8
                || type instanceof ArrowType.LargeBinary || type instanceof ArrowType.LargeUtf8)) {
            throw new IllegalArgumentException("not a binary or string type: " + type);
        }
        this.large = w == 8;
        putOffset();
    }

    private void putOffset() {
        long end = values.size();
        if (large) {
            offsets.putLong(end);
        } else {
            if (end > Integer.MAX_VALUE) {
                throw new IllegalStateException(type + " data would exceed 2^31-1 bytes; use the large variant");
            }
            offsets.putInt((int) end);
        }
    }

    @Override
    public int length() {
        return validity.length();
    }

    public VarBinaryBuilder append(byte[] v) {
        values.putBytes(v);
        putOffset();
        validity.append(true);
        return this;
    }

    public VarBinaryBuilder append(MemorySegment v) {
        values.putSegment(v);
        putOffset();
        validity.append(true);
        return this;
    }

    /** Appends the UTF-8 encoding of {@code s}. */
    public VarBinaryBuilder append(String s) {
        return append(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public VarBinaryBuilder appendNull() {
        putOffset();
        validity.append(false);
        return this;
    }

    @Override
    public ArrayData build() {
        return new ArrayData(type, validity.length(), 0, validity.nullCount(),
                new MemorySegment[] {validity.finish(), offsets.finish(), values.finish()}, null, null);
    }
}
