package dev.quiver.type;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An ordered list of fields with schema-level custom metadata and the endianness of the data. */
public record Schema(List<Field> fields, Map<String, String> metadata, Endianness endianness) {

    public Schema {
        fields = List.copyOf(fields);
        metadata = metadata == null || metadata.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        endianness = endianness == null ? Endianness.LITTLE : endianness;
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields), null, Endianness.LITTLE);
    }

    public static Schema of(List<Field> fields) {
        return new Schema(fields, null, Endianness.LITTLE);
    }

    public Schema withMetadata(Map<String, String> m) { return new Schema(fields, m, endianness); }
    public Schema withEndianness(Endianness e) { return new Schema(fields, metadata, e); }

    public Field field(int i) { return fields.get(i); }

    /** Index of the first field with this name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (Objects.equals(fields.get(i).name(), name)) return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append(fields.get(i));
        }
        if (!metadata.isEmpty()) sb.append("\n-- metadata: ").append(metadata);
        return sb.toString();
    }
}
