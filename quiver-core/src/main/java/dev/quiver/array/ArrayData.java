package dev.quiver.array;

import dev.quiver.memory.Bits;
import dev.quiver.type.ArrowType;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The physical contents of one array: its storage type, logical length and offset into its buffers, null
 * count, buffers in {@link Layout} order, children, and for dictionary-encoded arrays the dictionary.
 * Immutable; the buffers are never written after construction.
 *
 * <p>For a dictionary-encoded array {@code type} is the index type and {@code dictionary} holds the values.
 * An absent validity bitmap is a zero-length segment, allowed only when {@code nullCount == 0}.
 */
public final class ArrayData {
    /** Zero-length segment standing for an absent buffer. */
    public static final MemorySegment ABSENT = MemorySegment.ofArray(new byte[0]);

    private final ArrowType type;
    private final int length;
    private final int offset;
    private final int nullCount;
    private final MemorySegment[] buffers;
    private final ArrayData[] children;
    private final ArrayData dictionary;

    public ArrayData(ArrowType type, int length, int offset, int nullCount, MemorySegment[] buffers,
                     ArrayData[] children, ArrayData dictionary) {
        this.type = Objects.requireNonNull(type, "type");
        if (length < 0 || offset < 0 || nullCount < 0 || nullCount > length) {
            throw new IllegalArgumentException("bad array dimensions: length " + length + ", offset " + offset
                    + ", null count " + nullCount);
        }
        this.length = length;
        this.offset = offset;
        this.nullCount = nullCount;
        this.buffers = buffers.clone();
        for (int i = 0; i < this.buffers.length; i++) {
            if (this.buffers[i] == null) this.buffers[i] = ABSENT;
        }
        this.children = children == null ? new ArrayData[0] : children.clone();
        this.dictionary = dictionary;
    }

    public ArrowType type() { return type; }
    public int length() { return length; }
    public int offset() { return offset; }
    public int nullCount() { return nullCount; }
    public int bufferCount() { return buffers.length; }
    public MemorySegment buffer(int i) { return buffers[i]; }
    public MemorySegment[] buffers() { return buffers.clone(); }
    public int childCount() { return children.length; }
    public ArrayData child(int i) { return children[i]; }
    public ArrayData[] children() { return children.clone(); }
    public ArrayData dictionary() { return dictionary; }

    /** The validity bitmap (buffer 0), or {@link #ABSENT} for types without one or when all are valid. */
    public MemorySegment validity() {
        return Layout.hasValidity(type) && buffers.length > 0 ? buffers[0] : ABSENT;
    }

    /** Whether slot {@code i} (0-based within this array, before offset) is null. */
    public boolean isNull(int i) {
        Objects.checkIndex(i, length);
        if (type instanceof ArrowType.Null) return true;
        if (nullCount == 0 || !Layout.hasValidity(type)) return false;
        return !Bits.get(buffers[0], (long) offset + i);
    }

    /**
     * A deep copy of this array (buffers, children, dictionary) in memory of {@code arena}, readable for as
     * long as the arena is open, whatever happens to the memory of this one.
     */
    public ArrayData copyTo(java.lang.foreign.Arena arena) {
        return ArrayCopier.copy(this, arena);
    }

    /**
     * A zero-copy slice sharing the buffers; the null count is recomputed from the bitmap.
     *
     * @throws IndexOutOfBoundsException if {@code [from, from + count)} is not inside {@code [0, length())}, or the
     *                                   slice's offset into the buffers would exceed {@link Integer#MAX_VALUE} (no
     *                                   valid array has one; unvalidated data may)
     */
    public ArrayData slice(int from, int count) {
        Objects.checkFromIndexSize(from, count, length);
        if ((long) offset + from > Integer.MAX_VALUE) {
            throw new IndexOutOfBoundsException("slice at " + from + " of an array at offset " + offset
                    + " would start beyond offset " + Integer.MAX_VALUE);
        }
        int nulls;
        if (type instanceof ArrowType.Null) {
            nulls = count;
        } else if (nullCount == 0 || !Layout.hasValidity(type)) {
            nulls = 0;
        } else if (count == length) {
            nulls = nullCount;
        } else {
            nulls = count - (int) Bits.countSet(buffers[0], (long) offset + from, count);
        }
        return new ArrayData(type, count, offset + from, nulls, buffers, children, dictionary);
    }

    @Override
    public String toString() {
        return "ArrayData[" + type + ", length " + length + ", offset " + offset + ", nulls " + nullCount + "]";
    }
}
