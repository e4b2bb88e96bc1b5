package dev.quiver.array;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Structs: one child array per field, aligned with this array's slots. */
public final class StructArray extends Array {
    StructArray(ArrayData data) {
        super(data);
    }

    public int numFields() {
        return data.childCount();
    }

    /** Child {@code f} restricted to this array's slots (honours this array's offset and length). */
    public Array field(int f) {
        return Array.of(data.child(f).slice(data.offset(), data.length()));
    }

    /**
     * The field values of slot {@code i} in field order (an unmodifiable List; ArrayData carries no field
     * names, so use the schema's child fields to name them).
     */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : fields(i, false);
    }

    @Override
    public Object getDisplayObject(int i) {
        return isNull(i) ? null : fields(i, true);
    }

    private List<Object> fields(int i, boolean display) {
        int at = (int) pos(i);
        List<Object> values = new ArrayList<>(data.childCount());
        for (int f = 0; f < data.childCount(); f++) values.add(Array.of(data.child(f)).value(at, display));
        return Collections.unmodifiableList(values);
    }
}
