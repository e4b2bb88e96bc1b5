package dev.quiver.ipc;

import dev.quiver.type.Schema;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Recovery} kept and lost of a damaged file or stream: the input cut into consecutive parts that
 * cover every byte of it, in order, each saying what it held and whether it was kept.
 *
 * @param resource name of the input, as in error messages
 * @param format   whether the input was read as an IPC file or a stream
 * @param size     bytes of the input
 * @param schema   the schema of the recovered batches (little-endian, as read)
 * @param parts    consecutive, non-empty parts from byte 0 to {@code size}, once the recovery is complete;
 *                 a prefix of them while it runs
 * @param complete whether the whole input has been scanned
 */
public record RecoveryReport(String resource, Format format, long size, Schema schema, List<Part> parts,
                             boolean complete) {
    public RecoveryReport {
        parts = List.copyOf(parts);
    }

    /** The two IPC formats. */
    public enum Format { FILE, STREAM }

    /**
     * One range of the input. {@link #lost()} says why it was lost, or is null when the part was kept (or, for
     * bytes after a stream's end-of-stream marker, ignored as every reader ignores them).
     */
    public sealed interface Part permits MagicPart, SchemaPart, DictionaryPart, BatchPart, EndOfStreamPart,
            UnreadablePart, TrailingPart, FooterPart {
        /** First byte of the part. */
        long offset();

        /** Bytes of the part (never 0). */
        long length();

        /** Why the part was lost, or null when it was kept. */
        String lost();

        default long end() { return offset() + length(); }

        default boolean kept() { return lost() == null; }
    }

    /** The {@code ARROW1} magic and padding at the start of a file. */
    public record MagicPart(long offset, long length, String lost) implements Part {}

    /** The schema message. */
    public record SchemaPart(long offset, long length, String lost) implements Part {}

    /**
     * A dictionary batch message.
     *
     * @param values the number of values it holds (for a delta: that it adds)
     */
    public record DictionaryPart(long offset, long length, long id, boolean isDelta, long values, String lost)
            implements Part {}

    /**
     * A record batch message.
     *
     * @param index its position among the record batch messages found in the input (0 for the first)
     * @param rows  the rows its metadata declares
     */
    public record BatchPart(long offset, long length, int index, long rows, String lost) implements Part {}

    /** The end-of-stream marker (8 bytes, or 4 in the framing of Arrow before 0.15). */
    public record EndOfStreamPart(long offset, long length) implements Part {
        @Override public String lost() { return null; }
    }

    /** Bytes that could not be read as a message: damage, or the rest of a message cut short. */
    public record UnreadablePart(long offset, long length, String lost) implements Part {}

    /** Bytes after a stream's end-of-stream marker, which readers ignore. */
    public record TrailingPart(long offset, long length) implements Part {
        @Override public String lost() { return null; }
    }

    /**
     * The footer of a file with its trailer (footer length and {@code ARROW1}): when intact, the numbers of blocks
     * it lists; when not, whatever lies after the stream's end-of-stream marker.
     *
     * @param recordBatches record batch blocks the footer lists, or -1 when it is not intact
     * @param dictionaries  dictionary blocks the footer lists, or -1 when it is not intact
     */
    public record FooterPart(long offset, long length, int recordBatches, int dictionaries, String lost)
            implements Part {}

    /** The record batch messages found, kept or lost, in order. */
    public List<BatchPart> batches() {
        return parts.stream().filter(p -> p instanceof BatchPart).map(p -> (BatchPart) p).toList();
    }

    /** The dictionary batch messages found, kept or lost, in order. */
    public List<DictionaryPart> dictionaries() {
        return parts.stream().filter(p -> p instanceof DictionaryPart).map(p -> (DictionaryPart) p).toList();
    }

    public int keptBatches() { return (int) batches().stream().filter(Part::kept).count(); }

    public int lostBatches() { return batches().size() - keptBatches(); }

    public long keptRows() { return batches().stream().filter(Part::kept).mapToLong(BatchPart::rows).sum(); }

    /** Rows of the lost record batches whose metadata could be read (bytes that are unreadable may hide more). */
    public long lostRows() { return batches().stream().filter(p -> !p.kept()).mapToLong(BatchPart::rows).sum(); }

    /** Bytes of the parts that were lost. */
    public long lostBytes() { return parts.stream().filter(p -> !p.kept()).mapToLong(Part::length).sum(); }

    /** The file's footer, when the input is a file and has bytes after its stream. */
    public Optional<FooterPart> footer() {
        return parts.stream().filter(p -> p instanceof FooterPart).map(p -> (FooterPart) p).findFirst();
    }

    /** Whether nothing was lost: every part of a complete scan was kept. */
    public boolean nothingLost() {
        return complete && parts.stream().allMatch(Part::kept)
                && (format == Format.STREAM || footer().isPresent());
    }
}
