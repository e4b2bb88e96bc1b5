package dev.quiver.array;

/** A value of a month-day-nanosecond interval: each part signed and independent. */
public record MonthDayNano(int months, int days, long nanos) {
}
