package dev.quiver.array;

/** A value of a day-time interval: days and milliseconds, each signed. */
public record DayTime(int days, int millis) {
}
