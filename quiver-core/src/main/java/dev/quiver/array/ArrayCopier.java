package dev.quiver.array;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Deep copies of {@link ArrayData} into an arena. */
final class ArrayCopier {
    private ArrayCopier() {}

    /**
     * Copies every buffer (whole, 8-byte aligned), child and dictionary into {@code arena}; offsets, lengths and
     * null counts are kept, so the copy reads exactly like the original.
     */
    static ArrayData copy(ArrayData data, Arena arena) {
        MemorySegment[] buffers = data.buffers();
        for (int i = 0; i < buffers.length; i++) {
            MemorySegment b = buffers[i];
            if (b.byteSize() == 0) {
                buffers[i] = ArrayData.ABSENT;
            } else {
                MemorySegment copy = arena.allocate(b.byteSize(), 8);
                copy.copyFrom(b);
                buffers[i] = copy;
            }
        }
        ArrayData[] children = data.children();
        for (int i = 0; i < children.length; i++) children[i] = copy(children[i], arena);
        ArrayData dictionary = data.dictionary() == null ? null : copy(data.dictionary(), arena);
        return new ArrayData(data.type(), data.length(), data.offset(), data.nullCount(), buffers, children,
                dictionary);
    }
}
