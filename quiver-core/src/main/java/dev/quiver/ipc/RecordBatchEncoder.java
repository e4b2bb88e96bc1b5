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
                e.body.offsets(), e.body.lengths(), codec == null ? null : codec.type(), e.variadic);
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
