package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTimeUnit;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * Timestamps: 64-bit counts of {@link #unit()}s since the UNIX epoch. With a time zone the value is an instant
 * (UTC-based); without one it is a wall-clock date and time.
 */
public final class TimestampArray extends Array {
    TimestampArray(ArrayData data) {
        super(data);
    }

    public ArrowTimeUnit unit() {
        return ((ArrowType.Timestamp) data.type()).unit();
    }

    /** The time zone, or null for a timestamp without time zone. */
    public String timezone() {
        return ((ArrowType.Timestamp) data.type()).timezone();
    }

    /** The raw value. */
    public long get(int i) {
        return data.buffer(1).get(LE.LONG, pos(i) * 8);
    }

    /**
     * The value as an instant.
     *
     * @throws java.time.DateTimeException if it lies beyond {@link Instant}'s range: valid Arrow, possible only in
     *                                     {@link ArrowTimeUnit#SECOND seconds} beyond about ±10^9 years
     */
    public Instant getInstant(int i) {
        return TimeUnits.toInstant(get(i), unit());
    }

    /**
     * The value as a date-time in UTC (the wall-clock reading for timestamps without time zone).
     *
     * @throws java.time.DateTimeException if it lies beyond {@link LocalDateTime}'s range (as {@link #getInstant})
     */
    public LocalDateTime getLocalDateTime(int i) {
        return TimeUnits.toLocalDateTime(get(i), unit());
    }

    /**
     * An Instant when the type has a time zone, else a LocalDateTime.
     *
     * @throws java.time.DateTimeException beyond java.time's range, as {@link #getInstant}
     */
    @Override
    public Object getObject(int i) {
        if (isNull(i)) return null;
        return timezone() != null ? getInstant(i) : getLocalDateTime(i);
    }

    /** As {@link #getObject}, but a {@link RawTemporal} for a value beyond java.time's range. */
    @Override
    public Object getDisplayObject(int i) {
        if (isNull(i)) return null;
        boolean instant = timezone() != null;
        long v = get(i);
        if (!TimeUnits.fitsJavaTime(v, unit(), instant)) return new RawTemporal(v, unit());
        return instant ? getInstant(i) : getLocalDateTime(i);
    }
}
