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

    /**
     * The time of day.
     *
     * @throws java.time.DateTimeException if the value is not within one day, which no LocalTime holds. Quiver
     *                                     reads such values at every validation level: Arrow C++'s ValidateFull
     *                                     rejects them, but Arrow's own 1.0.0 integration files hold them ({@link
     *                                     #get} gives the raw value, {@link #getDisplayObject} shows it)
     */
    public LocalTime getLocalTime(int i) {
        return TimeUnits.toLocalTime(get(i), unit());
    }

    /** A LocalTime (throws as {@link #getLocalTime(int)}). */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getLocalTime(i);
    }

    /** A LocalTime, or a {@link RawTemporal} for a value outside one day. */
    @Override
    public Object getDisplayObject(int i) {
        return isNull(i) ? null : TimeUnits.timeOfDayForDisplay(get(i), unit());
    }
}
