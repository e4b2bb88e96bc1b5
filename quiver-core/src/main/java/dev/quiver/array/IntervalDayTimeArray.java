package dev.quiver.array;

import dev.quiver.memory.LE;

/** Day-time intervals: days and milliseconds. */
public final class IntervalDayTimeArray extends Array {
    IntervalDayTimeArray(ArrayData data) {
        super(data);
    }

    public int getDays(int i) {
        return data.buffer(1).get(LE.INT, pos(i) * 8);
    }

    public int getMillis(int i) {
        return data.buffer(1).get(LE.INT, pos(i) * 8 + 4);
    }

    /** A {@link DayTime}. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : new DayTime(getDays(i), getMillis(i));
    }
}
