package dev.quiver.flight;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.MessageSink;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * Writes the record batches of a Flight stream: a client's DoPut and DoExchange, a server's DoGet and DoExchange.
 * The same interface as the IPC stream writer ({@link #write(RecordBatch)}, {@link #writeAll}, {@link #close()}),
 * plus what Flight adds: application metadata with a batch or alone ({@link #putMetadata}), and
 * {@link #doneWriting()} to end this side of a call that goes on.
 *
 * <p>Each IPC message becomes one {@code FlightData}: Quiver's stream writer encodes it (schema, dictionaries and
 * deltas before the batches that use them, compression per the write options) and the encoded buffers go to gRPC
 * as they are, never copied into protobuf objects. {@link #writeMessage} sends IPC messages that are already
 * encoded (for example slices of a memory-mapped file) without decoding them. Writing waits while the transport is
 * not ready (flow control), so memory stays bounded whatever the peer's speed; it throws {@link FlightException}
 * when the call is over (cancelled, or failed by the peer). Not thread-safe.
 */
public class FlightStreamWriter implements AutoCloseable {
    private final Outbound<FlightFrame> out;
    private final IpcWriteOptions defaultOptions;
    private byte[] descriptor;
    private RecordBatchStreamWriter ipc;
    private byte[] nextAppMetadata;
    private boolean raw;
    private boolean done;

    /** @param descriptor the encoded descriptor to send with the first message, or null */
    FlightStreamWriter(Outbound<FlightFrame> out, byte[] descriptor, IpcWriteOptions defaultOptions) {
        this.out = out;
        this.descriptor = descriptor;
        this.defaultOptions = defaultOptions;
    }

    /** Starts the stream of {@code schema}: sends the schema message. */
    public void begin(Schema schema) {
        begin(schema, defaultOptions);
    }

    /** Starts the stream of {@code schema} written with {@code options} (compression, dictionary deltas...). */
    public void begin(Schema schema, IpcWriteOptions options) {
        Objects.requireNonNull(schema, "schema");
        if (ipc != null || raw) throw new IllegalStateException("the stream has already begun");
        checkWritable();
        ipc = Ipc.newStream(new Sink(), schema, options);
        try {
            ipc.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema given to {@link #begin}, or null. */
    public Schema schema() {
        return ipc == null ? null : ipc.schema();
    }

    /** Writes one record batch (and first any dictionary it needs). */
    public void write(RecordBatch batch) {
        write(batch, null);
    }

    /** Writes one record batch with application metadata in the same {@code FlightData}. */
    public void write(RecordBatch batch, byte[] appMetadata) {
        checkWritable();
        if (ipc == null) throw new IllegalStateException("begin(schema) first");
        nextAppMetadata = appMetadata == null ? null : appMetadata.clone();
        try {
            ipc.write(batch, batch.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            nextAppMetadata = null;
        }
    }

    /** Writes several batches. */
    public void writeAll(Iterable<RecordBatch> batches) {
        for (RecordBatch b : batches) write(b);
    }

    /** Sends application metadata alone, in a {@code FlightData} without IPC data. */
    public void putMetadata(byte[] appMetadata) {
        checkWritable();
        send(new FlightFrame.Outgoing(takeDescriptor(), null, Objects.requireNonNull(appMetadata, "appMetadata"),
                List.of(), 0));
    }

    /**
     * Sends one IPC message that is already encoded, as it is: {@code metadata} is its flatbuffer {@code Message}
     * (without the stream framing), {@code body} its body. The caller is responsible for the order (schema first,
     * dictionaries before the batches that need them); nothing is decoded. Cannot be mixed with {@link #begin} and
     * {@link #write} in one stream. The memory is read before this method returns.
     */
    public void writeMessage(MemorySegment metadata, MemorySegment body, byte[] appMetadata) {
        checkWritable();
        if (ipc != null) throw new IllegalStateException("this stream encodes batches: writeMessage cannot be mixed in");
        raw = true;
        send(new FlightFrame.Outgoing(takeDescriptor(), metadata, appMetadata, body.byteSize() == 0 ? List.of()
                : List.of(body), body.byteSize()));
    }

    /** Ends this side of the stream (the call goes on: a DoExchange reads on, a DoPut reads its acks). */
    public void doneWriting() {
        if (done) return;
        done = true;
        if (descriptor != null) {
            // a stream with no message still tells the server what it is about
            send(new FlightFrame.Outgoing(takeDescriptor(), null, null, List.of(), 0));
        }
        out.halfClose();
    }

    /** Whether {@link #doneWriting()} (or {@link #close()}) was called. */
    public boolean isDone() {
        return done;
    }

    /** Ends this side of the stream ({@link #doneWriting()}). */
    @Override
    public void close() {
        doneWriting();
    }

    private void checkWritable() {
        if (done) throw new IllegalStateException("the stream is done (doneWriting or close was called)");
    }

    private byte[] takeDescriptor() {
        byte[] d = descriptor;
        descriptor = null;
        return d;
    }

    private void send(FlightFrame.Outgoing frame) {
        out.send(frame);
    }

    /** Turns each message of the IPC writer into a FlightData. */
    private final class Sink implements MessageSink {
        @Override
        public void message(Message message, byte[] metadata, List<MemorySegment> bodyParts) {
            byte[] app = message.header() instanceof MessageHeader.RecordBatchHeader ? nextAppMetadata : null;
            send(new FlightFrame.Outgoing(takeDescriptor(), MemorySegment.ofArray(metadata), app, bodyParts,
                    message.bodyLength()));
        }
    }
}
