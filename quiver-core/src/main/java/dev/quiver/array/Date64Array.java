package dev.quiver.array;

import dev.quiver.memory.LE;

import java.time.LocalDate;

/** Dates as milliseconds since the UNIX epoch. */
public final class Date64Array extends Array {
    Date64Array(ArrayData data) {
        super(data);
    }

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** Milliseconds since the UNIX epoch. */
    public long get(int i) {
        return data.buffer(1).get(LE.LONG, pos(i) * 8);
    }

    /** The date of {@link #get(int)} (rounding down to whole days). */
    public LocalDate getLocalDate(int i) {
        return LocalDate.ofEpochDay(Math.floorDiv(get(i), MILLIS_PER_DAY));
    }

    /** A LocalDate. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getLocalDate(i);
    }
}
