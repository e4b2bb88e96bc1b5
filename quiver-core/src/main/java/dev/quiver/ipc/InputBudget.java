package dev.quiver.ipc;

import dev.quiver.LimitExceededException;

/**
 * The per-input limits of {@link IpcLimits} as one reader spends them: decompressed bytes, messages and delta
 * dictionary batches so far. Thread-safe (a file reader decodes batches on many threads).
 */
final class InputBudget {
    private final IpcLimits limits;
    private final String resource;
    private long decompressed;
    private long messages;
    private long deltas;

    InputBudget(IpcLimits limits, String resource) {
        this.limits = limits;
        this.resource = resource;
    }

    /** Counts {@code bytes} about to be decompressed, before anything is allocated for them. */
    synchronized void decompress(long bytes, long offset) {
        long total = decompressed + bytes;
        if (total < 0 || total > limits.maxTotalDecompressedSize()) {
            throw new LimitExceededException("decompressing " + bytes + " more bytes would bring this input's "
                    + "decompressed bytes to " + (total < 0 ? "over " + Long.MAX_VALUE : total)
                    + ", above the limit of " + limits.maxTotalDecompressedSize()
                    + " (IpcLimits.maxTotalDecompressedSize)", resource, offset);
        }
        decompressed = total;
    }

    /** Counts {@code count} more messages. */
    synchronized void messages(long count, long offset) {
        if (count > limits.maxMessages() - messages) {
            throw new LimitExceededException("the input has more than " + limits.maxMessages()
                    + " messages (IpcLimits.maxMessages)", resource, offset);
        }
        messages += count;
    }

    /** Counts one delta dictionary batch. */
    synchronized void delta(long id, long offset) {
        if (deltas >= limits.maxDictionaryDeltas()) {
            throw new LimitExceededException("delta dictionary batch for id " + id + " is one more than the "
                    + limits.maxDictionaryDeltas() + " deltas allowed in one input (IpcLimits.maxDictionaryDeltas)",
                    resource, offset);
        }
        deltas++;
    }

    /** Checks the bytes of every dictionary held, after one changed. */
    void dictionaries(long bytes, long id, String path, long offset) {
        if (bytes > limits.maxDictionarySize()) {
            throw new LimitExceededException("dictionary id " + id + " would bring the dictionaries of this input to "
                    + bytes + " bytes, above the limit of " + limits.maxDictionarySize()
                    + " (IpcLimits.maxDictionarySize)", resource, offset, path);
        }
    }
}
