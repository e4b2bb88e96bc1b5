package dev.quiver.array;

/**
 * Arrays whose values are made of other arrays' values (lists, structs, maps, dictionaries, unions, run-end encoded,
 * views): {@link #getObject} and {@link #getDisplayObject} share one implementation, {@link #object}, which asks the
 * children for the same kind of value.
 */
abstract class NestedArray extends Array {
    NestedArray(ArrayData data) {
        super(data);
    }

    /** The value of slot {@code i}, which is not null: as {@link #getObject} or (display) {@link #getDisplayObject}. */
    abstract Object object(int i, boolean display);

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : object(i, false);
    }

    @Override
    public Object getDisplayObject(int i) {
        return isNull(i) ? null : object(i, true);
    }
}
