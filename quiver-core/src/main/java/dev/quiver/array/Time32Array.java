package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTimeUnit;

import java.time.LocalTime;

/** Times of day in seconds or milliseconds since midnight, 32 bits. */
public final class Time32Array extends Array {
    Time32Array(ArrayData data) {
        super(data);
    }

    public ArrowTimeUnit unit() {
        return ((ArrowType.Time) data.type()).unit();
    }

    /** The raw value in {@link #unit()}s since midnight. */
    public int get(int i) {
        return data.buffer(1).get(LE.INT, pos(i) * 4);
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
