package dev.quiver.array;

import dev.quiver.type.Field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structs: one child array per field, aligned with this array's slots. {@link #getObject} gives the field values of
 * a slot in field order, as an unmodifiable List; {@link #getMap} gives them by field name. The names come from the
 * field the array was built with or read under ({@link Array#of(ArrayData, Field)}); an array without one names
 * its children "f0", "f1", ...
 */
public final class StructArray extends NestedArray {
    StructArray(ArrayData data) {
        super(data);
    }

    /**
     * Returns the number of child fields.
     *
     * @return the number of child fields
     */
    public int numFields() {
        return data.childCount();
    }

    /**
     * Returns the child field names in order ("f0", "f1", ... where the array's field is not known).
     *
     * @return the child field names in order ("f0", "f1", ... where the array's field is not known)
     */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>(data.childCount());
        for (int f = 0; f < data.childCount(); f++) {
            Field c = childField(f);
            names.add(c != null ? c.name() : "f" + f);
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * Child {@code f} restricted to this array's slots (honours this array's offset and length).
     *
     * @param f the child's position
     * @return the child array
     */
    public Array field(int f) {
        return childView(data.child(f).slice(data.offset(), data.length()), f);
    }

    /**
     * The child named {@code name} (the first, if several are), restricted to this array's slots.
     *
     * @param name the child field's name
     * @return the child array
     * @throws IllegalArgumentException if no child has that name (the message lists the names)
     */
    public Array field(String name) {
        return field(indexOf(name));
    }

    /**
     * Child {@code f} as the typed array {@code type}, as {@link #field(int)}.
     *
     * @param <T>  the array class
     * @param f    the child's position
     * @param type the expected array class, such as {@code Int32Array.class}
     * @return the child array
     * @throws IllegalArgumentException if the child is not a {@code type} (the message names the child and its type)
     */
    public <T extends Array> T field(int f, Class<T> type) {
        return Typed.as(field(f), type, "struct field '" + fieldNames().get(f) + "'");
    }

    /**
     * The child named {@code name} as the typed array {@code type}, as {@link #field(String)}.
     *
     * @param <T>  the array class
     * @param name the child field's name
     * @param type the expected array class, such as {@code Utf8Array.class}
     * @return the child array
     * @throws IllegalArgumentException if there is no such child or it is not a {@code type}
     */
    public <T extends Array> T field(String name, Class<T> type) {
        return field(indexOf(name), type);
    }

    private int indexOf(String name) {
        List<String> names = fieldNames();
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no struct field named '" + name + "' (fields " + names + ")");
        return i;
    }

    /**
     * Slot {@code i} as an unmodifiable Map from field name to the field's {@link #getObject} value, in field
     * order, or null for a null slot. It throws what {@link #getObject(int)} throws.
     *
     * @param i the slot
     * @return the values by name, or null
     * @throws IndexOutOfBoundsException   as {@link #getObject(int)}
     * @throws java.time.DateTimeException where java.time cannot hold a temporal value
     */
    public Map<String, Object> getMap(int i) {
        if (isNull(i)) return null;
        int at = (int) pos(i);
        List<String> names = fieldNames();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int f = 0; f < data.childCount(); f++) out.put(names.get(f), childView(data.child(f), f).getObject(at));
        return Collections.unmodifiableMap(out);
    }

    @Override
    Object object(int i, boolean display) {
        int at = (int) pos(i);
        List<Object> values = new ArrayList<>(data.childCount());
        for (int f = 0; f < data.childCount(); f++) values.add(childView(data.child(f), f).value(at, display));
        return Collections.unmodifiableList(values);
    }
}
