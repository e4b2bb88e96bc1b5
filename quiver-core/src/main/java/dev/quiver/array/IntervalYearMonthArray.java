package dev.quiver.array;

import dev.quiver.memory.LE;

import java.time.Period;

/** Year-month intervals: a number of months. */
public final class IntervalYearMonthArray extends Array {
    IntervalYearMonthArray(ArrayData data) {
        super(data);
    }

    /** The number of months. */
    public int getMonths(int i) {
        return data.buffer(1).get(LE.INT, pos(i) * 4);
    }

    /** A {@link Period} of {@link #getMonths(int)} months (not normalized to years). */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : Period.ofMonths(getMonths(i));
    }
}
