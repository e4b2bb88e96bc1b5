package dev.quiver.type;

/** {@code TimeUnit} as in {@code format/Schema.fbs}; ordinals equal the Flatbuffers enum values. */
public enum TimeUnit {
    SECOND, MILLISECOND, MICROSECOND, NANOSECOND
}
