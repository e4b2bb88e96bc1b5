package dev.quiver.array;

import dev.quiver.memory.LE;

import java.time.LocalDate;

/** Dates as days since the UNIX epoch. */
public final class Date32Array extends Array {
    Date32Array(ArrayData data) {
        super(data);
    }

    /** Days since the UNIX epoch. */
    public int getDays(int i) {
        return data.buffer(1).get(LE.INT, pos(i) * 4);
    }

    public LocalDate getLocalDate(int i) {
        return LocalDate.ofEpochDay(getDays(i));
    }

    /** A LocalDate. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getLocalDate(i);
    }
}
