package dev.quiver.flight;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.UnsupportedFeatureException;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.ipc.StreamDecoder;
import dev.quiver.type.Schema;

import java.util.ArrayDeque;

/**
 * Reads the record batches of a Flight stream: a client's DoGet and DoExchange, a server's DoPut and DoExchange.
 * The same interface as the IPC stream reader ({@link #schema()}, {@link #readNext()}, iteration,
 * {@link #readAll()}), plus what Flight adds: {@link #readChunk()} returns each message's application metadata with
 * its batch (or alone), and {@link #descriptor()} the descriptor the first message carried.
 *
 * <p>Each {@code FlightData} holds one IPC message: the schema first, then dictionaries (and deltas) and record
 * batches, decoded by Quiver's {@link StreamDecoder} with the read options (validation FULL by default, as for
 * files). A batch owns the memory its body was received into and stays valid until it or this reader is closed;
 * batches that use dictionaries borrow those from this reader. Malformed messages raise a
 * {@link QuiverException} that names the message ({@code FlightData message 3}) and the byte offset within the
 * stream; the call's own failures raise {@link FlightException}. Not thread-safe.
 */
public final class FlightStreamReader implements RecordBatchReader {
    private final InboundQueue<FlightFrame> frames;
    private final Runnable cancel;
    private final String resource;
    private final long maxMessageSize;
    private final StreamDecoder decoder;
    private final ArrayDeque<FlightChunk> pending = new ArrayDeque<>();
    private RecordBatch decoded;
    private FlightDescriptor descriptor;
    private boolean sawFirst;
    private int messages;
    private boolean ended;
    private boolean closed;

    /**
     * @param cancel   ends the call when the reader is closed before the end (may do nothing)
     * @param resource what is read, for messages ("DoGet", "DoPut of path x")
     */
    FlightStreamReader(InboundQueue<FlightFrame> frames, Runnable cancel, String resource, IpcReadOptions options) {
        this(frames, cancel, resource, options, Long.MAX_VALUE);
    }

    /** @param maxMessageSize larger messages are refused (a server's limit, which gRPC does not report well) */
    FlightStreamReader(InboundQueue<FlightFrame> frames, Runnable cancel, String resource, IpcReadOptions options,
                       long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
        this.frames = frames;
        this.cancel = cancel;
        this.resource = resource;
        this.decoder = new StreamDecoder(new StreamDecoder.Listener() {
            @Override public void onRecordBatch(RecordBatch batch) { decoded = batch; }
        }, options, resource);
    }

    /**
     * The schema, waiting for the schema message (application metadata that comes before it is kept for
     * {@link #readChunk()}).
     *
     * @throws InvalidDataException if the stream ended without a schema
     */
    @Override
    public Schema schema() {
        while (decoder.schema() == null) {
            FlightChunk c = step();
            if (ended) {
                if (c != null) pending.add(c);
                if (decoder.schema() == null) {
                    throw new InvalidDataException("the stream ended before its schema message (after " + messages
                            + " FlightData messages)", resource, -1);
                }
                break;
            }
            if (c != null) pending.add(c);
        }
        return decoder.schema();
    }

    /** The schema if its message has been read, else null (does not wait). */
    public Schema schemaIfKnown() {
        return decoder.schema();
    }

    /**
     * The descriptor sent with the first message (DoPut and DoExchange), waiting for that message; null when it
     * had none or the stream was empty.
     */
    public FlightDescriptor descriptor() {
        while (!sawFirst && !ended) {
            FlightChunk c = step();
            if (c != null) pending.add(c);
        }
        return descriptor;
    }

    /** The next message that carried a batch or application metadata, or null at the end of the stream. */
    public FlightChunk readChunk() {
        checkOpen();
        if (!pending.isEmpty()) return pending.poll();
        while (!ended) {
            FlightChunk c = step();
            if (c != null) return c;
        }
        return null;
    }

    /** The next record batch (skipping messages of metadata only), or null at the end of the stream. */
    @Override
    public RecordBatch readNext() {
        for (FlightChunk c; (c = readChunk()) != null; ) {
            if (c.batch() != null) return c.batch();
        }
        return null;
    }

    /** Reads one message; returns what it carried for the caller, or null (schema, dictionary, nothing). */
    private FlightChunk step() {
        FlightFrame frame;
        try {
            frame = frames.take();
        } catch (RuntimeException e) {
            ended = true;
            throw e;
        }
        if (frame == null) {
            ended = true;
            sawFirst = true;
            if (decoder.schema() != null) decoder.finish();
            return null;
        }
        FlightFrame.Incoming in = (FlightFrame.Incoming) frame;
        int n = ++messages;
        if (in.error() != null) {
            ended = true;
            throw located(in.error(), n);
        }
        if (in.wireSize() > maxMessageSize) {
            in.discard();
            ended = true;
            throw new LimitExceededException("FlightData message " + n + " of " + resource + ": the message of "
                    + in.wireSize() + " bytes exceeds the server's limit of " + maxMessageSize
                    + " bytes (maxInboundMessageSize)");
        }
        if (!sawFirst) {
            sawFirst = true;
            descriptor = in.descriptor();
        }
        if (in.header() == null) {
            in.discard();
            return in.appMetadata() == null ? null : new FlightChunk(null, in.appMetadata());
        }
        decoded = null;
        try {
            decoder.consumeMessage(in.header(), in.body(), in.bodyArena());
        } catch (QuiverException e) {
            ended = true;
            throw located(e, n);
        } catch (RuntimeException e) {
            ended = true;
            throw e;
        }
        RecordBatch b = decoded;
        decoded = null;
        if (b != null) return new FlightChunk(b, in.appMetadata());
        return in.appMetadata() == null ? null : new FlightChunk(null, in.appMetadata());
    }

    /** The error with the message's number (and the call) in front of what it says. */
    private RuntimeException located(RuntimeException e, int message) {
        if (!(e instanceof QuiverException q)) return e;
        String detail = "FlightData message " + message + " of " + resource + ": " + q.detail();
        return switch (q) {
            case LimitExceededException l -> new LimitExceededException(detail, l.resource(), l.offset(), l.fieldPath(), l);
            case UnsupportedFeatureException u -> new UnsupportedFeatureException(detail, u.resource(), u.offset(), u.fieldPath(), u);
            default -> new InvalidDataException(detail, q.resource(), q.offset(), q.fieldPath(), q);
        };
    }

    /** Whether the end of the stream was reached. */
    public boolean isEnded() {
        return ended && pending.isEmpty();
    }

    /** Stops reading: the call is cancelled if the stream has not ended (the server stops sending). */
    public void cancel() {
        if (!ended) cancel.run();
        ended = true;
        frames.abandon();
    }

    /**
     * Cancels the call if the stream has not ended, then releases every batch still borrowing memory from this
     * reader (detach batches to keep them).
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (FlightChunk c : pending) if (c.batch() != null) c.batch().close();
        pending.clear();
        try {
            cancel();
        } finally {
            try {
                decoder.close();
            } catch (RuntimeException ignored) {
                // the stream was cut short: its memory is released all the same
            }
        }
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("Flight stream reader is closed");
    }
}
