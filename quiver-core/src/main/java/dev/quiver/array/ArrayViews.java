package dev.quiver.array;

/** Chooses the typed {@link Array} subclass for an {@link ArrayData}. */
final class ArrayViews {
    private ArrayViews() {}

    static Array wrap(ArrayData data) {
        throw new UnsupportedOperationException("TODO: typed views");
    }
}
