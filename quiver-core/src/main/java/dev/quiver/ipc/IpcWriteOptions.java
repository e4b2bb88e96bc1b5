package dev.quiver.ipc;

import dev.quiver.compress.CompressionType;
import dev.quiver.type.Endianness;
import dev.quiver.type.MetadataVersion;

import java.util.Objects;

/**
 * How to write IPC data. Immutable: start from {@link #DEFAULT} and change one setting at a time with the
 * {@code withX} methods.
 *
 * <p>{@link #DEFAULT} is PyArrow's default {@code IpcWriteOptions}: uncompressed, alignment 8, metadata V5,
 * little-endian, the continuation marker, no dictionary deltas in streams. With it Quiver writes the same bytes as
 * Arrow C++ for the same arrays (metadata, buffer layout and padding, null counts with an empty validity buffer
 * when there is no null, dictionary order, footer, end-of-stream; {@code PyArrowByteIdentityTest}). The settings
 * where the two differ on purpose:
 * <ul>
 *   <li>Alignment 64 puts every body buffer on a 64-byte boundary of the output; Arrow C++'s {@code alignment=64}
 *       only pads each message's metadata to a multiple of 64 and still pads buffers to 8, so the bytes differ.</li>
 *   <li>Files: a dictionary that only grew is sent as a delta whatever {@code emitDictionaryDeltas} says (Arrow
 *       C++ refuses the change unless {@code emit_dictionary_deltas}, and then writes the same delta).</li>
 *   <li>{@code useThreads} changes nothing in the bytes, in either library.</li>
 * </ul>
 * Buffers are written exactly as long as the array needs (a slice's own bytes, then zeros to the next multiple of
 * 8); Arrow C++ also sends bytes that follow a slice in its buffer (up to the next multiple of 8, or the whole
 * buffer when it is at most 64-byte padded), so sliced arrays are the one input where the bodies can differ.
 *
 * @param compression      body compression codec, or null for none
 * @param compressionLevel codec level, or {@link #DEFAULT_LEVEL} for the codec's default, the same as Arrow C++'s
 *                         and PyArrow's ({@code compression_level=None}): LZ4 fast mode, ZSTD level 1
 * @param alignment        alignment of every body buffer and of the metadata: 8 (the default) or 64
 * @param metadataVersion  the metadata version written (V5)
 * @param endianness       byte order of the data written (LITTLE, the default; BIG writes the schema with
 *                         {@code endianness: Big} and every buffer swapped, as a big-endian machine would)
 * @param legacyFraming    write messages without the continuation marker, as Arrow before 0.15 did (each
 *                         message starts with its int32 metadata length; end-of-stream is a single int32 0)
 * @param emitDictionaryDeltas when a batch's dictionary only grew (it starts with exactly the values written
 *                         before), whether a stream writer sends just the new values as a delta dictionary batch
 *                         instead of replacing the dictionary; file writers always send deltas when they can,
 *                         as the file format allows no replacement
 * @param useThreads       compress the large buffers of a batch in parallel on a shared pool of one thread per
 *                         core (as Arrow C++'s {@code use_threads}); on by default, it only acts on buffers of
 *                         256 KiB or more and on machines with more than one core
 */
public record IpcWriteOptions(CompressionType compression, int compressionLevel, int alignment,
                              MetadataVersion metadataVersion, Endianness endianness, boolean legacyFraming,
                              boolean emitDictionaryDeltas, boolean useThreads) {
    public static final int DEFAULT_LEVEL = dev.quiver.compress.BufferCodec.DEFAULT_LEVEL;
    public static final IpcWriteOptions DEFAULT = new IpcWriteOptions(null, DEFAULT_LEVEL, 8, MetadataVersion.V5,
            Endianness.LITTLE, false, false, true);

    public IpcWriteOptions {
        if (alignment != 8 && alignment != 64) {
            throw new IllegalArgumentException("alignment must be 8 or 64: " + alignment);
        }
        Objects.requireNonNull(metadataVersion, "metadataVersion");
        Objects.requireNonNull(endianness, "endianness");
        if (metadataVersion != MetadataVersion.V5) {
            throw new IllegalArgumentException("only metadata version V5 is written");
        }
    }

    public static IpcWriteOptions defaults() { return DEFAULT; }

    public IpcWriteOptions withCompression(CompressionType c) {
        return new IpcWriteOptions(c, compressionLevel, alignment, metadataVersion, endianness, legacyFraming,
                emitDictionaryDeltas, useThreads);
    }

    public IpcWriteOptions withCompressionLevel(int l) {
        return new IpcWriteOptions(compression, l, alignment, metadataVersion, endianness, legacyFraming,
                emitDictionaryDeltas, useThreads);
    }

    public IpcWriteOptions withAlignment(int a) {
        return new IpcWriteOptions(compression, compressionLevel, a, metadataVersion, endianness, legacyFraming,
                emitDictionaryDeltas, useThreads);
    }

    public IpcWriteOptions withMetadataVersion(MetadataVersion v) {
        return new IpcWriteOptions(compression, compressionLevel, alignment, v, endianness, legacyFraming,
                emitDictionaryDeltas, useThreads);
    }

    public IpcWriteOptions withEndianness(Endianness e) {
        return new IpcWriteOptions(compression, compressionLevel, alignment, metadataVersion, e, legacyFraming,
                emitDictionaryDeltas, useThreads);
    }

    public IpcWriteOptions withLegacyFraming(boolean legacy) {
        return new IpcWriteOptions(compression, compressionLevel, alignment, metadataVersion, endianness, legacy,
                emitDictionaryDeltas, useThreads);
    }

    public IpcWriteOptions withEmitDictionaryDeltas(boolean deltas) {
        return new IpcWriteOptions(compression, compressionLevel, alignment, metadataVersion, endianness,
                legacyFraming, deltas, useThreads);
    }

    public IpcWriteOptions withUseThreads(boolean threads) {
        return new IpcWriteOptions(compression, compressionLevel, alignment, metadataVersion, endianness,
                legacyFraming, emitDictionaryDeltas, threads);
    }
}
