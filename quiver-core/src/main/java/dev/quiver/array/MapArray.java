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
        return isNull(i) ? null : map(i, false);
    }

    @Override
    public Object getDisplayObject(int i) {
        return isNull(i) ? null : map(i, true);
    }

    private Map<Object, Object> map(int i, boolean display) {
        int n = valueLength(i);
        long start = valueStart(i);
        ArrayData entries = data.child(0);
        Array keys = Array.of(entries.child(0));
        Array items = Array.of(entries.child(1));
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            // the entries' offset applies to their children; the entries' slots lie in [0, length) (checked above)
            int at = (int) (entries.offset() + start + k);
            out.put(keys.value(at, display), items.value(at, display));
        }
        return Collections.unmodifiableMap(out);
    }
}
