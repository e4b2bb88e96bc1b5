package dev.quiver.array;

import dev.quiver.type.ArrowTimeUnit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Conversions between raw time values in a {@link ArrowTimeUnit} and java.time values. */
final class TimeUnits {
    private TimeUnits() {}


    /** Nanoseconds per unit. */
    static long nanosPer(ArrowTimeUnit unit) {
        return 1_000_000_000L / unit.perSecond();
    }

    /** Units per day. */
    static long perDay(ArrowTimeUnit unit) {
        return 86_400L * unit.perSecond();
    }

    private static final long INSTANT_MIN = Instant.MIN.getEpochSecond();
    private static final long INSTANT_MAX = Instant.MAX.getEpochSecond();
    private static final long LOCAL_MIN = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
    private static final long LOCAL_MAX = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);

    /**
     * Whether a timestamp lies within java.time's range: as an {@link Instant} (with a time zone) or a
     * {@link LocalDateTime} (without). Only timestamps in seconds can lie beyond it (beyond about ±10^9 years).
     */
    static boolean fitsJavaTime(long value, ArrowTimeUnit unit, boolean instant) {
        long seconds = Math.floorDiv(value, unit.perSecond());
        return instant ? seconds >= INSTANT_MIN && seconds <= INSTANT_MAX : seconds >= LOCAL_MIN && seconds <= LOCAL_MAX;
    }

    private static java.time.DateTimeException beyond(long value, ArrowTimeUnit unit, Class<?> type) {
        return new java.time.DateTimeException("timestamp " + value + " " + unit.symbol() + " is beyond the range of "
                + type.getName() + " (get(i) returns the raw value)");
    }

    /** @throws java.time.DateTimeException beyond the range of Instant */
    static Instant toInstant(long value, ArrowTimeUnit unit) {
        if (!fitsJavaTime(value, unit, true)) throw beyond(value, unit, Instant.class);
        long per = unit.perSecond();
        return Instant.ofEpochSecond(Math.floorDiv(value, per), Math.floorMod(value, per) * nanosPer(unit));
    }

    /** @throws java.time.DateTimeException beyond the range of LocalDateTime */
    static LocalDateTime toLocalDateTime(long value, ArrowTimeUnit unit) {
        if (!fitsJavaTime(value, unit, false)) throw beyond(value, unit, LocalDateTime.class);
        long per = unit.perSecond();
        return LocalDateTime.ofEpochSecond(Math.floorDiv(value, per),
                (int) (Math.floorMod(value, per) * nanosPer(unit)), ZoneOffset.UTC);
    }

    static Duration toDuration(long value, ArrowTimeUnit unit) {
        long per = unit.perSecond();
        return Duration.ofSeconds(Math.floorDiv(value, per), Math.floorMod(value, per) * nanosPer(unit));
    }

    /** Whether a time of day lies within one day, {@code [0, perDay(unit))}. */
    static boolean isTimeOfDay(long value, ArrowTimeUnit unit) {
        return value >= 0 && value < perDay(unit);
    }

    /**
     * A time of day.
     *
     * @throws java.time.DateTimeException if the value is not within one day
     */
    static LocalTime toLocalTime(long value, ArrowTimeUnit unit) {
        if (!isTimeOfDay(value, unit)) {
            throw new java.time.DateTimeException("time of day " + value + " " + unit.symbol() + " is outside one day [0, "
                    + perDay(unit) + ")");
        }
        return LocalTime.ofNanoOfDay(value * nanosPer(unit));
    }

    /** The time of day, or the raw value where it is not within one day. */
    static Object timeOfDayForDisplay(long value, ArrowTimeUnit unit) {
        return isTimeOfDay(value, unit) ? toLocalTime(value, unit) : new RawTemporal(value, unit);
    }

    /** The instant as a count of units since the epoch; throws ArithmeticException on overflow or lost precision. */
    static long fromInstant(Instant t, ArrowTimeUnit unit) {
        long per = unit.perSecond();
        long nanosPer = nanosPer(unit);
        if (t.getNano() % nanosPer != 0) {
            throw new ArithmeticException("instant " + t + " has a finer precision than " + unit);
        }
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), per), t.getNano() / nanosPer);
    }

    static long fromDuration(Duration d, ArrowTimeUnit unit) {
        long per = unit.perSecond();
        long nanosPer = nanosPer(unit);
        if (d.getNano() % nanosPer != 0) {
            throw new ArithmeticException("duration " + d + " has a finer precision than " + unit);
        }
        return Math.addExact(Math.multiplyExact(d.getSeconds(), per), d.getNano() / nanosPer);
    }

    static long fromLocalTime(LocalTime t, ArrowTimeUnit unit) {
        long nanos = t.toNanoOfDay();
        long nanosPer = nanosPer(unit);
        if (nanos % nanosPer != 0) {
            throw new ArithmeticException("time " + t + " has a finer precision than " + unit);
        }
        return nanos / nanosPer;
    }
}
