package dev.quiver.compress;

/** Body compression codecs of {@code format/Message.fbs}; ordinals equal the Flatbuffers enum values. */
public enum CompressionType {
    LZ4_FRAME,
    ZSTD
}
