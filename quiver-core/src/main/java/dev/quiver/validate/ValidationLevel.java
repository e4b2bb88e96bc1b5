package dev.quiver.validate;

/** How much of an array {@link Validator} checks. */
public enum ValidationLevel {
    /** No checks. */
    NONE,
    /**
     * Cheap structural checks, constant work per array and buffer: buffer counts, buffer sizes for offset + length,
     * first and last offsets, child counts and lengths, null counts against the bitmap's presence. Enough that
     * reading any slot through the typed views stays inside the buffers for flat types and list offsets' ends.
     */
    BASIC,
    /**
     * BASIC plus checks of every element: offsets monotonic and in range, UTF-8, dictionary indices, union type ids
     * and offsets, run ends, views, and the null count against the bitmap.
     */
    FULL
}
