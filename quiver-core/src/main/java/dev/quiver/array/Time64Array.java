package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTimeUnit;

import java.time.LocalTime;

/** Times of day in microseconds or nanoseconds since midnight, 64 bits. */
public final class Time64Array extends Array {
    Time64Array(ArrayData data) {
        super(data);
    }

    public ArrowTimeUnit unit() {
        return ((ArrowType.Time) data.type()).unit();
    }

    /** The raw value in {@link #unit()}s since midnight. */
    public long get(int i) {
        return data.buffer(1).get(LE.LONG, pos(i) * 8);
    }

    /** @throws IllegalStateException if the value is not within one day */
    public LocalTime getLocalTime(int i) {
        return TimeUnits.toLocalTime(get(i), unit());
    }

    /** A LocalTime. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getLocalTime(i);
    }
}
