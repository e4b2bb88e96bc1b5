package dev.quiver.json;

import dev.quiver.array.ArrayData;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed integration JSON document to a {@link JsonFile}: schema, dictionaries (resolved on demand), batches. */
final class JsonFileReader {
    private final Ctx ctx;
    private final Map<Long, Field> dictionaryFields = new LinkedHashMap<>();
    private final Map<Long, String> dictionaryPaths = new LinkedHashMap<>();
    private final Map<Long, JsonValue.Obj> rawDictionaries = new LinkedHashMap<>();
    private final Map<Long, ArrayData> resolved = new LinkedHashMap<>();
    private final Set<Long> resolving = new HashSet<>();
    private final ColumnReader columns;

    JsonFileReader(String resource) {
        this.ctx = new Ctx(resource);
        this.columns = new ColumnReader(ctx, this::dictionary);
    }

    JsonFile read(JsonValue root) {
        JsonValue.Obj top = ctx.obj(root, "the document", null);
        Schema schema = new SchemaReader(ctx).schema(ctx.require(top, "schema", null));
        for (Field f : schema.fields()) collectDictionaryFields(f, f.name(), top);

        JsonValue dicts = ctx.optional(top, "dictionaries");
        if (dicts != null) {
            for (JsonValue d : ctx.arr(dicts, "\"dictionaries\"", null).items()) {
                JsonValue.Obj o = ctx.obj(d, "a dictionary batch", null);
                JsonValue idNode = ctx.require(o, "id", null);
                long id = ctx.integer(idNode, Long.MIN_VALUE, Long.MAX_VALUE, "dictionary id", null);
                if (!dictionaryFields.containsKey(id)) {
                    throw ctx.invalid("dictionary id " + id + " is not used by any field of the schema", idNode, null);
                }
                if (rawDictionaries.putIfAbsent(id, o) != null) {
                    throw ctx.invalid("dictionary id " + id + " appears twice", idNode, null);
                }
            }
        }
        Map<Long, ArrayData> dictionaries = new LinkedHashMap<>();
        for (Long id : rawDictionaries.keySet()) dictionaries.put(id, dictionary(id, null, null));

        List<JsonBatch> batches = new ArrayList<>();
        JsonValue batchesNode = ctx.optional(top, "batches");
        if (batchesNode != null) {
            JsonValue.Arr arr = ctx.arr(batchesNode, "\"batches\"", null);
            for (int b = 0; b < arr.size(); b++) {
                ctx.scope("batch " + b);
                batches.add(batch(schema, arr.get(b)));
            }
            ctx.scope(null);
        }
        return new JsonFile(schema, dictionaries, batches);
    }

    private JsonBatch batch(Schema schema, JsonValue node) {
        JsonValue.Obj o = ctx.obj(node, "a record batch", null);
        int count = (int) ctx.integer(ctx.require(o, "count", null), 0, Integer.MAX_VALUE, "batch \"count\"", null);
        JsonValue.Arr cols = ctx.arr(ctx.require(o, "columns", null), "\"columns\"", null);
        if (cols.size() != schema.fields().size()) {
            throw ctx.invalid("batch has " + cols.size() + " columns but the schema has " + schema.fields().size()
                    + " fields", cols, null);
        }
        List<ArrayData> out = new ArrayList<>(cols.size());
        for (int i = 0; i < cols.size(); i++) {
            Field f = schema.field(i);
            ArrayData a = columns.read(f, cols.get(i), f.name(), true);
            if (a.length() != count) {
                throw ctx.invalid("column count " + a.length() + " differs from the batch count " + count,
                        cols.get(i), f.name());
            }
            out.add(a);
        }
        return new JsonBatch(count, out);
    }

    private void collectDictionaryFields(Field f, String path, JsonValue at) {
        if (f.dictionary() != null) {
            long id = f.dictionary().id();
            Field values = f.withDictionary(null).withName("").withMetadata(null).withNullable(true);
            Field known = dictionaryFields.putIfAbsent(id, values);
            if (known == null) {
                dictionaryPaths.put(id, path);
            } else if (!known.equals(values)) {
                throw ctx.invalid("dictionary id " + id + " is used with different value types: " + known.type()
                        + " at '" + dictionaryPaths.get(id) + "' and " + f.type(), at, path);
            }
        }
        for (Field c : f.children()) collectDictionaryFields(c, path + "." + c.name(), at);
    }

    /** The values of dictionary {@code id}, reading them on first use (dictionaries may nest). */
    private ArrayData dictionary(long id, JsonValue at, String path) {
        ArrayData done = resolved.get(id);
        if (done != null) return done;
        JsonValue.Obj raw = rawDictionaries.get(id);
        if (raw == null) throw ctx.invalid("dictionary id " + id + " has no entry in \"dictionaries\"", at, path);
        if (!resolving.add(id)) throw ctx.invalid("dictionary id " + id + " contains itself", at, path);
        Field field = dictionaryFields.get(id);
        String dictPath = dictionaryPaths.get(id);
        String outerScope = ctx.scope();
        ctx.scope("dictionary " + id);
        JsonValue.Obj data = ctx.obj(ctx.require(raw, "data", dictPath), "dictionary \"data\"", dictPath);
        int count = (int) ctx.integer(ctx.require(data, "count", dictPath), 0, Integer.MAX_VALUE,
                "dictionary \"count\"", dictPath);
        JsonValue.Arr cols = ctx.arr(ctx.require(data, "columns", dictPath), "dictionary \"columns\"", dictPath);
        if (cols.size() != 1) throw ctx.invalid("a dictionary batch must have exactly one column", cols, dictPath);
        ArrayData values = columns.read(field, cols.get(0), dictPath, false);
        if (values.length() != count) {
            throw ctx.invalid("dictionary column count " + values.length() + " differs from its batch count " + count,
                    cols.get(0), dictPath);
        }
        ctx.scope(outerScope);
        resolving.remove(id);
        resolved.put(id, values);
        return values;
    }
}
