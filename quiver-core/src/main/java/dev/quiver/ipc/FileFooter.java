package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.memory.LE;
import dev.quiver.metadata.Footer;
import dev.quiver.metadata.FooterCodec;

import java.lang.foreign.MemorySegment;

/**
 * The footer at the end of IPC file bytes, for {@link RecordBatchFileReader} and {@link Recovery}: found through
 * the trailer (int32 footer length, then {@code ARROW1}), its length checked against the bytes and the limits,
 * then verified and decoded. Pure: the caller brings the bytes.
 */
final class FileFooter {
    private FileFooter() {}

    /** Bytes after the footer: its int32 length and {@code ARROW1}. */
    static final int TRAILER = 4 + 6;

    /** A decoded footer and where its Flatbuffers bytes start. */
    record Located(Footer footer, long offset) {}

    /**
     * Reads the footer of {@code data}, a whole file. The file's leading magic is the caller's to check.
     *
     * @throws InvalidDataException when the bytes do not end with a trailer and a footer that verifies, or the
     *                              footer has no schema
     * @throws LimitExceededException when the footer is longer than the metadata limit
     */
    static Located read(MemorySegment data, String resource, IpcLimits limits) {
        long size = data.byteSize();
        if (size < Framing.FILE_MAGIC_PADDED.length + TRAILER) {
            throw new InvalidDataException("file of " + size + " bytes is too small to be an Arrow IPC file",
                    resource, 0);
        }
        long magicAt = size - Framing.FILE_MAGIC.length;
        if (!endsWithMagic(data)) {
            byte[] got = new byte[Framing.FILE_MAGIC.length];
            MemorySegment.copy(data, LE.BYTE, magicAt, got, 0, got.length);
            throw RecordBatchFileReader.badMagic(got, "end", resource, magicAt);
        }
        int footerLength = data.get(LE.INT, size - TRAILER);
        long maxFooter = size - TRAILER - Framing.FILE_MAGIC_PADDED.length;
        if (footerLength <= 0 || footerLength > maxFooter) {
            throw new InvalidDataException("footer length " + footerLength + " does not fit in a file of " + size
                    + " bytes", resource, size - TRAILER);
        }
        if (footerLength > limits.maxMetadataLength()) {
            throw new LimitExceededException("footer length " + footerLength + " exceeds the limit of "
                    + limits.maxMetadataLength() + " bytes", resource, size - TRAILER);
        }
        long offset = size - TRAILER - footerLength;
        Footer footer = FooterCodec.decode(data.asSlice(offset, footerLength), resource, offset);
        if (footer.schema() == null) {
            throw new InvalidDataException("the footer has no schema", resource, offset);
        }
        return new Located(footer, offset);
    }

    /** Whether {@code data} ends with {@code ARROW1}. */
    static boolean endsWithMagic(MemorySegment data) {
        return matches(data, data.byteSize() - Framing.FILE_MAGIC.length);
    }

    /** Whether {@code data} starts with {@code ARROW1}. */
    static boolean startsWithMagic(MemorySegment data) {
        return matches(data, 0);
    }

    private static boolean matches(MemorySegment data, long at) {
        if (at < 0 || at + Framing.FILE_MAGIC.length > data.byteSize()) return false;
        for (int i = 0; i < Framing.FILE_MAGIC.length; i++) {
            if (data.get(LE.BYTE, at + i) != Framing.FILE_MAGIC[i]) return false;
        }
        return true;
    }
}
