package dev.quiver.ipc;

import dev.quiver.compress.CompressionType;
import dev.quiver.type.MetadataVersion;

import java.util.Objects;

/**
 * How to write IPC data.
 *
 * @param compression      body compression codec, or null for none
 * @param compressionLevel codec level, or {@link #DEFAULT_LEVEL} for the codec's default
 * @param alignment        alignment of every body buffer and of the metadata: 8 (the default) or 64
 * @param metadataVersion  the metadata version written (V5)
 * @param emitDictionaryDeltas when a batch's dictionary only grew (it starts with exactly the values written
 *                         before), whether a stream writer sends just the new values as a delta dictionary batch
 *                         instead of replacing the dictionary; file writers always send deltas when they can,
 *                         as the file format allows no replacement
 */
public record IpcWriteOptions(CompressionType compression, int compressionLevel, int alignment,
                              MetadataVersion metadataVersion, boolean emitDictionaryDeltas) {
    public static final int DEFAULT_LEVEL = Integer.MIN_VALUE;
    public static final IpcWriteOptions DEFAULT = new IpcWriteOptions(null, DEFAULT_LEVEL, 8, MetadataVersion.V5,
            false);

    public IpcWriteOptions {
        if (alignment != 8 && alignment != 64) {
            throw new IllegalArgumentException("alignment must be 8 or 64: " + alignment);
        }
        Objects.requireNonNull(metadataVersion, "metadataVersion");
        if (metadataVersion != MetadataVersion.V5) {
            throw new IllegalArgumentException("only metadata version V5 is written");
        }
    }

    public static IpcWriteOptions defaults() { return DEFAULT; }

    public IpcWriteOptions withCompression(CompressionType c) {
        return new IpcWriteOptions(c, compressionLevel, alignment, metadataVersion, emitDictionaryDeltas);
    }
    public IpcWriteOptions withCompressionLevel(int l) {
        return new IpcWriteOptions(compression, l, alignment, metadataVersion, emitDictionaryDeltas);
    }
    public IpcWriteOptions withAlignment(int a) {
        return new IpcWriteOptions(compression, compressionLevel, a, metadataVersion, emitDictionaryDeltas);
    }
    public IpcWriteOptions withMetadataVersion(MetadataVersion v) {
        return new IpcWriteOptions(compression, compressionLevel, alignment, v, emitDictionaryDeltas);
    }
    public IpcWriteOptions withEmitDictionaryDeltas(boolean e) {
        return new IpcWriteOptions(compression, compressionLevel, alignment, metadataVersion, e);
    }
}
