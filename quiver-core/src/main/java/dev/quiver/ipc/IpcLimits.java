package dev.quiver.ipc;

/**
 * Limits applied to untrusted input. Exceeding one raises {@link dev.quiver.LimitExceededException}.
 *
 * @param maxMetadataLength   largest accepted Flatbuffers metadata of one message, in bytes
 * @param maxBodyLength       largest accepted message body, in bytes
 * @param maxDecompressedSize largest accepted uncompressed size of one compressed buffer, in bytes
 * @param maxNestingDepth     deepest accepted field nesting
 */
public record IpcLimits(long maxMetadataLength, long maxBodyLength, long maxDecompressedSize, int maxNestingDepth) {
    public static final IpcLimits DEFAULT = new IpcLimits(64L << 20, Long.MAX_VALUE, 16L << 30, 64);

    public IpcLimits {
        if (maxMetadataLength <= 0 || maxBodyLength < 0 || maxDecompressedSize < 0 || maxNestingDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public IpcLimits withMaxMetadataLength(long v) { return new IpcLimits(v, maxBodyLength, maxDecompressedSize, maxNestingDepth); }
    public IpcLimits withMaxBodyLength(long v) { return new IpcLimits(maxMetadataLength, v, maxDecompressedSize, maxNestingDepth); }
    public IpcLimits withMaxDecompressedSize(long v) { return new IpcLimits(maxMetadataLength, maxBodyLength, v, maxNestingDepth); }
    public IpcLimits withMaxNestingDepth(int v) { return new IpcLimits(maxMetadataLength, maxBodyLength, maxDecompressedSize, v); }
}
