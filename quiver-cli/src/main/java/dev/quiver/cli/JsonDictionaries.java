package dev.quiver.cli;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.type.Field;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one dictionary per id that an integration JSON file holds, gathered from the batches of an IPC input.
 * A dictionary that grows between batches (delta batches) is kept at its largest: earlier batches' indices stay
 * valid in it. A dictionary replaced by different values cannot be written as JSON and is refused.
 */
final class JsonDictionaries {
    private final String resource;
    private final Map<Long, ArrayData> byId = new LinkedHashMap<>();

    JsonDictionaries(String resource) {
        this.resource = resource;
    }

    /** Takes in the dictionaries of batch {@code index}. */
    void add(RecordBatch batch, int index) {
        List<Field> fields = batch.schema().fields();
        for (int i = 0; i < fields.size(); i++) add(fields.get(i), batch.column(i).data(), index);
    }

    Map<Long, ArrayData> result() {
        return byId;
    }

    private void add(Field f, ArrayData data, int index) {
        if (f.dictionary() == null) {
            for (int c = 0; c < f.children().size() && c < data.childCount(); c++) add(f.child(c), data.child(c), index);
            return;
        }
        ArrayData dict = data.dictionary();
        if (dict == null) return;
        long id = f.dictionary().id();
        ArrayData known = byId.get(id);
        if (known == null || known == dict) {
            byId.put(id, dict);
        } else {
            Field values = new Field(f.name(), f.type(), true, f.children(), null, null);
            ArrayData shorter = known.length() <= dict.length() ? known : dict;
            ArrayData longer = shorter == known ? dict : known;
            String diff = ArrayEquality.compare(values, shorter, longer.slice(0, shorter.length()));
            if (diff != null) {
                throw new UnsupportedFeatureException("batch " + index + " replaces dictionary id " + id
                        + "; integration JSON holds one dictionary per id", resource, -1, f.name());
            }
            byId.put(id, longer);
        }
        Field values = f.withDictionary(null);
        for (int c = 0; c < values.children().size() && c < dict.childCount(); c++) {
            add(values.child(c), dict.child(c), index);
        }
    }
}
