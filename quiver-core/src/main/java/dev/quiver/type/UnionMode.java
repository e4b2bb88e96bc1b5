package dev.quiver.type;

/** {@code UnionMode} as in {@code format/Schema.fbs}; ordinals equal the Flatbuffers enum values. */
public enum UnionMode {
    SPARSE, DENSE
}
