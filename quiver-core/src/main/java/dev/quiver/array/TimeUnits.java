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

    /** Units per second. */
    static long perSecond(ArrowTimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
    }

    /** Nanoseconds per unit. */
    static long nanosPer(ArrowTimeUnit unit) {
        return 1_000_000_000L / perSecond(unit);
    }

    static Instant toInstant(long value, ArrowTimeUnit unit) {
        long per = perSecond(unit);
        return Instant.ofEpochSecond(Math.floorDiv(value, per), Math.floorMod(value, per) * nanosPer(unit));
    }

    static LocalDateTime toLocalDateTime(long value, ArrowTimeUnit unit) {
        long per = perSecond(unit);
        return LocalDateTime.ofEpochSecond(Math.floorDiv(value, per),
                (int) (Math.floorMod(value, per) * nanosPer(unit)), ZoneOffset.UTC);
    }

    static Duration toDuration(long value, ArrowTimeUnit unit) {
        long per = perSecond(unit);
        return Duration.ofSeconds(Math.floorDiv(value, per), Math.floorMod(value, per) * nanosPer(unit));
    }

    /** A time of day; the value must be within one day. */
    static LocalTime toLocalTime(long value, ArrowTimeUnit unit) {
        long perDay = 86_400L * perSecond(unit);
        if (value < 0 || value >= perDay) {
            throw new IllegalStateException("time of day out of range: " + value + " " + unit.name().toLowerCase()
                    + "s (must be in [0, " + perDay + "))");
        }
        return LocalTime.ofNanoOfDay(value * nanosPer(unit));
    }

    /** The instant as a count of units since the epoch; throws ArithmeticException on overflow or lost precision. */
    static long fromInstant(Instant t, ArrowTimeUnit unit) {
        long per = perSecond(unit);
        long nanosPer = nanosPer(unit);
        if (t.getNano() % nanosPer != 0) {
            throw new ArithmeticException("instant " + t + " has a finer precision than " + unit);
        }
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), per), t.getNano() / nanosPer);
    }

    static long fromDuration(Duration d, ArrowTimeUnit unit) {
        long per = perSecond(unit);
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
