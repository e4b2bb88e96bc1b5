package dev.quiver.type;

import java.util.Objects;

/**
 * Dictionary encoding of a field ({@code DictionaryEncoding} in {@code Schema.fbs}): the field's
 * {@link Field#type()} is the type of the dictionary values; {@code indexType} is the index type.
 */
public record DictionaryEncoding(long id, ArrowType.Int indexType, boolean ordered) {
    public DictionaryEncoding {
        Objects.requireNonNull(indexType, "indexType");
    }

    public static DictionaryEncoding of(long id) {
        return new DictionaryEncoding(id, ArrowTypes.INT32, false);
    }

    public DictionaryEncoding withIndexType(ArrowType.Int type) { return new DictionaryEncoding(id, type, ordered); }
    public DictionaryEncoding withOrdered(boolean o) { return new DictionaryEncoding(id, indexType, o); }
}
