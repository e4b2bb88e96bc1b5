package dev.quiver.ipc;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Layout;
import dev.quiver.compress.BufferCodec;
import dev.quiver.memory.Bits;
import dev.quiver.memory.LE;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import dev.quiver.type.ArrowType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Turns arrays into a record batch header and the list of body buffers. Pure: no I/O. Sliced arrays are
 * written as if they started at 0: bitmaps with an unaligned offset are shifted, offsets are rebased to
 * start at 0, and every other buffer is a zero-copy slice of the array's own memory.
 */
final class RecordBatchEncoder {
    private final BodyBuilder body;
    private final Arena scratch;
    private long[] nodeLengths = new long[16];
    private long[] nodeNulls = new long[16];
    private int nodes;
    private long[] variadic = new long[0];
    private int variadicCount;

    /** An encoded batch: header plus the body's parts (buffers and padding) in order. */
    record Encoded(RecordBatchHeader header, List<MemorySegment> bodyParts, long bodyLength) {}

    private RecordBatchEncoder(int alignment, BufferCodec codec, Arena scratch, CodecPool pool) {
        this.body = new BodyBuilder(alignment, codec, scratch, pool);
        this.scratch = scratch;
    }

    /**
     * @param scratch memory for shifted bitmaps, rebased offsets and compressed buffers; it must stay open
     *                until the body has been written
     */
    static Encoded encode(int length, List<ArrayData> columns, int alignment, BufferCodec codec, Arena scratch) {
        return encode(length, columns, alignment, codec, scratch, null);
    }

    /**
     * As {@link #encode(int, List, int, BufferCodec, Arena)}, compressing large buffers on {@code pool} when it is
     * not null and {@code scratch} is a shared arena.
     */
    static Encoded encode(int length, List<ArrayData> columns, int alignment, BufferCodec codec, Arena scratch,
                          CodecPool pool) {
        RecordBatchEncoder e = new RecordBatchEncoder(alignment, codec, scratch, pool);
        try {
            for (ArrayData c : columns) e.add(c);
        } catch (RuntimeException | Error failure) {
            e.body.abandon();
            throw failure;
        }
        RecordBatchHeader header = new RecordBatchHeader(length,
                java.util.Arrays.copyOf(e.nodeLengths, e.nodes), java.util.Arrays.copyOf(e.nodeNulls, e.nodes),
                e.body.offsets(), e.body.lengths(), codec == null ? null : codec.type(),
                java.util.Arrays.copyOf(e.variadic, e.variadicCount));
        return new Encoded(header, e.body.parts(), e.body.size());
    }

    private void node(long length, long nulls) {
        if (nodes == nodeLengths.length) {
            nodeLengths = java.util.Arrays.copyOf(nodeLengths, nodes * 2);
            nodeNulls = java.util.Arrays.copyOf(nodeNulls, nodes * 2);
        }
        nodeLengths[nodes] = length;
        nodeNulls[nodes] = nulls;
        nodes++;
    }

    private void add(ArrayData a) {
        ArrowType type = a.type();
        int off = a.offset();
        int len = a.length();
        node(len, a.nullCount());
        if (Layout.hasValidity(type)) {
            body.add(a.nullCount() == 0 ? ArrayData.ABSENT : bits(a.buffer(0), off, len));
        }
        switch (type) {
            case ArrowType.Null n -> { }
            case ArrowType.Bool b -> body.add(bits(a.buffer(1), off, len));
            case ArrowType.Struct s -> {
                for (int i = 0; i < a.childCount(); i++) add(a.child(i).slice(off, len));
            }
            case ArrowType.FixedSizeList f -> {
                int size = f.listSize();
                add(a.child(0).slice(Math.multiplyExact(off, size), Math.multiplyExact(len, size)));
            }
            case ArrowType.Binary b -> varBinary(a, 4);
            case ArrowType.Utf8 u -> varBinary(a, 4);
            case ArrowType.LargeBinary b -> varBinary(a, 8);
            case ArrowType.LargeUtf8 u -> varBinary(a, 8);
            case ArrowType.List l -> list(a, 4);
            case ArrowType.Map m -> list(a, 4);
            case ArrowType.LargeList l -> list(a, 8);
            case ArrowType.ListView l -> listView(a, 4);
            case ArrowType.LargeListView l -> listView(a, 8);
            case ArrowType.BinaryView v -> views(a);
            case ArrowType.Utf8View v -> views(a);
            case ArrowType.Union u -> union(a, u);
            case ArrowType.RunEndEncoded r -> runEndEncoded(a);
            default -> {
                int bits = Layout.fixedBitWidth(type);
                if (bits <= 0 || bits % 8 != 0) {
                    throw new UnsupportedFeatureException("writing " + type + " arrays is not supported yet");
                }
                long w = bits / 8;
                body.add(a.buffer(1).asSlice(off * w, len * w));
            }
        }
    }

    /** Views carry their own positions: the views are sliced, every data buffer is written whole. */
    private void views(ArrayData a) {
        body.add(a.buffer(1).asSlice((long) a.offset() * 16, (long) a.length() * 16));
        int dataBuffers = a.bufferCount() - 2;
        for (int i = 0; i < dataBuffers; i++) body.add(a.buffer(2 + i));
        if (variadicCount == variadic.length) variadic = java.util.Arrays.copyOf(variadic, Math.max(4, variadicCount * 2));
        variadic[variadicCount++] = dataBuffers;
    }

    /** List views carry their own offsets and sizes: those are sliced and the child is written whole. */
    private void listView(ArrayData a, int width) {
        long from = (long) a.offset() * width;
        long bytes = (long) a.length() * width;
        body.add(a.buffer(1).asSlice(from, bytes));
        body.add(a.buffer(2).asSlice(from, bytes));
        add(a.child(0));
    }

    /**
     * Sparse unions slice the type ids and every child alike. Dense unions at offset 0 are written as they are;
     * a sliced dense union keeps, for each child, only the range its slots point to, with offsets rebased.
     */
    private void union(ArrayData a, ArrowType.Union u) {
        int off = a.offset();
        int len = a.length();
        body.add(a.buffer(0).asSlice(off, len));
        if (u.mode() == dev.quiver.type.UnionMode.SPARSE) {
            for (int i = 0; i < a.childCount(); i++) add(a.child(i).slice(off, len));
            return;
        }
        MemorySegment offsets = a.buffer(1);
        if (off == 0) {
            body.add(offsets.asSlice(0, (long) len * 4));
            for (int i = 0; i < a.childCount(); i++) add(a.child(i));
            return;
        }
        int[] childOf = new int[128];
        java.util.Arrays.fill(childOf, -1);
        int[] ids = u.typeIds();
        for (int c = 0; c < a.childCount(); c++) childOf[ids == null ? c : ids[c]] = c;
        int[] min = new int[a.childCount()];
        int[] max = new int[a.childCount()];
        java.util.Arrays.fill(min, Integer.MAX_VALUE);
        java.util.Arrays.fill(max, -1);
        MemorySegment types = a.buffer(0);
        for (int i = 0; i < len; i++) {
            byte t = types.get(LE.BYTE, off + i);
            int c = t < 0 ? -1 : childOf[t];
            if (c < 0) throw new IllegalArgumentException("union type id " + t + " at slot " + i + " is not declared by " + u);
            int o = offsets.get(LE.INT, (long) (off + i) * 4);
            if (o < 0 || o >= a.child(c).length()) {
                throw new IllegalArgumentException("union offset " + o + " at slot " + i + " is outside child " + c);
            }
            min[c] = Math.min(min[c], o);
            max[c] = Math.max(max[c], o);
        }
        MemorySegment rebased = scratch.allocate(Math.max(4L * len, 4), 8).asSlice(0, 4L * len);
        for (int i = 0; i < len; i++) {
            int c = childOf[types.get(LE.BYTE, off + i) & 0x7F];
            rebased.setAtIndex(LE.INT, i, offsets.get(LE.INT, (long) (off + i) * 4) - min[c]);
        }
        body.add(rebased);
        for (int c = 0; c < a.childCount(); c++) {
            add(max[c] < 0 ? a.child(c).slice(0, 0) : a.child(c).slice(min[c], max[c] - min[c] + 1));
        }
    }

    /**
     * Run-end encoded arrays have no buffers. A slice (or an array whose last run ends past its length) keeps
     * only the runs it covers, with run ends shifted by the offset and the last one clamped to the length.
     */
    private void runEndEncoded(ArrayData a) {
        ArrayData runEnds = a.child(0);
        ArrayData values = a.child(1);
        int off = a.offset();
        int len = a.length();
        int width = ((ArrowType.Int) runEnds.type()).bitWidth() / 8;
        int runs = runEnds.length();
        if (off == 0 && (runs == 0 ? len == 0 : runEnd(runEnds, width, runs - 1) == len)) {
            add(runEnds);
            add(values);
            return;
        }
        if (len == 0) {
            add(runEnds.slice(0, 0));
            add(values.slice(0, 0));
            return;
        }
        int first = firstRunEndingAfter(runEnds, width, off);
        int last = firstRunEndingAfter(runEnds, width, off + len - 1L);
        int count = last - first + 1;
        MemorySegment ends = scratch.allocate((long) count * width, 8);
        for (int j = 0; j < count; j++) {
            long end = Math.min(runEnd(runEnds, width, first + j), (long) off + len) - off;
            switch (width) {
                case 2 -> ends.setAtIndex(LE.SHORT, j, (short) end);
                case 4 -> ends.setAtIndex(LE.INT, j, (int) end);
                default -> ends.setAtIndex(LE.LONG, j, end);
            }
        }
        add(new ArrayData(runEnds.type(), count, 0, 0, new MemorySegment[] {ArrayData.ABSENT, ends}, null, null));
        add(values.slice(first, count));
    }

    private static long runEnd(ArrayData runEnds, int width, int i) {
        long at = (long) (runEnds.offset() + i) * width;
        MemorySegment b = runEnds.buffer(1);
        return switch (width) {
            case 2 -> b.get(LE.SHORT, at);
            case 4 -> b.get(LE.INT, at);
            default -> b.get(LE.LONG, at);
        };
    }

    /** The index of the run containing logical position {@code p}: the first run whose end exceeds it. */
    private static int firstRunEndingAfter(ArrayData runEnds, int width, long p) {
        int lo = 0;
        int hi = runEnds.length() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (runEnd(runEnds, width, mid) > p) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    private void varBinary(ArrayData a, int width) {
        long[] range = offsets(a, width);
        body.add(a.buffer(2).asSlice(range[0], range[1] - range[0]));
    }

    private void list(ArrayData a, int width) {
        long[] range = offsets(a, width);
        add(a.child(0).slice(Math.toIntExact(range[0]), Math.toIntExact(range[1] - range[0])));
    }

    /** Writes the offsets buffer rebased to 0 and returns the [first, last) range of the data it spans. */
    private long[] offsets(ArrayData a, int width) {
        MemorySegment src = a.buffer(1);
        int off = a.offset();
        int len = a.length();
        if (len == 0 && src.byteSize() == 0) {
            // A zero-length array may omit its offsets; the format wants one entry.
            MemorySegment one = scratch.allocate(width);
            body.add(one);
            return new long[] {0, 0};
        }
        long first = width == 4 ? src.get(LE.INT, (long) off * 4) : src.get(LE.LONG, (long) off * 8);
        long last = width == 4 ? src.get(LE.INT, (long) (off + len) * 4) : src.get(LE.LONG, (long) (off + len) * 8);
        MemorySegment slice = src.asSlice((long) off * width, (long) (len + 1) * width);
        if (first == 0) {
            body.add(slice);
        } else {
            MemorySegment rebased = scratch.allocate((long) (len + 1) * width, 8);
            for (int i = 0; i <= len; i++) {
                if (width == 4) rebased.setAtIndex(LE.INT, i, slice.getAtIndex(LE.INT, i) - (int) first);
                else rebased.setAtIndex(LE.LONG, i, slice.getAtIndex(LE.LONG, i) - first);
            }
            body.add(rebased);
        }
        return new long[] {first, last};
    }

    /** The bits [off, off+len) of a bitmap, shifted to start at bit 0 when {@code off} is not a multiple of 8. */
    private MemorySegment bits(MemorySegment src, int off, int len) {
        long bytes = Bits.bytesFor(len);
        if ((off & 7) == 0) return src.asSlice(off >>> 3, bytes);
        MemorySegment dst = scratch.allocate(Math.max(bytes, 1), 8).asSlice(0, bytes);
        for (int i = 0; i < len; i++) {
            if (Bits.get(src, (long) off + i)) Bits.set(dst, i, true);
        }
        return dst;
    }
}
