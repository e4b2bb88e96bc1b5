package dev.quiver.json;

import dev.quiver.array.ArrayData;

import java.util.List;

/**
 * One record batch of an integration JSON file: its row count and one {@link ArrayData} per schema field.
 * For a dictionary-encoded field the column holds the indices and {@link ArrayData#dictionary()} the values.
 */
public record JsonBatch(int length, List<ArrayData> columns) {
    public JsonBatch {
        if (length < 0) throw new IllegalArgumentException("negative batch length " + length);
        columns = List.copyOf(columns);
    }
}
