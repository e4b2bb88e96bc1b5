package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.metadata.Message;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Walks the framed messages of a {@link ByteSource} without decoding bodies (for {@link Inspector}; streams
 * are read through {@link StreamDecoder}), with the checks of {@link MessageFraming}. Reads the continuation marker and metadata length, the metadata
 * (verified and decoded by {@link dev.quiver.metadata.MessageCodec}), and on request the body. Streams from writers before
 * Arrow 0.15, whose messages start directly with the length, are accepted too.
 */
final class MessageReader implements AutoCloseable {
    private final ByteSource source;
    private final String resource;
    private final IpcLimits limits;
    private final byte[] small = new byte[8];
    private boolean ended;

    MessageReader(ByteSource source, String resource, IpcLimits limits) {
        this.source = source;
        this.resource = resource;
        this.limits = limits;
    }

    String resource() { return resource; }
    long position() { return source.position(); }
    boolean isMemory() { return source.isMemory(); }

    /**
     * A message whose body has not been read yet.
     *
     * @param offset         where the message starts (its continuation marker, or its length when legacy)
     * @param metadataLength the metadata length from the prefix (Flatbuffers bytes and padding)
     * @param bodyOffset     where the body starts
     */
    record Framed(Message message, long offset, int metadataLength, long bodyOffset) {}

    /** The next message, or null at the end-of-stream marker or a clean end of input. */
    Framed next() throws IOException {
        if (ended) return null;
        long start = source.position();
        int got = source.readSmall(small, 4);
        if (got == 0) {
            ended = true;
            return null;
        }
        if (got < 4) throw truncated("message prefix", start, 4, got);
        int first = ByteBuffer.wrap(small, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int length;
        if (MessageFraming.isContinuation(first)) {
            got = source.readSmall(small, 4);
            if (got < 4) throw truncated("metadata length", start + 4, 4, got);
            length = ByteBuffer.wrap(small, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } else {
            length = first; // legacy framing: no continuation marker
        }
        MessageFraming.checkMetadataLength(length, limits, resource, source.position() - 4);
        if (length == 0) {
            ended = true;
            return null;
        }
        long metaOffset = source.position();
        MemorySegment meta = source.read(length, null);
        if (meta.byteSize() < length) throw truncated("message metadata", metaOffset, length, meta.byteSize());
        Message message = MessageFraming.decode(meta, limits, resource, metaOffset);
        return new Framed(message, start, length, source.position());
    }

    /** Reads the body of {@code framed}: a slice when reading memory, else memory from {@code arena}. */
    MemorySegment body(Framed framed, Arena arena) throws IOException {
        long n = framed.message().bodyLength();
        MemorySegment body = source.read(n, arena);
        if (body.byteSize() < n) throw truncated("message body", framed.bodyOffset(), n, body.byteSize());
        return body;
    }

    /** Skips the body of {@code framed}. */
    void skipBody(Framed framed) throws IOException {
        body(framed, null);
    }

    private InvalidDataException truncated(String what, long at, long expected, long got) {
        return MessageFraming.truncated(what, resource, at, expected, got);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
