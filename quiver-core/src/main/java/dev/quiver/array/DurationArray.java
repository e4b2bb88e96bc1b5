package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTimeUnit;

import java.time.Duration;

/** Durations: 64-bit counts of {@link #unit()}s. */
public final class DurationArray extends Array {
    DurationArray(ArrayData data) {
        super(data);
    }

    public ArrowTimeUnit unit() {
        return ((ArrowType.Duration) data.type()).unit();
    }

    /** The raw value. */
    public long get(int i) {
        return data.buffer(1).get(LE.LONG, pos(i) * 8);
    }

    public Duration getDuration(int i) {
        return TimeUnits.toDuration(get(i), unit());
    }

    /** A java.time.Duration. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getDuration(i);
    }
}
