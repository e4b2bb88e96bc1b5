package dev.quiver.json;

import dev.quiver.array.ArrayData;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link JsonFile} to JSON: "schema", then "dictionaries" when the schema uses any, then "batches". */
final class JsonFileWriter {
    private final JsonWriter w;
    private final ColumnWriter columns;

    JsonFileWriter(JsonWriter w) {
        this.w = w;
        this.columns = new ColumnWriter(w);
    }

    void write(JsonFile file) {
        Schema schema = file.schema();
        Map<Long, Field> dictFields = new LinkedHashMap<>();
        for (Field f : schema.fields()) collect(f, dictFields);
        Map<Long, ArrayData> dicts = dictionaries(file, dictFields);

        w.beginObject();
        w.name("schema");
        new SchemaWriter(w).schema(schema);
        if (!dictFields.isEmpty()) {
            w.name("dictionaries").beginArray();
            for (Map.Entry<Long, ArrayData> e : dicts.entrySet()) {
                long id = e.getKey();
                Field field = dictFields.get(id);
                if (field == null) {
                    throw new IllegalArgumentException("dictionary id " + id + " is not used by the schema");
                }
                ArrayData values = e.getValue();
                w.beginObject();
                w.name("id").value(id);
                w.name("data").beginObject();
                w.name("count").value(values.length());
                w.name("columns").beginArray();
                columns.write(field, values, "DICT" + id, "dictionary " + id);
                w.endArray();
                w.endObject();
                w.endObject();
            }
            w.endArray();
        }
        w.name("batches").beginArray();
        for (JsonBatch b : file.batches()) {
            List<ArrayData> cols = b.columns();
            if (cols.size() != schema.fields().size()) {
                throw new IllegalArgumentException("batch has " + cols.size() + " columns but the schema has "
                        + schema.fields().size() + " fields");
            }
            w.beginObject();
            w.name("count").value(b.length());
            w.name("columns").beginArray();
            for (int i = 0; i < cols.size(); i++) {
                Field f = schema.field(i);
                if (cols.get(i).length() != b.length()) {
                    throw new IllegalArgumentException("column '" + f.name() + "' has " + cols.get(i).length()
                            + " values but the batch has " + b.length());
                }
                columns.write(f, cols.get(i), f.name(), f.name());
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.endObject();
        w.finish();
    }

    /** Dictionary value fields by id: the field's type and children without its own encoding. */
    private static void collect(Field f, Map<Long, Field> out) {
        if (f.dictionary() != null) out.putIfAbsent(f.dictionary().id(), f.withDictionary(null));
        for (Field c : f.children()) collect(c, out);
    }

    /**
     * The dictionaries to write: those of the file, then any the schema uses that only the columns carry
     * (through {@link ArrayData#dictionary()}).
     */
    private static Map<Long, ArrayData> dictionaries(JsonFile file, Map<Long, Field> dictFields) {
        Map<Long, ArrayData> out = new LinkedHashMap<>(file.dictionaries());
        for (JsonBatch b : file.batches()) {
            for (int i = 0; i < b.columns().size() && i < file.schema().fields().size(); i++) {
                fromColumns(file.schema().field(i), b.columns().get(i), out);
            }
        }
        // without batches nothing needs a dictionary's values (as an IPC stream without batches has no dictionary
        // batch, and the reader accepts such a file); with batches every dictionary the schema declares is written
        for (Long id : dictFields.keySet()) {
            if (!out.containsKey(id) && !file.batches().isEmpty()) {
                throw new IllegalArgumentException("no values for dictionary id " + id);
            }
        }
        return out;
    }

    private static void fromColumns(Field f, ArrayData data, Map<Long, ArrayData> out) {
        if (f.dictionary() != null) {
            if (data.dictionary() != null && !out.containsKey(f.dictionary().id())) {
                out.put(f.dictionary().id(), data.dictionary());
            }
            if (data.dictionary() != null) {
                Field values = f.withDictionary(null);
                for (int k = 0; k < values.children().size() && k < data.dictionary().childCount(); k++) {
                    fromColumns(values.child(k), data.dictionary().child(k), out);
                }
            }
            return;
        }
        for (int k = 0; k < f.children().size() && k < data.childCount(); k++) {
            fromColumns(f.child(k), data.child(k), out);
        }
    }
}
