package dev.quiver.json;

import dev.quiver.array.ArrayData;
import dev.quiver.type.Schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of an integration JSON file.
 *
 * @param schema       the schema
 * @param dictionaries dictionary values by dictionary id, in file order (the values' type is the type of the
 *                     dictionary-encoded field)
 * @param batches      the record batches
 */
public record JsonFile(Schema schema, Map<Long, ArrayData> dictionaries, List<JsonBatch> batches) {
    public JsonFile {
        Objects.requireNonNull(schema, "schema");
        dictionaries = dictionaries == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(dictionaries));
        batches = List.copyOf(batches);
    }
}
