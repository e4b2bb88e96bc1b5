package dev.quiver.ipc;

/**
 * Limits applied to untrusted input. Exceeding one raises {@link dev.quiver.LimitExceededException}.
 *
 * @param maxMetadataLength   largest accepted Flatbuffers metadata of one message, in bytes
 * @param maxBodyLength       largest accepted message body, in bytes
 * @param maxDecompressedSize largest accepted uncompressed size of one compressed buffer, in bytes
 * @param maxNestingDepth     deepest accepted field nesting
 * @param maxBufferedFileSize largest IPC <em>file</em> read into memory from an input that can only be read
 *                            once (a pipe, an {@code InputStream}): the file format needs its footer, at the
 *                            end, before the first batch (default 4 GiB; streams are read as they arrive and
 *                            need no such limit)
 */
public record IpcLimits(long maxMetadataLength, long maxBodyLength, long maxDecompressedSize, int maxNestingDepth,
                        long maxBufferedFileSize) {
    private static final long DEFAULT_BUFFERED_FILE_SIZE = 4L << 30;

    public static final IpcLimits DEFAULT = new IpcLimits(64L << 20, Long.MAX_VALUE, 16L << 30, 64);

    public IpcLimits {
        if (maxMetadataLength <= 0 || maxBodyLength < 0 || maxDecompressedSize < 0 || maxNestingDepth <= 0
                || maxBufferedFileSize < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The given limits, and the default {@link #maxBufferedFileSize()}. */
    public IpcLimits(long maxMetadataLength, long maxBodyLength, long maxDecompressedSize, int maxNestingDepth) {
        this(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth, DEFAULT_BUFFERED_FILE_SIZE);
    }

    public IpcLimits withMaxMetadataLength(long v) { return new IpcLimits(v, maxBodyLength, maxDecompressedSize, maxNestingDepth, maxBufferedFileSize); }
    public IpcLimits withMaxBodyLength(long v) { return new IpcLimits(maxMetadataLength, v, maxDecompressedSize, maxNestingDepth, maxBufferedFileSize); }
    public IpcLimits withMaxDecompressedSize(long v) { return new IpcLimits(maxMetadataLength, maxBodyLength, v, maxNestingDepth, maxBufferedFileSize); }
    public IpcLimits withMaxNestingDepth(int v) { return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, v, maxBufferedFileSize); }
    public IpcLimits withMaxBufferedFileSize(long v) { return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, maxNestingDepth, v); }
}
