package dev.quiver.array;

import java.lang.foreign.Arena;

/** Deep copies of {@link ArrayData} into an arena. */
final class ArrayCopier {
    private ArrayCopier() {}

    static ArrayData copy(ArrayData data, Arena arena) {
        throw new UnsupportedOperationException("TODO");
    }
}
