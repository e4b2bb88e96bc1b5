package dev.quiver.type;

/** {@code FloatPrecision} as in {@code format/Schema.fbs}; ordinals equal the Flatbuffers enum values. */
public enum FloatPrecision {
    HALF, SINGLE, DOUBLE
}
