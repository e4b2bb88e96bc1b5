package dev.quiver.array;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps: lists of non-null (key, value) struct entries. */
public final class MapArray extends BaseListArray {
    MapArray(ArrayData data) {
        super(data, false);
    }

    /**
     * An unmodifiable Map in entry order. Keys are compared with {@code equals}, so byte[] keys stay distinct;
     * a later duplicate key replaces an earlier one.
     */
    @Override
    public Object getObject(int i) {
        if (isNull(i)) return null;
        long start = valueStart(i);
        int n = valueLength(i);
        ArrayData entries = data.child(0);
        Array keys = Array.of(entries.child(0));
        Array items = Array.of(entries.child(1));
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            int at = Math.toIntExact(entries.offset() + start + k);
            out.put(keys.getObject(at), items.getObject(at));
        }
        return Collections.unmodifiableMap(out);
    }
}
