package dev.quiver.type;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ordered list of fields with schema-level custom metadata and the endianness of the data.
 *
 * @param metadataPresent whether the schema carries a custom metadata list even when it is empty. IPC (like
 *                        Arrow C++) tells an absent list from an empty one: a schema read with an empty list
 *                        has this set, so writing it back gives the same bytes. Always true when
 *                        {@code metadata} is not empty. It does not take part in {@link #equals}: an empty
 *                        list and none mean the same.
 */
public record Schema(List<Field> fields, Map<String, String> metadata, Endianness endianness,
                     boolean metadataPresent) {

    public Schema {
        fields = List.copyOf(fields);
        metadataPresent = metadataPresent || (metadata != null && !metadata.isEmpty());
        metadata = metadata == null || metadata.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        endianness = endianness == null ? Endianness.LITTLE : endianness;
    }

    /** A schema whose custom metadata list is written only when {@code metadata} is not empty. */
    public Schema(List<Field> fields, Map<String, String> metadata, Endianness endianness) {
        this(fields, metadata, endianness, false);
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields), null, Endianness.LITTLE);
    }

    public static Schema of(List<Field> fields) {
        return new Schema(fields, null, Endianness.LITTLE);
    }

    public Schema withMetadata(Map<String, String> m) { return new Schema(fields, m, endianness); }
    public Schema withEndianness(Endianness e) { return new Schema(fields, metadata, e, metadataPresent); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && fields.equals(s.fields) && metadata.equals(s.metadata)
                && endianness == s.endianness;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, metadata, endianness);
    }

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
