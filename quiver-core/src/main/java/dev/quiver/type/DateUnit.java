package dev.quiver.type;

/** {@code DateUnit} as in {@code format/Schema.fbs}; ordinals equal the Flatbuffers enum values. */
public enum DateUnit {
    DAY, MILLISECOND
}
