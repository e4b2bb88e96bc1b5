package dev.quiver.type;

/** {@code Endianness} as in {@code format/Schema.fbs}; ordinals equal the Flatbuffers enum values. */
public enum Endianness {
    LITTLE, BIG
}
