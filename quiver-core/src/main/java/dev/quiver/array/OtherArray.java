package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.UnionMode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Objects;

/**
 * The remaining types, with value access through {@link #getObject(int)}: binary_view and utf8_view (byte[] and
 * String), list_view and large_list_view (an unmodifiable List), sparse and dense unions (the selected child's
 * object; unions have no nulls of their own) and run-end encoded arrays (the run's value's object). Below FULL,
 * views, list view offsets and sizes, union type ids and offsets, or run ends that point outside their buffers or
 * children are an {@link IndexOutOfBoundsException}.
 */
public final class OtherArray extends NestedArray {
    OtherArray(ArrayData data) {
        super(data);
    }

    @Override
    Object object(int i, boolean display) {
        long p = pos(i);
        return switch (data.type()) {
            case ArrowType.BinaryView b -> getViewSegment(i).toArray(ValueLayout.JAVA_BYTE);
            case ArrowType.Utf8View u -> Utf8.decode(getViewSegment(i));
            case ArrowType.ListView l -> listView(p, false, display);
            case ArrowType.LargeListView l -> listView(p, true, display);
            case ArrowType.Union u -> union(u, p, display);
            case ArrowType.RunEndEncoded r -> childView(data.child(1), 1).value((int) physicalIndex(p), display);
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
        return Array.values(childView(child, 0), (int) start, (int) (start + size), display);
    }

    /**
     * For a union: the index of the child that slot {@code i} selects.
     *
     * @throws IndexOutOfBoundsException     where the type id names no child (never after FULL validation)
     * @throws UnsupportedOperationException if the array is not a union
     */
    public int unionChildOf(int i) {
        return unionChild(union(), pos(i));
    }

    /**
     * For a union: the slot of {@link #unionChildOf(int) that child} that holds slot {@code i}'s value.
     *
     * @throws UnsupportedOperationException if the array is not a union
     */
    public int unionChildSlot(int i) {
        ArrowType.Union u = union();
        long p = pos(i);
        return u.mode() == UnionMode.SPARSE ? (int) p : data.buffer(1).get(LE.INT, p * 4);
    }

    private ArrowType.Union union() {
        if (data.type() instanceof ArrowType.Union u) return u;
        throw new UnsupportedOperationException("not a union: " + data.type());
    }

    /**
     * For run-end encoded: the index, in the values child, of the run that holds slot {@code i}.
     *
     * @throws IndexOutOfBoundsException     where the run ends lie outside their buffer (never after FULL validation)
     * @throws UnsupportedOperationException if the array is not run-end encoded
     */
    public int runOf(int i) {
        if (!(data.type() instanceof ArrowType.RunEndEncoded)) {
            throw new UnsupportedOperationException("not run-end encoded: " + data.type());
        }
        return (int) physicalIndex(pos(i));
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
        return childView(data.child(child), child).value((int) at, display);
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
