package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Builds binary_view and utf8_view arrays: values of up to 12 bytes inline in the view, longer ones in one data
 * buffer (buffer index 0).
 */
public final class ViewBuilder extends ArrayBuilder {
    private final ValidityBuilder validity = new ValidityBuilder();
    private final GrowableBuffer views = new GrowableBuffer(16 * 8);
    private final GrowableBuffer data = new GrowableBuffer(64);

    public ViewBuilder(ArrowType type) {
        super(type);
        if (!Layout.hasVariadicBuffers(type)) throw new IllegalArgumentException("not a view type: " + type);
    }

    @Override
    public int length() {
        return validity.length();
    }

    public ViewBuilder append(byte[] v) {
        return append(MemorySegment.ofArray(v));
    }

    public ViewBuilder append(String s) {
        return append(s.getBytes(StandardCharsets.UTF_8));
    }

    public ViewBuilder append(MemorySegment v) {
        long len = v.byteSize();
        long at = views.reserve(16);
        MemorySegment s = views.segment();
        s.set(LE.INT, at, (int) len);
        if (len <= 12) {
            MemorySegment.copy(v, 0, s, at + 4, len);
        } else {
            if (data.size() + len > Integer.MAX_VALUE) {
                throw new IllegalStateException("view data buffer would exceed 2^31-1 bytes");
            }
            int offset = (int) data.size();
            MemorySegment.copy(v, 0, s, at + 4, 4);
            s.set(LE.INT, at + 8, 0);
            s.set(LE.INT, at + 12, offset);
            data.putSegment(v);
        }
        validity.append(true);
        return this;
    }

    @Override
    public ViewBuilder appendNull() {
        views.putZeros(16);
        validity.append(false);
        return this;
    }

    @Override
    public ArrayData build() {
        MemorySegment[] buffers = data.size() == 0
                ? new MemorySegment[] {validity.finish(), views.finish()}
                : new MemorySegment[] {validity.finish(), views.finish(), data.finish()};
        return new ArrayData(type, validity.length(), 0, validity.nullCount(), buffers, null, null);
    }
}
