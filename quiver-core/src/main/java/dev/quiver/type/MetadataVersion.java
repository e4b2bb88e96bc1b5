package dev.quiver.type;

/** {@code MetadataVersion} as in {@code format/Schema.fbs}; ordinals equal the Flatbuffers enum values. */
public enum MetadataVersion {
    V1, V2, V3, V4, V5
}
