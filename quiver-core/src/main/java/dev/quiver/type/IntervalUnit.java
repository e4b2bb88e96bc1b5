package dev.quiver.type;

/** {@code IntervalUnit} as in {@code format/Schema.fbs}; ordinals equal the Flatbuffers enum values. */
public enum IntervalUnit {
    YEAR_MONTH, DAY_TIME, MONTH_DAY_NANO
}
