package dev.quiver.cdata;

import dev.quiver.array.Array;
import dev.quiver.type.Field;

/**
 * An array imported through the C Data Interface, over the producer's memory. {@link #close()} makes the array
 * unreadable (an {@link IllegalStateException}, never a read of freed memory) and calls the producer's release
 * callback; an array dropped without being closed is released once neither this object nor the array (nor any slice
 * of it) is reachable.
 */
public final class ImportedArray implements AutoCloseable {
    private final Field field;
    private final Array array;
    private final ImportedArena arena;

    ImportedArray(Field field, Array array, ImportedArena arena) {
        this.field = field;
        this.array = array;
        this.arena = arena;
    }

    /** The field the array was imported as. */
    public Field field() { return field; }

    /** The array. */
    public Array array() { return array; }

    /** Releases the producer's memory. Idempotent. */
    @Override
    public void close() {
        arena.close();
    }
}
