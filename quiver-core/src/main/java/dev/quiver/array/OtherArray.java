package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.UnionMode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The remaining types, with value access through {@link #getObject(int)}: binary_view and utf8_view (byte[] and
 * String), list_view and large_list_view (List), sparse and dense unions (the selected child's value) and
 * run-end encoded arrays (the run's value).
 */
public final class OtherArray extends Array {
    OtherArray(ArrayData data) {
        super(data);
    }

    @Override
    public Object getObject(int i) {
        long p = pos(i);
        return switch (data.type()) {
            case ArrowType.BinaryView b -> isNull(i) ? null : getViewSegment(i).toArray(ValueLayout.JAVA_BYTE);
            case ArrowType.Utf8View u -> isNull(i) ? null : Utf8.decode(getViewSegment(i));
            case ArrowType.ListView l -> isNull(i) ? null : listView(p, false);
            case ArrowType.LargeListView l -> isNull(i) ? null : listView(p, true);
            case ArrowType.Union u -> union(u, p);
            case ArrowType.RunEndEncoded r -> Array.of(data.child(1)).getObject(Math.toIntExact(physicalIndex(p)));
            default -> throw new UnsupportedOperationException("no Java value mapping for type " + data.type());
        };
    }

    /** Zero-copy view of value {@code i} of a binary_view or utf8_view array. */
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

    private List<Object> listView(long p, boolean large) {
        long start = large ? data.buffer(1).get(LE.LONG, p * 8) : data.buffer(1).get(LE.INT, p * 4);
        long size = large ? data.buffer(2).get(LE.LONG, p * 8) : data.buffer(2).get(LE.INT, p * 4);
        Array v = Array.of(data.child(0));
        List<Object> out = new ArrayList<>();
        for (long k = 0; k < size; k++) out.add(v.getObject(Math.toIntExact(start + k)));
        return Collections.unmodifiableList(out);
    }

    /** Child index of union slot at position {@code p}. */
    int unionChild(ArrowType.Union u, long p) {
        int typeId = data.buffer(0).get(LE.BYTE, p);
        int[] ids = u.typeIds();
        if (ids == null) return typeId;
        for (int c = 0; c < ids.length; c++) if (ids[c] == typeId) return c;
        throw new IllegalStateException("union type id " + typeId + " is not one of the declared type ids");
    }

    private Object union(ArrowType.Union u, long p) {
        int child = unionChild(u, p);
        long at = u.mode() == UnionMode.SPARSE ? p : data.buffer(1).get(LE.INT, p * 4);
        return Array.of(data.child(child)).getObject(Math.toIntExact(at));
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
