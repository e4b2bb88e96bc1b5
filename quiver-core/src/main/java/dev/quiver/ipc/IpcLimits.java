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
 * @param maxBufferedFileSize      largest IPC <em>file</em> read into memory from an input that can only be read
 *                                 once (a pipe, an {@code InputStream}): the file format needs its footer, at the
 *                                 end, before the first batch (default 4 GiB; streams are read as they arrive and
 *                                 need no such limit)
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
                        long maxBufferedFileSize, long maxTotalDecompressedSize, long maxDictionarySize,
                        long maxMessages, long maxDictionaryDeltas) {
    private static final long DEFAULT_BUFFERED_FILE_SIZE = 4L << 30;

    public static final IpcLimits DEFAULT = new IpcLimits(64L << 20, Long.MAX_VALUE, 16L << 30, 64);

    public IpcLimits {
        if (maxMetadataLength <= 0 || maxBodyLength < 0 || maxDecompressedSize < 0 || maxNestingDepth <= 0
                || maxBufferedFileSize < 0 || maxTotalDecompressedSize < 0 || maxDictionarySize < 0
                || maxMessages <= 0 || maxDictionaryDeltas < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The per-message limits, the default {@link #maxBufferedFileSize()} and no per-input limit. */
    public IpcLimits(long maxMetadataLength, long maxBodyLength, long maxDecompressedSize, int maxNestingDepth) {
        this(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth, DEFAULT_BUFFERED_FILE_SIZE,
                Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    public IpcLimits withMaxMetadataLength(long v) {
        return new IpcLimits(v, maxBodyLength, maxDecompressedSize, maxNestingDepth, maxBufferedFileSize, maxTotalDecompressedSize, maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxBodyLength(long v) {
        return new IpcLimits(maxMetadataLength, v, maxDecompressedSize, maxNestingDepth, maxBufferedFileSize, maxTotalDecompressedSize, maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxDecompressedSize(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, v, maxNestingDepth, maxBufferedFileSize, maxTotalDecompressedSize, maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxNestingDepth(int v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, v, maxBufferedFileSize, maxTotalDecompressedSize, maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxBufferedFileSize(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth, v, maxTotalDecompressedSize, maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxTotalDecompressedSize(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth, maxBufferedFileSize, v, maxDictionarySize, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxDictionarySize(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth, maxBufferedFileSize, maxTotalDecompressedSize, v, maxMessages, maxDictionaryDeltas);
    }

    public IpcLimits withMaxMessages(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth, maxBufferedFileSize, maxTotalDecompressedSize, maxDictionarySize, v, maxDictionaryDeltas);
    }

    public IpcLimits withMaxDictionaryDeltas(long v) {
        return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth, maxBufferedFileSize, maxTotalDecompressedSize, maxDictionarySize, maxMessages, v);
    }
}
