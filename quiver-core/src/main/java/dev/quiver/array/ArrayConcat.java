package dev.quiver.array;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.memory.Bits;
import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.UnionMode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.Objects;

/**
 * Concatenation of two arrays of the same type into new memory (used to apply delta dictionary batches). The
 * inputs are only read; the result starts at offset 0. For dictionary-encoded arrays the indices are concatenated
 * and the second array's dictionary is kept (it is the newer one).
 *
 * <p>Sizes are checked before anything is allocated: a result (or a child of it) longer than
 * {@link Integer#MAX_VALUE} values is a {@link LimitExceededException} (Arrow allows 64-bit lengths, Quiver arrays
 * hold at most 2^31-1 values); a result that 32-bit offsets or int16 run ends cannot address is an
 * {@link InvalidDataException} (no Arrow array of that type can hold it). Offsets and run ends inside the inputs
 * are carried over with wrapping arithmetic, so inputs validated only at {@code BASIC} concatenate without
 * arithmetic errors (their garbage stays garbage, and getters report it as documented there).
 */
public final class ArrayConcat {
    private final SegmentAllocator allocator;

    private ArrayConcat(SegmentAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * {@code a} followed by {@code b}.
     *
     * @throws IllegalArgumentException  if the types differ
     * @throws LimitExceededException    if the result, or one of its children, would be longer than
     *                                   {@link Integer#MAX_VALUE}
     * @throws InvalidDataException      if the result's 32-bit offsets or int16 run ends cannot address its values
     * @throws IndexOutOfBoundsException if an input's buffers are inconsistent with its offsets or length (inputs
     *                                   that passed {@code BASIC} validation never are)
     */
    public static ArrayData concat(ArrayData a, ArrayData b, SegmentAllocator allocator) {
        return new ArrayConcat(allocator).run(a, b);
    }

    private ArrayData run(ArrayData a, ArrayData b) {
        if (!a.type().equals(b.type()) || (a.dictionary() == null) != (b.dictionary() == null)) {
            throw new IllegalArgumentException("cannot concatenate " + a.type() + " and " + b.type());
        }
        ArrowType type = a.type();
        int n = length((long) a.length() + b.length(), "values");
        int nulls = type instanceof ArrowType.Null ? n : a.nullCount() + b.nullCount();
        MemorySegment validity = Layout.hasValidity(type) ? validity(a, b, n) : null;
        ArrayData dictionary = b.dictionary();
        ArrayData[] children = new ArrayData[0];
        MemorySegment[] buffers;
        switch (type) {
            case ArrowType.Null t -> buffers = new MemorySegment[0];
            case ArrowType.Bool t -> buffers = new MemorySegment[] {validity, bits(a.buffer(1), a, b.buffer(1), b, n)};
            case ArrowType.Struct t -> {
                buffers = new MemorySegment[] {validity};
                children = new ArrayData[a.childCount()];
                for (int i = 0; i < children.length; i++) {
                    children[i] = run(a.child(i).slice(a.offset(), a.length()),
                            b.child(i).slice(b.offset(), b.length()));
                }
            }
            case ArrowType.FixedSizeList t -> {
                buffers = new MemorySegment[] {validity};
                children = new ArrayData[] {run(fixedSizeChild(a, t.listSize()), fixedSizeChild(b, t.listSize()))};
            }
            case ArrowType.Binary t -> buffers = varBinary(a, b, validity, 4);
            case ArrowType.Utf8 t -> buffers = varBinary(a, b, validity, 4);
            case ArrowType.LargeBinary t -> buffers = varBinary(a, b, validity, 8);
            case ArrowType.LargeUtf8 t -> buffers = varBinary(a, b, validity, 8);
            case ArrowType.List t -> {
                long[] ra = range(a, 4);
                long[] rb = range(b, 4);
                buffers = new MemorySegment[] {validity, offsets(a, b, 4, ra, rb)};
                children = new ArrayData[] {listChild(a, ra, b, rb)};
            }
            case ArrowType.Map t -> {
                long[] ra = range(a, 4);
                long[] rb = range(b, 4);
                buffers = new MemorySegment[] {validity, offsets(a, b, 4, ra, rb)};
                children = new ArrayData[] {listChild(a, ra, b, rb)};
            }
            case ArrowType.LargeList t -> {
                long[] ra = range(a, 8);
                long[] rb = range(b, 8);
                buffers = new MemorySegment[] {validity, offsets(a, b, 8, ra, rb)};
                children = new ArrayData[] {listChild(a, ra, b, rb)};
            }
            case ArrowType.ListView t -> {
                children = new ArrayData[] {run(a.child(0), b.child(0))};
                buffers = listView(a, b, validity, 4);
            }
            case ArrowType.LargeListView t -> {
                children = new ArrayData[] {run(a.child(0), b.child(0))};
                buffers = listView(a, b, validity, 8);
            }
            case ArrowType.BinaryView t -> buffers = views(a, b, validity);
            case ArrowType.Utf8View t -> buffers = views(a, b, validity);
            case ArrowType.Union t -> {
                MemorySegment types = allocator.allocate(Math.max(n, 1), 8).asSlice(0, n);
                MemorySegment.copy(a.buffer(0), a.offset(), types, 0, a.length());
                MemorySegment.copy(b.buffer(0), b.offset(), types, a.length(), b.length());
                children = new ArrayData[a.childCount()];
                if (t.mode() == UnionMode.SPARSE) {
                    buffers = new MemorySegment[] {types};
                    for (int i = 0; i < children.length; i++) {
                        children[i] = run(a.child(i).slice(a.offset(), a.length()),
                                b.child(i).slice(b.offset(), b.length()));
                    }
                } else {
                    int[] childOf = childOf(t, a.childCount());
                    MemorySegment offsets = allocator.allocate(Math.max(4L * n, 4), 8).asSlice(0, 4L * n);
                    for (int i = 0; i < a.length(); i++) {
                        offsets.setAtIndex(LE.INT, i, a.buffer(1).getAtIndex(LE.INT, a.offset() + i));
                    }
                    for (int i = 0; i < b.length(); i++) {
                        int c = childOf[b.buffer(0).get(LE.BYTE, b.offset() + i) & 0x7F];
                        offsets.setAtIndex(LE.INT, a.length() + i,
                                b.buffer(1).getAtIndex(LE.INT, b.offset() + i) + a.child(c).length());
                    }
                    buffers = new MemorySegment[] {types, offsets};
                    for (int i = 0; i < children.length; i++) children[i] = run(a.child(i), b.child(i));
                }
            }
            case ArrowType.RunEndEncoded t -> {
                buffers = new MemorySegment[0];
                children = runEndEncoded(a, b);
            }
            default -> {
                int bits = Layout.fixedBitWidth(type);
                long w = type instanceof ArrowType.FixedSizeBinary f ? f.byteWidth() : bits / 8;
                if (w <= 0 || (bits > 0 && bits % 8 != 0)) throw new IllegalArgumentException("cannot concatenate " + type);
                MemorySegment values = allocator.allocate(Math.max(w * n, 1), 8).asSlice(0, w * n);
                MemorySegment.copy(a.buffer(1), a.offset() * w, values, 0, a.length() * w);
                MemorySegment.copy(b.buffer(1), b.offset() * w, values, a.length() * w, b.length() * w);
                buffers = new MemorySegment[] {validity, values};
            }
        }
        return new ArrayData(type, n, 0, nulls, buffers, children, dictionary);
    }

    /** {@code n} as an int, or a {@link LimitExceededException} naming what it counts. */
    private static int length(long n, String what) {
        if (n > Integer.MAX_VALUE) {
            throw new LimitExceededException("the concatenated array would hold " + n + " " + what
                    + ", more than the largest supported array length (" + Integer.MAX_VALUE + ")");
        }
        return (int) n;
    }

    /** Checks that 32-bit offsets can address {@code total} bytes or child values. */
    private static void offsetsHold(int width, long total, ArrowType type, String what) {
        if (width == 4 && total > Integer.MAX_VALUE) {
            throw new InvalidDataException("the concatenated " + type + " would span " + total + " " + what
                    + ", beyond what 32-bit offsets hold (" + Integer.MAX_VALUE + ")");
        }
    }

    /** The child values of a fixed-size list's slots. */
    private static ArrayData fixedSizeChild(ArrayData d, int size) {
        long from = (long) d.offset() * size;
        long count = (long) d.length() * size;
        Objects.checkFromIndexSize(from, count, d.child(0).length());
        return d.child(0).slice((int) from, (int) count);
    }

    private MemorySegment validity(ArrayData a, ArrayData b, int n) {
        if (a.nullCount() == 0 && b.nullCount() == 0) return ArrayData.ABSENT;
        long bytes = Bits.bytesFor(n);
        MemorySegment out = allocator.allocate(Math.max(bytes, 1), 8).asSlice(0, bytes);
        for (int i = 0; i < a.length(); i++) if (!a.isNull(i)) Bits.set(out, i, true);
        for (int i = 0; i < b.length(); i++) if (!b.isNull(i)) Bits.set(out, (long) a.length() + i, true);
        return out;
    }

    private MemorySegment bits(MemorySegment sa, ArrayData a, MemorySegment sb, ArrayData b, int n) {
        long bytes = Bits.bytesFor(n);
        MemorySegment out = allocator.allocate(Math.max(bytes, 1), 8).asSlice(0, bytes);
        for (int i = 0; i < a.length(); i++) if (Bits.get(sa, (long) a.offset() + i)) Bits.set(out, i, true);
        for (int i = 0; i < b.length(); i++) {
            if (Bits.get(sb, (long) b.offset() + i)) Bits.set(out, (long) a.length() + i, true);
        }
        return out;
    }

    private static long offsetAt(ArrayData d, int width, long i) {
        if (d.buffer(1).byteSize() == 0) return 0;   // zero-length arrays may omit their offsets
        return width == 4 ? d.buffer(1).getAtIndex(LE.INT, i) : d.buffer(1).getAtIndex(LE.LONG, i);
    }

    /** [first, last) of the values the offsets of {@code d} span, within {@code limit}. */
    private static long[] range(ArrayData d, int width, long limit) {
        long[] r = {offsetAt(d, width, d.offset()), offsetAt(d, width, (long) d.offset() + d.length())};
        Objects.checkFromToIndex(r[0], r[1], limit);
        return r;
    }

    /** [first, last) of a list's offsets, within its child. */
    private static long[] range(ArrayData d, int width) {
        return range(d, width, d.child(0).length());
    }

    private MemorySegment offsets(ArrayData a, ArrayData b, int width, long[] ra, long[] rb) {
        offsetsHold(width, (ra[1] - ra[0]) + (rb[1] - rb[0]), a.type(), "values");
        int n = a.length() + b.length();
        MemorySegment out = allocator.allocate((long) (n + 1) * width, 8);
        long shift = ra[1] - ra[0];
        for (int i = 0; i <= a.length(); i++) put(out, width, i, offsetAt(a, width, (long) a.offset() + i) - ra[0]);
        for (int i = 1; i <= b.length(); i++) {
            put(out, width, a.length() + i, offsetAt(b, width, (long) b.offset() + i) - rb[0] + shift);
        }
        return out;
    }

    /** Stores an offset; 32-bit ones wrap (the totals were checked: only garbage from unvalidated inputs wraps). */
    private static void put(MemorySegment s, int width, long i, long v) {
        if (width == 4) s.setAtIndex(LE.INT, i, (int) v); else s.setAtIndex(LE.LONG, i, v);
    }

    private ArrayData listChild(ArrayData a, long[] ra, ArrayData b, long[] rb) {
        // range() checked both spans against their children, whose lengths are ints
        return run(a.child(0).slice((int) ra[0], (int) (ra[1] - ra[0])),
                b.child(0).slice((int) rb[0], (int) (rb[1] - rb[0])));
    }

    private MemorySegment[] varBinary(ArrayData a, ArrayData b, MemorySegment validity, int width) {
        long[] ra = range(a, width, a.buffer(2).byteSize());
        long[] rb = range(b, width, b.buffer(2).byteSize());
        long size = (ra[1] - ra[0]) + (rb[1] - rb[0]);
        offsetsHold(width, size, a.type(), "bytes");
        MemorySegment data = allocator.allocate(Math.max(size, 1), 8).asSlice(0, size);
        MemorySegment.copy(a.buffer(2), ra[0], data, 0, ra[1] - ra[0]);
        MemorySegment.copy(b.buffer(2), rb[0], data, ra[1] - ra[0], rb[1] - rb[0]);
        return new MemorySegment[] {validity, offsets(a, b, width, ra, rb), data};
    }

    /** List views: b's offsets move past a's whole child, which the result's child begins with. */
    private MemorySegment[] listView(ArrayData a, ArrayData b, MemorySegment validity, int width) {
        int n = a.length() + b.length();
        MemorySegment offsets = allocator.allocate(Math.max((long) n * width, 1), 8).asSlice(0, (long) n * width);
        MemorySegment sizes = allocator.allocate(Math.max((long) n * width, 1), 8).asSlice(0, (long) n * width);
        for (int i = 0; i < a.length(); i++) {
            put(offsets, width, i, get(a.buffer(1), width, (long) a.offset() + i));
            put(sizes, width, i, get(a.buffer(2), width, (long) a.offset() + i));
        }
        long shift = a.child(0).length();
        for (int i = 0; i < b.length(); i++) {
            put(offsets, width, a.length() + i, get(b.buffer(1), width, (long) b.offset() + i) + shift);
            put(sizes, width, a.length() + i, get(b.buffer(2), width, (long) b.offset() + i));
        }
        return new MemorySegment[] {validity, offsets, sizes};
    }

    private static long get(MemorySegment s, int width, long i) {
        return width == 4 ? s.getAtIndex(LE.INT, i) : s.getAtIndex(LE.LONG, i);
    }

    /** Views: b's out-of-line views point at its data buffers, which follow a's. */
    private MemorySegment[] views(ArrayData a, ArrayData b, MemorySegment validity) {
        int n = a.length() + b.length();
        MemorySegment views = allocator.allocate(Math.max(16L * n, 1), 8).asSlice(0, 16L * n);
        MemorySegment.copy(a.buffer(1), 16L * a.offset(), views, 0, 16L * a.length());
        MemorySegment.copy(b.buffer(1), 16L * b.offset(), views, 16L * a.length(), 16L * b.length());
        int aData = a.bufferCount() - 2;
        for (int i = 0; i < b.length(); i++) {
            long at = 16L * (a.length() + i);
            if (views.get(LE.INT, at) > 12) views.set(LE.INT, at + 8, views.get(LE.INT, at + 8) + aData);
        }
        MemorySegment[] out = new MemorySegment[2 + aData + b.bufferCount() - 2];
        out[0] = validity;
        out[1] = views;
        for (int i = 0; i < aData; i++) out[2 + i] = a.buffer(2 + i);
        for (int i = 2; i < b.bufferCount(); i++) out[aData + i] = b.buffer(i);
        return out;
    }

    private static int[] childOf(ArrowType.Union u, int count) {
        int[] childOf = new int[128];
        int[] ids = u.typeIds();
        for (int c = 0; c < count; c++) childOf[ids == null ? c : ids[c]] = c;
        return childOf;
    }

    /** Runs covering each logical range, b's run ends shifted by a's length. */
    private ArrayData[] runEndEncoded(ArrayData a, ArrayData b) {
        int[] pa = physical(a);
        int[] pb = physical(b);
        ArrayData ends = a.child(0);
        int width = ((ArrowType.Int) ends.type()).bitWidth() / 8;
        long last = (long) a.length() + b.length();
        if (width == 2 && last > Short.MAX_VALUE) {
            throw new InvalidDataException("the concatenated run-end encoded array would end at " + last
                    + ", beyond what int16 run ends hold (" + Short.MAX_VALUE + ")");
        }
        int count = pa[1] + pb[1];
        MemorySegment out = allocator.allocate(Math.max((long) count * width, 1), 8).asSlice(0, (long) count * width);
        int k = 0;
        for (int j = 0; j < pa[1]; j++) {
            putEnd(out, width, k++, Math.min(runEnd(a.child(0), pa[0] + j), (long) a.offset() + a.length()) - a.offset());
        }
        for (int j = 0; j < pb[1]; j++) {
            putEnd(out, width, k++, Math.min(runEnd(b.child(0), pb[0] + j), (long) b.offset() + b.length())
                    - b.offset() + a.length());
        }
        ArrayData runEnds = new ArrayData(ends.type(), count, 0, 0, new MemorySegment[] {ArrayData.ABSENT, out},
                null, null);
        ArrayData values = run(a.child(1).slice(pa[0], pa[1]), b.child(1).slice(pb[0], pb[1]));
        return new ArrayData[] {runEnds, values};
    }

    private static void putEnd(MemorySegment s, int width, int i, long v) {
        switch (width) {
            case 2 -> s.setAtIndex(LE.SHORT, i, (short) v);
            case 4 -> s.setAtIndex(LE.INT, i, (int) v);
            default -> s.setAtIndex(LE.LONG, i, v);
        }
    }

    private static long runEnd(ArrayData ends, int i) {
        int width = ((ArrowType.Int) ends.type()).bitWidth() / 8;
        long at = (long) (ends.offset() + i) * width;
        return switch (width) {
            case 2 -> ends.buffer(1).get(LE.SHORT, at);
            case 4 -> ends.buffer(1).get(LE.INT, at);
            default -> ends.buffer(1).get(LE.LONG, at);
        };
    }

    /** {first run, number of runs} covering the logical range of {@code d}. */
    private static int[] physical(ArrayData d) {
        if (d.length() == 0) return new int[] {0, 0};
        int first = runContaining(d.child(0), d.offset());
        int last = runContaining(d.child(0), (long) d.offset() + d.length() - 1);
        if (last < first) {
            throw new InvalidDataException("run ends of a run-end encoded array are not increasing");
        }
        return new int[] {first, last - first + 1};
    }

    private static int runContaining(ArrayData ends, long p) {
        int lo = 0;
        int hi = ends.length() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (runEnd(ends, mid) > p) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
