package dev.quiver.array;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps: lists of non-null (key, value) struct entries. {@link #getObject} gives an unmodifiable Map in entry order;
 * keys are compared with {@code equals}, so byte[] keys stay distinct; a later duplicate key replaces an earlier one.
 */
public final class MapArray extends BaseListArray {
    MapArray(ArrayData data) {
        super(data, false);
    }

    @Override
    Object object(int i, boolean display) {
        int n = valueLength(i);
        long start = valueStart(i);
        ArrayData entries = data.child(0);
        StructArray entryView = (StructArray) values();
        Array keys = entryView.childView(entries.child(0), 0);
        Array items = entryView.childView(entries.child(1), 1);
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            // the entries' offset applies to their children; the entries' slots lie in [0, length) (checked above)
            int at = (int) (entries.offset() + start + k);
            out.put(keys.value(at, display), items.value(at, display));
        }
        return Collections.unmodifiableMap(out);
    }
}
