package dev.quiver.array;

import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * One column of a {@link Table}: the column's arrays in each batch, read as one sequence of values, as PyArrow's
 * {@code pa.ChunkedArray}. Zero-copy: the chunks are the batches' own column arrays, valid while those are.
 * Positions are {@code long}, counted over all chunks.
 */
public final class ChunkedArray implements Iterable<Array> {
    private final Field field;
    private final List<Array> chunks;
    private final long[] starts; // starts[k]: position of chunk k's first value; starts[chunks] = length

    private ChunkedArray(Field field, List<Array> chunks) {
        this.field = field;
        this.chunks = chunks;
        this.starts = new long[chunks.size() + 1];
        for (int k = 0; k < chunks.size(); k++) starts[k + 1] = starts[k] + chunks.get(k).length();
    }

    /**
     * The chunks of one column described by {@code field}.
     *
     * @param field  the column's field
     * @param chunks the arrays, in order
     * @return the chunked array
     * @throws IllegalArgumentException if a chunk does not match the field (type, dictionary encoding)
     */
    public static ChunkedArray of(Field field, List<? extends Array> chunks) {
        Objects.requireNonNull(field, "field");
        List<Array> described = new ArrayList<>(chunks.size());
        for (int k = 0; k < chunks.size(); k++) {
            Array c = Objects.requireNonNull(chunks.get(k), "chunk");
            String why = Array.mismatch(field, c.data());
            if (why != null) throw new IllegalArgumentException("chunk " + k + " of '" + field.name() + "': " + why);
            described.add(c.field == field || field.equals(c.field) ? c : ArrayViews.wrap(c.data(), field));
        }
        return new ChunkedArray(field, List.copyOf(described));
    }

    /**
     * Returns the column's field.
     *
     * @return the column's field
     */
    public Field field() { return field; }

    /**
     * Returns the column's type (the value type of a dictionary-encoded column).
     *
     * @return the column's type (the value type of a dictionary-encoded column)
     */
    public ArrowType type() { return field.type(); }

    /**
     * Returns the chunks, in order (unmodifiable).
     *
     * @return the chunks, in order (unmodifiable)
     */
    public List<Array> chunks() { return chunks; }

    /**
     * The chunks as the typed array {@code type}: {@code for (Int64Array c : table.column("id").chunks(Int64Array.class))}.
     *
     * @param <T>  the array class
     * @param type the expected array class
     * @return the chunks, in order (unmodifiable)
     * @throws IllegalArgumentException if the chunks are not {@code type}s (the message names the column and type)
     */
    public <T extends Array> List<T> chunks(Class<T> type) {
        List<T> out = new ArrayList<>(chunks.size());
        for (Array c : chunks) out.add(Typed.as(c, type, "column '" + field.name() + "'"));
        return Collections.unmodifiableList(out);
    }

    /**
     * Returns the number of chunks.
     *
     * @return the number of chunks
     */
    public int numChunks() { return chunks.size(); }

    /**
     * Returns chunk {@code k}.
     *
     * @param k the chunk's position
     * @return chunk {@code k}
     */
    public Array chunk(int k) { return chunks.get(k); }

    /**
     * Returns the number of values over all chunks.
     *
     * @return the number of values over all chunks
     */
    public long length() { return starts[chunks.size()]; }

    /**
     * Returns the number of null values over all chunks.
     *
     * @return the number of null values over all chunks
     */
    public long nullCount() {
        long n = 0;
        for (Array c : chunks) n += c.nullCount();
        return n;
    }

    /** The chunk holding position {@code i}. */
    private int chunkOf(long i) {
        Objects.checkIndex(i, length());
        int k = java.util.Arrays.binarySearch(starts, i);
        if (k < 0) return -k - 2;
        while (chunks.get(k).length() == 0) k++; // empty chunks share their start with the next one
        return k;
    }

    /**
     * Returns whether value {@code i} is null.
     *
     * @param i the position over all chunks
     * @return whether value {@code i} is null
     */
    public boolean isNull(long i) {
        int k = chunkOf(i);
        return chunks.get(k).isNull((int) (i - starts[k]));
    }

    /**
     * Value {@code i} as {@link Array#getObject(int)} gives it.
     *
     * @param i the position over all chunks
     * @return the value, or null
     */
    public Object getObject(long i) {
        int k = chunkOf(i);
        return chunks.get(k).getObject((int) (i - starts[k]));
    }

    /**
     * Value {@code i} checked to be a {@code javaType}, as {@link Array#getObject(int, Class)}.
     *
     * @param <T>      the Java class
     * @param i        the position over all chunks
     * @param javaType the value's class
     * @return the value, or null
     * @throws IllegalArgumentException if the value is not a {@code javaType}
     */
    public <T> T getObject(long i, Class<T> javaType) {
        int k = chunkOf(i);
        return chunks.get(k).getObject((int) (i - starts[k]), javaType);
    }

    /**
     * Every value as {@link Array#getObject(int)} gives it, in order: for small data.
     *
     * @return the values
     */
    public List<Object> toList() {
        List<Object> out = new ArrayList<>();
        for (Array c : chunks) out.addAll(c.toList());
        return out;
    }

    /**
     * Values {@code [offset, offset + length)}, zero-copy (slices of the chunks they touch).
     *
     * @param offset the first position
     * @param length the number of values
     * @return the slice
     * @throws IndexOutOfBoundsException if the range is not inside {@code [0, length())}
     */
    public ChunkedArray slice(long offset, long length) {
        Objects.checkFromIndexSize(offset, length, length());
        List<Array> out = new ArrayList<>();
        long end = offset + length;
        for (int k = 0; k < chunks.size(); k++) {
            long from = Math.max(offset, starts[k]);
            long to = Math.min(end, starts[k + 1]);
            if (from < to) out.add(chunks.get(k).slice((int) (from - starts[k]), (int) (to - from)));
        }
        return new ChunkedArray(field, List.copyOf(out));
    }

    /**
     * The chunks concatenated into one array in new memory (reclaimed by the garbage collector; a single chunk is
     * returned as it is), as PyArrow's
     * {@code combine_chunks()}.
     *
     * @return one array of all values
     * @throws UnsupportedOperationException if the chunks are dictionary-encoded with different dictionaries
     * @throws dev.quiver.LimitExceededException if the result would exceed 2^31-1 values
     */
    public Array combineChunks() {
        if (chunks.isEmpty()) return Arrow.of(field.withName(""), List.of());
        ArrayData out = chunks.get(0).data();
        for (int k = 1; k < chunks.size(); k++) {
            ArrayData next = chunks.get(k).data();
            if (out.dictionary() != null && out.dictionary() != next.dictionary()
                    && ArrayEquality.compare(Array.of(out.dictionary()), Array.of(next.dictionary())) != null) {
                throw new UnsupportedOperationException("the chunks of '" + field.name() + "' have different "
                        + "dictionaries: decode them first");
            }
            out = ArrayConcat.concat(out, next, Arena.ofAuto());
        }
        return ArrayViews.wrap(out, field);
    }

    @Override
    public Iterator<Array> iterator() { return chunks.iterator(); }

    @Override
    public String toString() {
        return "ChunkedArray(" + field + ", " + length() + " values in " + chunks.size()
                + (chunks.size() == 1 ? " chunk)" : " chunks)");
    }
}
