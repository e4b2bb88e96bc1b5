package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.memory.Loads;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;

import java.lang.foreign.MemorySegment;

/**
 * Dictionary-encoded values: integer indices (the array's own buffers) into a dictionary array.
 * {@link #getObject} gives the dictionary value's object; an index outside the dictionary (never after FULL
 * validation) is an {@link IndexOutOfBoundsException}.
 */
public final class DictionaryArray extends NestedArray {
    private final MemorySegment values;
    private final boolean nativeValues;
    private final int bitWidth;
    private final boolean signed;
    private Array indices;
    private Array dictionary;

    DictionaryArray(ArrayData data) {
        super(data);
        if (data.dictionary() == null) throw new IllegalArgumentException("array has no dictionary: " + data);
        this.values = Array.buffer(data, 1);
        this.nativeValues = values.isNative();
        // a non-integer index type fails validation; here it only makes getIndex throw (as the cast in indexType)
        this.bitWidth = data.type() instanceof ArrowType.Int t ? t.bitWidth() : 0;
        this.signed = data.type() instanceof ArrowType.Int t && t.signed();
    }

    /**
     * The index type.
     *
     * @return the index type
     */
    public ArrowType.Int indexType() {
        return (ArrowType.Int) data.type();
    }

    /**
     * The indices as a plain integer array.
     *
     * @return the indices
     */
    public Array indices() {
        Array a = indices;
        if (a == null) {
            indices = a = Array.of(new ArrayData(data.type(), data.length(), data.offset(), data.nullCount(),
                    data.buffers(), data.children(), null));
        }
        return a;
    }

    /**
     * The dictionary values as the typed array {@code type}.
     *
     * @param <T>  the array class
     * @param type the expected array class, such as {@code Utf8Array.class}
     * @return the dictionary
     * @throws IllegalArgumentException if the dictionary is not a {@code type}
     */
    public <T extends Array> T dictionary(Class<T> type) {
        return Typed.as(dictionary(), type, "the dictionary");
    }

    /**
     * Returns the dictionary values.
     *
     * @return the dictionary values
     */
    public Array dictionary() {
        Array a = dictionary;
        if (a == null) {
            Field f = field;
            Field values = f == null || f.dictionary() == null ? null : f.withDictionary(null);
            dictionary = a = ArrayViews.wrap(data.dictionary(),
                    values != null && Array.mismatch(values, data.dictionary()) == null ? values : null);
        }
        return a;
    }

    /**
     * Index of slot {@code i} (uint64 indices above 2^63-1 come back negative).
     *
     * @param i the slot
     * @return the index into the dictionary
     */
    public long getIndex(int i) {
        long p = pos(i);
        return switch (bitWidth) {
            case 0 -> throw new IllegalStateException("dictionary indices must be integers, not " + data.type());
            case 32 -> {
                int index = nativeValues ? Loads.intNative(values, p * 4) : Loads.intHeap(values, p * 4);
                yield signed ? index : Integer.toUnsignedLong(index);
            }
            case 8 -> signed ? values.get(LE.BYTE, p) : Byte.toUnsignedLong(values.get(LE.BYTE, p));
            case 16 -> signed ? values.get(LE.SHORT, p * 2) : Short.toUnsignedLong(values.get(LE.SHORT, p * 2));
            default -> values.get(LE.LONG, p * 8);
        };
    }

    @Override
    Object object(int i, boolean display) {
        return dictionary().value(checkedIndex(i), display);
    }

    private int checkedIndex(int i) {
        long index = getIndex(i);
        if (index < 0 || index >= data.dictionary().length()) {
            throw new IndexOutOfBoundsException("dictionary index " + (signed || index >= 0 ? Long.toString(index)
                    : Long.toUnsignedString(index)) + " at slot " + i + " is outside the dictionary of "
                    + data.dictionary().length() + " values");
        }
        return (int) index;
    }
}
