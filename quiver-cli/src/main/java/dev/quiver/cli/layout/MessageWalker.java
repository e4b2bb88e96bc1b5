package dev.quiver.cli.layout;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.ipc.IpcLimits;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.memory.LE;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageCodec;

import java.lang.foreign.MemorySegment;

/**
 * Walks the encapsulated messages of IPC bytes one at a time without reading their bodies, so that a
 * damaged input still shows every message before the damage. Offsets are absolute in {@code data}.
 * Accepts the legacy framing (no continuation marker) like the readers do.
 */
public final class MessageWalker {
    private static final int CONTINUATION = 0xFFFFFFFF;

    private final MemorySegment data;
    private final long end;
    private final String resource;
    private final IpcLimits limits;
    private long pos;
    private long endOfStream = -1;
    private int endMarkerLength;
    private boolean done;

    /** Walks {@code data[start, end)}. */
    public MessageWalker(MemorySegment data, long start, long end, String resource, IpcLimits limits) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.resource = resource;
        this.limits = limits;
    }

    /** Where the next message would start (after the walk: just after the end-of-stream marker). */
    public long position() { return pos; }

    /** Offset of the end-of-stream marker, or -1 when none was found (yet). */
    public long endOfStream() { return endOfStream; }

    /** Bytes of the end-of-stream marker: 8, or 4 in the legacy framing; 0 when none was found. */
    public int endMarkerLength() { return endMarkerLength; }

    /** The next message, or null at the end-of-stream marker or the end of the bytes. */
    public MessageSummary next() {
        if (done) return null;
        long start = pos;
        if (start == end) {
            done = true;
            return null;
        }
        int first = readInt(start, "message prefix");
        long metaStart;
        int length;
        if (first == CONTINUATION) {
            if (start + 4 == end) { // a marker with nothing after it: the end, as the readers treat it
                return finish(start, 4);
            }
            length = readInt(start + 4, "metadata length");
            metaStart = start + 8;
        } else {
            length = first;
            metaStart = start + 4;
        }
        if (length == 0) return finish(start, (int) (metaStart - start));
        if (length < 0) {
            throw new InvalidDataException("negative metadata length " + length, resource, metaStart - 4);
        }
        if (length > limits.maxMetadataLength()) {
            throw new LimitExceededException("metadata length " + length + " exceeds the limit of "
                    + limits.maxMetadataLength() + " bytes", resource, metaStart - 4);
        }
        if (length > end - metaStart) {
            throw truncated("message metadata", metaStart, length, end - metaStart);
        }
        Message message = MessageCodec.decode(data.asSlice(metaStart, length), resource, metaStart);
        long bodyStart = metaStart + length;
        long bodyLength = message.bodyLength();
        if (bodyLength < 0) {
            throw new InvalidDataException("negative body length " + bodyLength, resource, metaStart);
        }
        if (bodyLength > end - bodyStart) {
            throw truncated("message body", bodyStart, bodyLength, end - bodyStart);
        }
        pos = bodyStart + bodyLength;
        return new MessageSummary(start, length, bodyLength, message);
    }

    private MessageSummary finish(long at, int markerLength) {
        done = true;
        endOfStream = at;
        endMarkerLength = markerLength;
        pos = at + markerLength;
        return null;
    }

    private int readInt(long at, String what) {
        if (end - at < 4) throw truncated(what, at, 4, Math.max(0, end - at));
        return data.get(LE.INT, at);
    }

    private InvalidDataException truncated(String what, long at, long expected, long got) {
        done = true;
        return new InvalidDataException("unexpected end of input in " + what + ": expected " + expected
                + " bytes, found " + got, resource, at);
    }
}
