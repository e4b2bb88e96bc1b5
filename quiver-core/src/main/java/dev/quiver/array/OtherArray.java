package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.UnionMode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The remaining types, with value access through {@link #getObject(int)}: binary_view and utf8_view (byte[] and
 * String), list_view and large_list_view (List), sparse and dense unions (the selected child's value) and
 * run-end encoded arrays (the run's value).
 */
public final class OtherArray extends Array {
    OtherArray(ArrayData data) {
        super(data);
    }

    /**
     * byte[] (binary_view), String (utf8_view), an unmodifiable List (list views), the selected child's object
     * (unions: they have no nulls of their own) or the run's value's object (run-end encoded).
     *
     * @throws IndexOutOfBoundsException below FULL, where views, list view offsets and sizes, union type ids or
     *                                   offsets, or run ends point outside their buffers or children
     */
    @Override
    public Object getObject(int i) {
        return value(i, pos(i), false);
    }

    @Override
    public Object getDisplayObject(int i) {
        return value(i, pos(i), true);
    }

    private Object value(int i, long p, boolean display) {
        return switch (data.type()) {
            case ArrowType.BinaryView b -> isNull(i) ? null : getViewSegment(i).toArray(ValueLayout.JAVA_BYTE);
            case ArrowType.Utf8View u -> isNull(i) ? null : Utf8.decode(getViewSegment(i));
            case ArrowType.ListView l -> isNull(i) ? null : listView(p, false, display);
            case ArrowType.LargeListView l -> isNull(i) ? null : listView(p, true, display);
            case ArrowType.Union u -> union(u, p, display);
            case ArrowType.RunEndEncoded r -> Array.of(data.child(1)).value((int) physicalIndex(p), display);
            default -> throw new UnsupportedOperationException("no Java value mapping for type " + data.type());
        };
    }

    /**
     * Zero-copy view of value {@code i} of a binary_view or utf8_view array.
     *
     * @throws IndexOutOfBoundsException where the view points outside its buffers (never after FULL validation
     *                                   for a non-null slot)
     * @throws UnsupportedOperationException if the array is not of a view type
     */
    public MemorySegment getViewSegment(int i) {
        if (!Layout.hasVariadicBuffers(data.type())) {
            throw new UnsupportedOperationException("not a view type: " + data.type());
        }
        long at = pos(i) * 16;
        MemorySegment views = data.buffer(1);
        int len = views.get(LE.INT, at);
        if (len <= 12) return views.asSlice(at + 4, len);
        int buffer = views.get(LE.INT, at + 8);
        int offset = views.get(LE.INT, at + 12);
        return data.buffer(2 + buffer).asSlice(Integer.toUnsignedLong(offset), len);
    }

    private List<Object> listView(long p, boolean large, boolean display) {
        long start = large ? data.buffer(1).get(LE.LONG, p * 8) : data.buffer(1).get(LE.INT, p * 4);
        long size = large ? data.buffer(2).get(LE.LONG, p * 8) : data.buffer(2).get(LE.INT, p * 4);
        ArrayData child = data.child(0);
        Objects.checkFromIndexSize(start, size, child.length());
        Array v = Array.of(child);
        List<Object> out = new ArrayList<>((int) size);
        for (int k = 0; k < size; k++) out.add(v.value((int) start + k, display));
        return Collections.unmodifiableList(out);
    }

    /** Child index of union slot at position {@code p}. */
    int unionChild(ArrowType.Union u, long p) {
        int typeId = data.buffer(0).get(LE.BYTE, p);
        int[] ids = u.typeIds();
        if (ids == null) return typeId;
        for (int c = 0; c < ids.length; c++) if (ids[c] == typeId) return c;
        throw new IndexOutOfBoundsException("union type id " + typeId + " at position " + p
                + " is not one of the declared type ids " + java.util.Arrays.toString(ids));
    }

    private Object union(ArrowType.Union u, long p, boolean display) {
        int child = unionChild(u, p);
        long at = u.mode() == UnionMode.SPARSE ? p : data.buffer(1).get(LE.INT, p * 4);
        return Array.of(data.child(child)).value((int) at, display);
    }

    /** Index in the values child of the run holding logical position {@code p}. */
    long physicalIndex(long p) {
        ArrayData runEnds = data.child(0);
        int width = ((ArrowType.Int) runEnds.type()).bitWidth() / 8;
        MemorySegment ends = runEnds.buffer(1);
        long lo = 0;
        long hi = runEnds.length() - 1L;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            long at = (runEnds.offset() + mid) * width;
            long end = switch (width) {
                case 2 -> ends.get(LE.SHORT, at);
                case 4 -> ends.get(LE.INT, at);
                default -> ends.get(LE.LONG, at);
            };
            if (end > p) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
