package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageCodec;

import java.lang.foreign.MemorySegment;

/**
 * The checks of the encapsulated message framing, shared by the pull reader ({@link MessageReader}) and the
 * push decoder ({@link StreamDecoder}). Pure: the callers bring the bytes. A message is
 * {@code [0xFFFFFFFF] int32 length, metadata (length bytes), body}; without the continuation marker (Arrow
 * before 0.15) the first int32 is the length itself. A length of 0 ends the stream.
 */
final class MessageFraming {
    private MessageFraming() {}

    /** Whether the first int32 of a message is the continuation marker (else it is a legacy length). */
    static boolean isContinuation(int first) {
        return first == Framing.CONTINUATION;
    }

    /**
     * Checks a metadata length read from the prefix at {@code at}: 0 means end-of-stream (returns 0); negative
     * lengths are invalid and lengths above the limit refused before anything is allocated for them.
     */
    static int checkMetadataLength(int length, IpcLimits limits, String resource, long at) {
        if (length < 0) {
            throw new InvalidDataException("negative metadata length " + length, resource, at);
        }
        if (length > limits.maxMetadataLength()) {
            throw new LimitExceededException("metadata length " + length + " exceeds the limit of "
                    + limits.maxMetadataLength() + " bytes", resource, at);
        }
        return length;
    }

    /** Verifies and decodes the metadata of one message, then checks its body length against the limits. */
    static Message decode(MemorySegment metadata, IpcLimits limits, String resource, long metaOffset) {
        Message message = MessageCodec.decode(metadata, resource, metaOffset);
        long bodyLength = message.bodyLength();
        if (bodyLength < 0) {
            throw new InvalidDataException("negative body length " + bodyLength, resource, metaOffset);
        }
        if (bodyLength > limits.maxBodyLength()) {
            throw new LimitExceededException("body length " + bodyLength + " exceeds the limit of "
                    + limits.maxBodyLength() + " bytes", resource, metaOffset);
        }
        return message;
    }

    static InvalidDataException truncated(String what, String resource, long at, long expected, long got) {
        return new InvalidDataException("unexpected end of input in " + what + ": expected " + expected
                + " bytes, found " + got, resource, at);
    }
}
