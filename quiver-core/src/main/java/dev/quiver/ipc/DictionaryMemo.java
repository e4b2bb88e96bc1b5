package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.ArrayData;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.util.HashMap;
import java.util.Map;

/**
 * The dictionaries of a stream or file: which field each dictionary id belongs to (from the schema) and the
 * current values of each id (from dictionary batches).
 */
final class DictionaryMemo {
    private final Map<Long, Field> fields = new HashMap<>();
    private final Map<Long, String> paths = new HashMap<>();
    private final Map<Long, ArrayData> values = new HashMap<>();

    DictionaryMemo(Schema schema, String resource) {
        for (Field f : schema.fields()) collect(f, f.name(), resource);
    }

    private void collect(Field f, String path, String resource) {
        if (f.dictionary() != null) {
            long id = f.dictionary().id();
            Field previous = fields.putIfAbsent(id, f);
            if (previous != null && !sameValueType(previous, f)) {
                throw new InvalidDataException("dictionary id " + id + " is used by fields of different types ("
                        + paths.get(id) + " and " + path + ")", resource, -1, path);
            }
            paths.putIfAbsent(id, path);
        }
        for (Field c : f.children()) collect(c, path + "." + c.name(), resource);
    }

    private static boolean sameValueType(Field a, Field b) {
        return a.type().equals(b.type()) && a.children().size() == b.children().size();
    }

    boolean isEmpty() { return fields.isEmpty(); }

    /** The field whose values the dictionary with this id holds, or null. */
    Field field(long id) { return fields.get(id); }

    String path(long id) { return paths.get(id); }

    /** The current dictionary with this id, or null when none has been read yet. */
    ArrayData get(long id) { return values.get(id); }

    void put(long id, ArrayData dictionary) { values.put(id, dictionary); }

    int size() { return fields.size(); }

    java.util.Set<Long> ids() { return fields.keySet(); }
}
