package dev.quiver.cli.layout;

import dev.quiver.QuiverException;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.Footer;
import dev.quiver.metadata.MessageHeader;

import java.util.List;

/**
 * Where every byte of an IPC file or stream sits: its parts in byte order (magic, each message's continuation
 * marker, metadata length, Flatbuffer metadata, padding and body, the end-of-stream marker, a file's footer, footer
 * length and closing magic), the messages with their decoded metadata and body buffers, and the footer with its
 * blocks checked against the messages. Built by {@link LayoutScanner} without decoding any body; every renderer
 * (text rows, HTML, JSON) draws this one model. On damaged input it holds everything before the damage, an
 * {@link Kind#UNREADABLE} part for the rest, and the {@link #error()}.
 *
 * @param name     the input as messages name it
 * @param format   file or stream
 * @param size     bytes in all
 * @param parts    every part, in byte order, none empty
 * @param messages the messages, in order (a file's: of the stream inside it)
 * @param footer      a file's footer, or null (a stream, or a file whose footer cannot be read)
 * @param streamError what stopped the walk through the messages, or null
 * @param footerError why a file's footer cannot be read, or null
 * @param error       the first problem found (one of those, or a footer block that does not match its message), or
 *                    null
 */
public record WireLayout(String name, Format format, long size, List<Part> parts, List<Message> messages,
                         FooterInfo footer, QuiverException streamError, QuiverException footerError,
                         QuiverException error) {

    public enum Format {
        FILE("file"), STREAM("stream");

        private final String label;

        Format(String label) { this.label = label; }

        public String label() { return label; }
    }

    /** What a part is. */
    public enum Kind {
        MAGIC("magic"),
        MAGIC_PADDING("magic padding"),
        CONTINUATION("continuation marker", "continuation_marker"),
        METADATA_LENGTH("metadata length"),
        FLATBUFFER("Flatbuffer metadata"),
        PADDING("metadata padding"),
        BODY("body"),
        END_OF_STREAM("end-of-stream marker"),
        FOOTER("footer"),
        FOOTER_LENGTH("footer length"),
        EXTRA("extra bytes"),
        UNREADABLE("unreadable");

        private final String label;
        private final String id;

        Kind(String label) { this(label, null); }

        Kind(String label, String id) {
            this.label = label;
            this.id = id != null ? id : name().toLowerCase(java.util.Locale.ROOT);
        }

        /** A short name: "continuation marker". */
        public String label() { return label; }

        /** The JSON name: "continuation_marker", "metadata_length", "flatbuffer"... */
        public String id() { return id; }
    }

    /**
     * One part.
     *
     * @param message the index of the message it belongs to, or -1
     * @param detail  what the bytes say, for people ("ffffffff", "168", "Schema", "ARROW1"), or ""
     */
    public record Part(Kind kind, long offset, long length, int message, String detail) {
        public long end() { return offset + length; }
    }

    /**
     * One message.
     *
     * @param prefixLength   8 (continuation marker and length), or 4 in the framing of Arrow before 0.15
     * @param metadataLength the int32 after the marker: Flatbuffer and padding
     * @param flatbuffer     the metadata decoded as the .fbs files name it, and how many of its bytes it takes
     * @param buffers        the body's buffers (empty for a schema)
     */
    public record Message(int index, MessageSummary summary, int prefixLength, int metadataLength,
                          FlatbufferTree.Tree flatbuffer, List<Buffer> buffers) {
        public long offset() { return summary.offset(); }
        public long metadataOffset() { return offset() + prefixLength; }
        public long bodyOffset() { return metadataOffset() + metadataLength; }
        public long bodyLength() { return summary.bodyLength(); }
        public long end() { return bodyOffset() + bodyLength(); }
        public long flatbufferLength() { return Math.min(metadataLength, flatbuffer.extent()); }
        public String type() { return summary.type(); }

        /** The record batch header (a dictionary batch's data), or null for a schema. */
        public MessageHeader.RecordBatchHeader batch() {
            return switch (summary.message().header()) {
                case MessageHeader.RecordBatchHeader r -> r;
                case MessageHeader.DictionaryBatchHeader d -> d.data();
                case MessageHeader.SchemaHeader s -> null;
            };
        }

        /** The body's compression, or null. */
        public CompressionType compression() {
            MessageHeader.RecordBatchHeader b = batch();
            return b == null ? null : b.compression();
        }
    }

    /**
     * One buffer of a body.
     *
     * @param offset             absolute offset of its first byte
     * @param uncompressedLength for a compressed body, the int64 prefix (-1: stored as is); else null
     */
    public record Buffer(int index, String path, String kind, long offset, long length, Long uncompressedLength) {
        public long end() { return offset + length; }
    }

    /**
     * A file's footer.
     *
     * @param offset     where the footer's Flatbuffer starts
     * @param length     its length, the int32 before the closing magic
     * @param flatbuffer the footer decoded as File.fbs names it
     */
    public record FooterInfo(long offset, int length, Footer footer, FlatbufferTree.Tree flatbuffer,
                             List<BlockCheck> dictionaries, List<BlockCheck> recordBatches) {}

    /**
     * A footer block and whether it matches the message at its offset.
     *
     * @param problem null when it matches, else what differs
     */
    public record BlockCheck(Block block, String problem) {}

    /** Messages of one type. */
    public long count(String type) {
        return messages.stream().filter(m -> m.type().equals(type)).count();
    }
}
