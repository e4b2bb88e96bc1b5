package dev.quiver.ipc;

import dev.quiver.array.Layout;
import dev.quiver.compress.BufferCodec;
import dev.quiver.memory.LE;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.IntervalUnit;
import dev.quiver.type.UnionMode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the buffers of one array between big-endian (as written by a big-endian machine, with a schema
 * saying {@code endianness: Big}) and little-endian order, following the type's buffer layout: validity
 * bitmaps, booleans, bytes of binary data, union type ids and fixed-size binary values are never swapped;
 * offsets, sizes, fixed-width values, run ends are swapped per value; decimals are whole-width integers (a
 * decimal128 is one 16-byte reversal); day-time intervals are two int32, month-day-nano intervals int32,
 * int32, int64; views swap their length and, for out-of-line views, buffer index and offset (prefix and
 * inline bytes stay). Pure: swapped buffers are new memory from the given allocator, the input is not touched.
 * The transform is its own inverse except for views, whose layout depends on the length, hence the direction.
 */
final class ByteSwap {
    private ByteSwap() {}

    private static final ValueLayout.OfShort BE_SHORT = LE.SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE_INT = LE.INT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong BE_LONG = LE.LONG.withOrder(ByteOrder.BIG_ENDIAN);

    /** How the values of one buffer are swapped. */
    enum Kind {
        /** Bytes and bits: nothing to swap. */
        NONE,
        /** Values of 2, 4, 8, 16 or 32 bytes, each reversed as a whole. */
        W2, W4, W8, W16, W32,
        /** Month-day-nano intervals: int32, int32, int64. */
        MONTH_DAY_NANO,
        /** 16-byte views of binary_view / utf8_view. */
        VIEW
    }

    /** The kind of buffer {@code i} (in {@link Layout} order, variadic buffers last) of an array of {@code type}. */
    static Kind kind(ArrowType type, int i) {
        if (i == 0 && Layout.hasValidity(type)) return Kind.NONE;
        return switch (type) {
            case ArrowType.Bool b -> Kind.NONE;
            case ArrowType.FixedSizeBinary f -> Kind.NONE;
            case ArrowType.Int t -> width(t.bitWidth() / 8);
            case ArrowType.FloatingPoint t -> width(t.bitWidth() / 8);
            case ArrowType.Decimal t -> width(t.bitWidth() / 8);
            case ArrowType.Date t -> width(t.bitWidth() / 8);
            case ArrowType.Time t -> width(t.bitWidth() / 8);
            case ArrowType.Timestamp t -> Kind.W8;
            case ArrowType.Duration t -> Kind.W8;
            case ArrowType.Interval t -> t.unit() == IntervalUnit.MONTH_DAY_NANO ? Kind.MONTH_DAY_NANO : Kind.W4;
            case ArrowType.Binary t -> i == 1 ? Kind.W4 : Kind.NONE;
            case ArrowType.Utf8 t -> i == 1 ? Kind.W4 : Kind.NONE;
            case ArrowType.LargeBinary t -> i == 1 ? Kind.W8 : Kind.NONE;
            case ArrowType.LargeUtf8 t -> i == 1 ? Kind.W8 : Kind.NONE;
            case ArrowType.List t -> Kind.W4;
            case ArrowType.Map t -> Kind.W4;
            case ArrowType.LargeList t -> Kind.W8;
            case ArrowType.ListView t -> Kind.W4;
            case ArrowType.LargeListView t -> Kind.W8;
            case ArrowType.BinaryView t -> i == 1 ? Kind.VIEW : Kind.NONE;
            case ArrowType.Utf8View t -> i == 1 ? Kind.VIEW : Kind.NONE;
            case ArrowType.Union u -> u.mode() == UnionMode.DENSE && i == 1 ? Kind.W4 : Kind.NONE;
            default -> Kind.NONE; // null, struct, fixed-size list, run-end encoded: no buffers besides validity
        };
    }

    private static Kind width(int bytes) {
        return switch (bytes) {
            case 2 -> Kind.W2;
            case 4 -> Kind.W4;
            case 8 -> Kind.W8;
            case 16 -> Kind.W16;
            case 32 -> Kind.W32;
            default -> Kind.NONE;
        };
    }

    /**
     * Swaps, in place in {@code buffers}, every buffer of an array of {@code type} that needs it.
     *
     * @param toLittle true to read big-endian buffers, false to produce big-endian buffers from native ones
     */
    static void swapArrayBuffers(ArrowType type, MemorySegment[] buffers, boolean toLittle, SegmentAllocator allocator) {
        for (int i = 0; i < buffers.length; i++) {
            Kind k = kind(type, i);
            if (k != Kind.NONE) buffers[i] = swap(k, buffers[i], toLittle, allocator);
        }
    }

    /**
     * A swapped copy of {@code src}. A trailing partial value (padding) is copied unchanged. Zero-length
     * buffers and {@link Kind#NONE} are returned as they are.
     */
    static MemorySegment swap(Kind kind, MemorySegment src, boolean toLittle, SegmentAllocator allocator) {
        long size = src.byteSize();
        if (kind == Kind.NONE || size == 0) return src;
        MemorySegment dst = allocator.allocate(size, 8);
        int w = switch (kind) {
            case W2 -> 2;
            case W4 -> 4;
            case W8 -> 8;
            case W16, MONTH_DAY_NANO, VIEW -> 16;
            case W32 -> 32;
            case NONE -> throw new AssertionError();
        };
        long n = size / w;
        switch (kind) {
            // a copy between layouts of opposite byte order swaps every element (a bulk intrinsic)
            case W2 -> MemorySegment.copy(src, BE_SHORT, 0, dst, LE.SHORT, 0, n);
            case W4 -> MemorySegment.copy(src, BE_INT, 0, dst, LE.INT, 0, n);
            case W8 -> MemorySegment.copy(src, BE_LONG, 0, dst, LE.LONG, 0, n);
            case W16, W32 -> {
                int words = w / 8;
                for (long i = 0; i < n; i++) {
                    long at = i * w;
                    for (int k = 0; k < words; k++) {
                        dst.set(LE.LONG, at + 8L * k, src.get(BE_LONG, at + w - 8L * (k + 1)));
                    }
                }
            }
            case MONTH_DAY_NANO -> {
                for (long i = 0; i < n; i++) {
                    long at = i * 16;
                    dst.set(LE.INT, at, src.get(BE_INT, at));
                    dst.set(LE.INT, at + 4, src.get(BE_INT, at + 4));
                    dst.set(LE.LONG, at + 8, src.get(BE_LONG, at + 8));
                }
            }
            case VIEW -> {
                for (long i = 0; i < n; i++) {
                    long at = i * 16;
                    int length = toLittle ? src.get(BE_INT, at) : src.get(LE.INT, at);
                    dst.set(LE.INT, at, src.get(BE_INT, at));
                    if (length > 12) {
                        dst.set(LE.INT, at + 4, src.get(LE.INT, at + 4)); // prefix bytes as they are
                        dst.set(LE.INT, at + 8, src.get(BE_INT, at + 8));
                        dst.set(LE.INT, at + 12, src.get(BE_INT, at + 12));
                    } else {
                        MemorySegment.copy(src, at + 4, dst, at + 4, 12); // inline bytes as they are
                    }
                }
            }
            case NONE -> throw new AssertionError();
        }
        long tail = n * w;
        if (tail < size) MemorySegment.copy(src, tail, dst, tail, size - tail);
        return dst;
    }

    /**
     * The big-endian form of an encoded little-endian batch: each buffer of {@code plain} (encoded without
     * compression) swapped according to the field it belongs to, then compressed with {@code codec} if given.
     * Buffers are matched to fields in the order the decoder reads them.
     *
     * @param fields the fields whose arrays {@code plain} holds (for a dictionary batch, the value field)
     */
    static RecordBatchEncoder.Encoded toBigEndian(List<Field> fields,
                                                  RecordBatchEncoder.Encoded plain, int alignment,
                                                  BufferCodec codec, Arena scratch, CodecPool pool) {
        RecordBatchHeader h = plain.header();
        MemorySegment body = scratch.allocate(Math.max(plain.bodyLength(), 1), 8);
        long at = 0;
        for (MemorySegment part : plain.bodyParts()) {
            MemorySegment.copy(part, 0, body, at, part.byteSize());
            at += part.byteSize();
        }
        List<Kind> kinds = new ArrayList<>();
        int[] variadic = {0};
        for (Field f : fields) kinds(f, h, variadic, kinds);
        if (kinds.size() != h.bufferCount()) {
            throw new IllegalStateException("encoded " + h.bufferCount() + " buffers, the fields have " + kinds.size());
        }
        BodyBuilder out = new BodyBuilder(alignment, codec, scratch, pool);
        for (int i = 0; i < kinds.size(); i++) {
            MemorySegment buffer = body.asSlice(h.bufferOffsets()[i], h.bufferLengths()[i]);
            out.add(swap(kinds.get(i), buffer, false, scratch));
        }
        RecordBatchHeader header = new RecordBatchHeader(h.length(), h.nodeLengths(),
                h.nodeNullCounts(), out.offsets(), out.lengths(), codec == null ? null : codec.type(),
                h.variadicBufferCounts());
        return new RecordBatchEncoder.Encoded(header, out.parts(), out.size());
    }

    private static void kinds(Field f, RecordBatchHeader h,
                              int[] variadic, List<Kind> out) {
        ArrowType type = f.dictionary() != null ? f.dictionary().indexType() : f.type();
        long n = Layout.bufferCount(type);
        if (Layout.hasVariadicBuffers(type)) n += h.variadicBufferCounts()[variadic[0]++];
        for (int i = 0; i < n; i++) out.add(kind(type, i));
        if (f.dictionary() == null) {
            for (Field c : f.children()) kinds(c, h, variadic, out);
        }
    }
}
