package dev.quiver.array;

import dev.quiver.memory.LE;

/** Month-day-nanosecond intervals. */
public final class IntervalMonthDayNanoArray extends Array {
    IntervalMonthDayNanoArray(ArrayData data) {
        super(data);
    }

    public int getMonths(int i) {
        return data.buffer(1).get(LE.INT, pos(i) * 16);
    }

    public int getDays(int i) {
        return data.buffer(1).get(LE.INT, pos(i) * 16 + 4);
    }

    public long getNanos(int i) {
        return data.buffer(1).get(LE.LONG, pos(i) * 16 + 8);
    }

    /** A {@link MonthDayNano}. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : new MonthDayNano(getMonths(i), getDays(i), getNanos(i));
    }
}
