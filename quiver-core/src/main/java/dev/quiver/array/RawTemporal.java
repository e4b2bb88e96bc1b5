package dev.quiver.array;

import dev.quiver.type.ArrowTimeUnit;

import java.util.Objects;

/**
 * A temporal value that java.time cannot hold, as {@link Array#getDisplayObject(int)} gives it: the raw number of
 * {@code unit}s (since the UNIX epoch for timestamps, since midnight for times of day). Timestamps in seconds beyond
 * about ±10^9 years lie outside {@link java.time.Instant} and {@link java.time.LocalDateTime}; times of day outside
 * {@code [0, 1 day)} are no {@link java.time.LocalTime} (Arrow C++'s ValidateFull rejects them, but Arrow's own 1.0.0
 * integration files hold them, so Quiver reads them).
 *
 * @param value the raw value, as the typed getter {@code get(i)} returns it
 * @param unit  its unit
 */
public record RawTemporal(long value, ArrowTimeUnit unit) {
    public RawTemporal {
        Objects.requireNonNull(unit, "unit");
    }

    /** The number and the unit's symbol, as Arrow writes it: {@code "9223372036854775807 s"}, {@code "-1 ms"}. */
    @Override
    public String toString() {
        return value + " " + unit.symbol();
    }
}
