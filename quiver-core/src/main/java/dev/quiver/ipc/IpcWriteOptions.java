package dev.quiver.ipc;

import dev.quiver.compress.CompressionType;
import dev.quiver.type.Endianness;
import dev.quiver.type.MetadataVersion;

import java.util.Objects;

/**
 * How to write IPC data.
 *
 * @param compression      body compression codec, or null for none
 * @param compressionLevel codec level, or {@link #DEFAULT_LEVEL} for the codec's default
 * @param alignment        alignment of every body buffer and of the metadata: 8 (the default) or 64
 * @param metadataVersion  the metadata version written (V5)
 * @param endianness       byte order of the data written (LITTLE, the default; BIG writes the schema with
 *                         {@code endianness: Big} and every buffer swapped, as a big-endian machine would)
 * @param legacyFraming    write messages without the continuation marker, as Arrow before 0.15 did (each
 *                         message starts with its int32 metadata length; end-of-stream is a single int32 0)
 */
public record IpcWriteOptions(CompressionType compression, int compressionLevel, int alignment,
                              MetadataVersion metadataVersion, Endianness endianness, boolean legacyFraming) {
    public static final int DEFAULT_LEVEL = Integer.MIN_VALUE;
    public static final IpcWriteOptions DEFAULT = new IpcWriteOptions(null, DEFAULT_LEVEL, 8, MetadataVersion.V5,
            Endianness.LITTLE, false);

    public IpcWriteOptions {
        if (alignment != 8 && alignment != 64) {
            throw new IllegalArgumentException("alignment must be 8 or 64: " + alignment);
        }
        Objects.requireNonNull(metadataVersion, "metadataVersion");
        if (metadataVersion != MetadataVersion.V5) {
            throw new IllegalArgumentException("only metadata version V5 is written");
        }
        Objects.requireNonNull(endianness, "endianness");
    }

    public static IpcWriteOptions defaults() { return DEFAULT; }

    public IpcWriteOptions withCompression(CompressionType c) { return new IpcWriteOptions(c, compressionLevel, alignment, metadataVersion, endianness, legacyFraming); }
    public IpcWriteOptions withCompressionLevel(int l) { return new IpcWriteOptions(compression, l, alignment, metadataVersion, endianness, legacyFraming); }
    public IpcWriteOptions withAlignment(int a) { return new IpcWriteOptions(compression, compressionLevel, a, metadataVersion, endianness, legacyFraming); }
    public IpcWriteOptions withMetadataVersion(MetadataVersion v) { return new IpcWriteOptions(compression, compressionLevel, alignment, v, endianness, legacyFraming); }
    public IpcWriteOptions withEndianness(Endianness e) { return new IpcWriteOptions(compression, compressionLevel, alignment, metadataVersion, e, legacyFraming); }
    public IpcWriteOptions withLegacyFraming(boolean legacy) { return new IpcWriteOptions(compression, compressionLevel, alignment, metadataVersion, endianness, legacy); }
}
