package dev.quiver.ipc;

/**
 * Limits applied to untrusted input. Exceeding one raises {@link dev.quiver.LimitExceededException}, whose
 * message names the limit (for example {@code IpcLimits.maxTotalDecompressedSize}) and where the input
 * exceeded it. Some limits apply to one message or buffer, the others to a whole input: everything one
 * stream reader, stream decoder or file reader reads. {@link Long#MAX_VALUE} means no limit; the per-input
 * limits have none by default (a stream may be endless), so set them when an input must not be able to make a
 * reader use more than a known amount of memory or work.
 *
 * @param maxMetadataLength        largest accepted Flatbuffers metadata of one message, in bytes
 * @param maxBodyLength            largest accepted message body, in bytes
 * @param maxDecompressedSize      largest accepted uncompressed size of one compressed buffer, in bytes
 * @param maxNestingDepth          deepest accepted field nesting
 * @param maxTotalDecompressedSize largest accepted sum of the uncompressed sizes of every compressed buffer of
 *                                 one input, in bytes (a file reader counts each batch once, however often it
 *                                 is read)
 * @param maxDictionarySize        largest accepted size of the dictionaries one input holds at once: the bytes
 *                                 of every dictionary's current value, deltas concatenated
 * @param maxMessages              most messages accepted in one input (schema, dictionary batches, record
 *                                 batches; for a file, the footer's blocks and the schema)
 * @param maxDictionaryDeltas      most delta dictionary batches accepted in one input (each costs a copy of the
 *                                 dictionary it extends)
 */
public record IpcLimits(long maxMetadataLength, long maxBodyLength, long maxDecompressedSize, int maxNestingDepth,
                        long maxTotalDecompressedSize, long maxDictionarySize, long maxMessages,
                        long maxDictionaryDeltas) {
    public static final IpcLimits DEFAULT = new IpcLimits(64L << 20, Long.MAX_VALUE, 16L << 30, 64,
            Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    public IpcLimits {
        if (maxMetadataLength <= 0 || maxBodyLength < 0 || maxDecompressedSize < 0 || maxNestingDepth <= 0
                || maxTotalDecompressedSize < 0 || maxDictionarySize < 0 || maxMessages <= 0
                || maxDictionaryDeltas < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The per-message limits, with no per-input limit. */
    public IpcLimits(long maxMetadataLength, long maxBodyLength, long maxDecompressedSize, int maxNestingDepth) {
        this(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth,
                Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    public IpcLimits withMaxMetadataLength(long v) {
        return new IpcLimits(v, maxBodyLength, maxDecompressedSize, maxNestingDepth, maxTotalDecompressedSize,
                maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxBodyLength(long v) {
        return new IpcLimits(maxMetadataLength, v, maxDecompressedSize, maxNestingDepth, maxTotalDecompressedSize,
                maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxDecompressedSize(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, v, maxNestingDepth, maxTotalDecompressedSize,
                maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxNestingDepth(int v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, v, maxTotalDecompressedSize,
                maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxTotalDecompressedSize(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth, v,
                maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxDictionarySize(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth,
                maxTotalDecompressedSize, v, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxMessages(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth,
                maxTotalDecompressedSize, maxDictionarySize, v, maxDictionaryDeltas);
    }

    public IpcLimits withMaxDictionaryDeltas(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth,
                maxTotalDecompressedSize, maxDictionarySize, maxMessages, v);
    }
}
