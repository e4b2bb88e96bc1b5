package dev.quiver.validate;

/**
 * How much of an array {@link Validator} checks (the IPC readers validate at the level of their
 * {@link dev.quiver.ipc.IpcReadOptions}, FULL by default), and so what the getters of
 * {@link dev.quiver.array.Array} may throw afterwards.
 *
 * <p>At every level, validated or not:
 * <ul>
 *   <li>no getter reads outside the array's buffers: every access is a bounds-checked {@code MemorySegment}
 *   access, so no input can crash the JVM or read other memory;</li>
 *   <li>a slot index outside {@code [0, length())} is an {@link IndexOutOfBoundsException};</li>
 *   <li>the getters returning java.time values ({@code getLocalTime}, {@code getInstant}, {@code getLocalDateTime},
 *   and {@code getObject} of those types and of arrays nesting them) throw {@link java.time.DateTimeException} where
 *   java.time cannot hold the value: a time of day outside {@code [0, 1 day)}, or a timestamp in seconds beyond
 *   about ±10^9 years. Both are read as Arrow: timestamps of any int64 are valid, and although Arrow C++'s
 *   ValidateFull rejects such times of day, Arrow's own 1.0.0 integration files hold them. The raw value is always
 *   available ({@code get(i)}), and {@code getDisplayObject} and {@code toString} show it as a
 *   {@link dev.quiver.array.RawTemporal} (number and unit) instead of throwing;</li>
 *   <li>{@code getString}, {@code getBytes} and {@code getObject} of a single value of 2 GiB or more throw
 *   {@link IllegalStateException}: no Java String or byte[] holds it ({@code getSegment} does).</li>
 * </ul>
 * Decimals beyond their declared precision are read exactly (as Arrow's 1.0.0 integration files hold some) and
 * date64 values are rounded down to whole days by {@code getLocalDate}; neither is rejected at any level.
 */
public enum ValidationLevel {
    /**
     * No checks. Any getter may throw {@link IndexOutOfBoundsException} where the data are inconsistent (offsets,
     * lengths or indices that point outside the buffers), and never any other exception type than those listed on
     * this class; the values read from inconsistent data may be garbage, but are never read from outside the buffers.
     */
    NONE,
    /**
     * Cheap structural checks, constant work per array and buffer (as Arrow C++'s {@code Validate}): buffer counts,
     * buffer sizes for offset + length, the first and last offsets against the data or the child, child counts and
     * lengths, the last run end, null counts against the bitmap's presence; dictionaries likewise.
     *
     * <p>Afterwards {@code isNull} and every getter of the fixed-width types (bool, integers, floats, decimals, dates,
     * times, timestamps, durations, intervals, fixed_size_binary, and structs and fixed-size lists of these) throw
     * nothing but what this class lists for every level. Getters that follow interior offsets, views, list view
     * offsets and sizes, union type ids and offsets, run ends or dictionary indices, those of utf8, binary, their
     * large and view variants, lists, maps, list views, unions, run-end encoded and dictionary-encoded arrays, and of
     * anything nesting them, may throw {@link IndexOutOfBoundsException}.
     */
    BASIC,
    /**
     * BASIC plus checks of every element: offsets monotonic and in range, UTF-8 (utf8, large_utf8, utf8_view), views
     * inside their data buffers with matching prefixes, list views inside their child, union type ids declared and
     * dense union offsets inside their child, run ends positive and strictly increasing, dictionary indices inside
     * the dictionary, and the null count against the bitmap. What lies under a null slot is unspecified and not
     * checked. The IPC readers check each dictionary once, when it (or a delta's new part) arrives, and per record
     * batch only the indices.
     *
     * <p>Afterwards, for every slot index in range, {@code getObject}, {@code getDisplayObject}, {@code toString},
     * {@code toList} and {@code slice} throw nothing but what this class lists for every level; {@code getObject}
     * of a null slot is null; and so do the typed getters of a non-null slot. A typed getter of a null slot reads
     * what lies under it, and may throw as at BASIC.
     */
    FULL
}
