package dev.quiver.array;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Structs: one child array per field, aligned with this array's slots. {@link #getObject} gives the field values of
 * a slot in field order, as an unmodifiable List (ArrayData carries no field names: the schema's child fields name
 * them).
 */
public final class StructArray extends NestedArray {
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

    @Override
    Object object(int i, boolean display) {
        int at = (int) pos(i);
        List<Object> values = new ArrayList<>(data.childCount());
        for (int f = 0; f < data.childCount(); f++) values.add(Array.of(data.child(f)).value(at, display));
        return Collections.unmodifiableList(values);
    }
}
