package dev.quiver.cli;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.type.Field;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Notices when a stream replaces a dictionary between batches. The writers emit each dictionary id once, so a
 * replacement copied through them would silently lose data: {@code convert} refuses it instead.
 */
final class DictionaryTracker {
    private final String resource;
    private final Map<Long, ArrayData> seen = new HashMap<>();

    DictionaryTracker(String resource) {
        this.resource = resource;
    }

    /** Checks the dictionaries of batch {@code index} against those of the first batch. */
    void check(RecordBatch batch, int index) {
        List<Field> fields = batch.schema().fields();
        for (int i = 0; i < fields.size(); i++) check(fields.get(i), batch.column(i).data(), index);
    }

    private void check(Field f, ArrayData data, int index) {
        if (f.dictionary() == null) {
            for (int c = 0; c < f.children().size() && c < data.childCount(); c++) {
                check(f.child(c), data.child(c), index);
            }
            return;
        }
        ArrayData dict = data.dictionary();
        if (dict == null) return;
        long id = f.dictionary().id();
        ArrayData first = seen.putIfAbsent(id, dict);
        if (first != null && first != dict) {
            Field values = new Field(f.name(), f.type(), true, f.children(), null, null);
            String diff = ArrayEquality.compare(values, first, dict);
            if (diff != null) {
                throw new UnsupportedFeatureException("batch " + index + " replaces dictionary id " + id
                        + "; rewriting dictionary replacements is not supported", resource, -1, f.name());
            }
        }
        for (int c = 0; c < f.children().size() && c < dict.childCount(); c++) {
            check(f.child(c), dict.child(c), index);
        }
    }
}
