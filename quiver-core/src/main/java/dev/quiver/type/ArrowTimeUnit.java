package dev.quiver.type;

/** {@code ArrowTimeUnit} as in {@code format/Schema.fbs}; ordinals equal the Flatbuffers enum values. */
public enum ArrowTimeUnit {
    SECOND, MILLISECOND, MICROSECOND, NANOSECOND
}
