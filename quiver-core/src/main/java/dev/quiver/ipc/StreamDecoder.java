package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.MemoryOwner;
import dev.quiver.array.RecordBatch;
import dev.quiver.memory.LE;
import dev.quiver.metadata.Message;
import dev.quiver.type.Schema;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decodes the IPC streaming format from bytes pushed in chunks of any size, for event loops and network
 * code that receive data rather than read it. Each complete message is handed to a {@link Listener}: the
 * schema, dictionaries, record batches, and the end of the stream. {@link #nextRequiredSize()} says how many
 * more bytes the decoder needs before it can make progress.
 *
 * <p>Chunks are copied as they arrive (the caller may reuse its buffer right away): the decoder keeps only
 * the message in progress, in memory that grows with the bytes received, never with a declared length. A
 * batch handed out owns its body's memory and stays valid when later chunks arrive, until it is closed (or,
 * dropped, reclaimed by the garbage collector) or the decoder {@linkplain #close() closes}; batches that use
 * dictionaries hold those until then (or until they are {@linkplain RecordBatch#detach() detached}). A
 * dictionary value that a later dictionary batch replaces or extends is released once no batch holds it. {@link RecordBatchStreamReader} is a pull loop over this decoder that
 * hands it whole metadata and bodies without copying them; the stages behind it are {@link MessageFraming}
 * (framing checks), {@link StreamState} (message order), {@link BatchAssembler} and {@link RecordBatchDecoder}
 * (with {@link ByteSwap} for big-endian data) and {@link DictionaryMemo}. Streams with
 * the framing of Arrow before 0.15 (no continuation marker) are accepted.
 *
 * <p>Errors in the input are {@link dev.quiver.QuiverException}s thrown from {@code consume} or
 * {@link #finish()}; after one (or after an exception thrown by the listener, which passes through unchanged)
 * the decoder refuses further input with an {@link IllegalStateException}. Bytes after the end-of-stream marker are ignored, as {@link RecordBatchStreamReader} does.
 * Not thread-safe.
 */
public final class StreamDecoder implements AutoCloseable {

    /** Receives what the decoder finds. Every method does nothing by default. */
    public interface Listener {
        /** The schema, first; little-endian even when the stream's data is big-endian. */
        default void onSchema(Schema schema) {}

        /**
         * A dictionary batch was read: {@code dictionary} is now the values of dictionary {@code id}. It stays
         * valid while it is current or a batch that uses it is open ({@link ArrayData#copyTo copy} it to keep it).
         */
        default void onDictionary(long id, ArrayData dictionary, boolean isDelta) {}

        /**
         * A message was framed and its metadata decoded, at byte {@code offset} of the stream (where its prefix
         * starts; for {@link #consumeMessage}, the bytes of the parts consumed before it): called before the
         * message's own callback ({@code onSchema}, {@code onDictionary}, {@code onRecordBatch}), for tools that
         * copy a stream message by message and keep what its metadata says (its body compression, say).
         */
        default void onMessage(dev.quiver.metadata.Message message, long offset) {}

        /** A record batch; the listener may keep it (it stays valid until closed or the decoder closes). */
        default void onRecordBatch(RecordBatch batch) {}

        /** The end-of-stream marker (or, on {@link #finish()}, the end of input at a message boundary). */
        default void onEndOfStream() {}
    }

    private enum Step { PREFIX, LENGTH, METADATA, BODY, ENDED, FAILED }

    private final Listener listener;
    private final String resource;
    private final IpcLimits limits;
    private final MemoryOwner owner = new MemoryOwner(null);
    private final StreamState state;
    private final byte[] small = new byte[4];
    private int smallFilled;
    private Step step = Step.PREFIX;
    private long position;        // bytes consumed so far
    private long messageOffset;   // where the message in progress starts
    private long metadataOffset;
    private long bodyOffset;
    private GrowingBuffer metadata;
    private GrowingBuffer body;
    private Message message;
    private RuntimeException failure;
    private boolean closed;

    public StreamDecoder(Listener listener) {
        this(listener, IpcReadOptions.DEFAULT);
    }

    public StreamDecoder(Listener listener, IpcReadOptions options) {
        this(listener, options, "stream");
    }

    /** @param resource name of the stream, for error messages */
    public StreamDecoder(Listener listener, IpcReadOptions options, String resource) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.limits = options.limits();
        this.state = new StreamState(resource, options, owner);
    }

    /** Consumes the bytes of {@code chunk} (copied: the caller may reuse it afterwards). */
    public void consume(MemorySegment chunk) {
        checkUsable();
        long at = 0;
        long size = chunk.byteSize();
        try {
            while (at < size && step != Step.ENDED) {
                at += switch (step) {
                    case PREFIX, LENGTH -> prefix(chunk, at);
                    case METADATA -> metadata(chunk, at);
                    case BODY -> body(chunk, at);
                    case ENDED, FAILED -> throw new AssertionError(step);
                };
            }
        } catch (RuntimeException e) {
            fail(e);
            throw e;
        }
        position += size - at; // bytes after the end-of-stream marker are skipped
    }

    /** Consumes the remaining bytes of {@code chunk}, advancing its position to its limit. */
    public void consume(ByteBuffer chunk) {
        MemorySegment s = MemorySegment.ofBuffer(chunk);
        consume(s);
        chunk.position(chunk.limit());
    }

    /** Consumes {@code length} bytes of {@code chunk} from {@code offset}. */
    public void consume(byte[] chunk, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        consume(MemorySegment.ofArray(chunk).asSlice(offset, length));
    }

    /** Consumes all of {@code chunk}. */
    public void consume(byte[] chunk) {
        consume(chunk, 0, chunk.length);
    }

    /**
     * How many more bytes the decoder needs to make progress: the rest of the message prefix, of the
     * metadata or of the body in progress; 0 once the stream has ended (or the decoder failed).
     */
    public long nextRequiredSize() {
        return switch (step) {
            case PREFIX, LENGTH -> 4 - smallFilled;
            case METADATA -> metadata.missing();
            case BODY -> body.missing();
            case ENDED, FAILED -> 0;
        };
    }

    /** The schema once it has been read, else null. Little-endian whatever the stream's byte order. */
    public Schema schema() {
        return state.schema();
    }

    /** Whether the end of the stream was reached (its marker, or {@link #finish()} at a message boundary). */
    public boolean isEnded() {
        return step == Step.ENDED;
    }

    /** Bytes consumed so far. */
    public long position() {
        return position;
    }

    /**
     * Declares the end of the input. At a message boundary after the schema this ends the stream as its
     * marker would ({@link Listener#onEndOfStream()} unless already called); in the middle of a message, or
     * before any schema, it is an {@link InvalidDataException}.
     */
    public void finish() {
        checkUsable();
        if (step == Step.ENDED) return;
        try {
            switch (step) {
                case PREFIX -> {
                    if (smallFilled > 0) throw MessageFraming.truncated("message prefix", resource, messageOffset, 4, smallFilled);
                    if (position == 0) throw InputKind.EMPTY.mismatch(InputKind.ARROW_STREAM, resource);
                    state.end(position);
                }
                case LENGTH -> throw MessageFraming.truncated("metadata length", resource, messageOffset + 4, 4, smallFilled);
                case METADATA -> throw MessageFraming.truncated("message metadata", resource, metadataOffset,
                        metadata.missing() + metadata.segment().byteSize(), metadata.segment().byteSize());
                case BODY -> throw MessageFraming.truncated("message body", resource, bodyOffset,
                        message.bodyLength(), message.bodyLength() - body.missing());
                default -> throw new AssertionError(step);
            }
        } catch (RuntimeException e) {
            fail(e);
            throw e;
        }
        end();
    }

    /**
     * {@link #finish() Finishes} the input, then releases the decoder's memory: dictionaries and the batches
     * still borrowing them (detach batches to keep them). Memory is released even when finishing fails.
     */
    @Override
    public void close() {
        if (closed) return;
        try {
            if (step != Step.FAILED) finish();
        } finally {
            release();
        }
    }

    /**
     * Consumes one whole message given as its two parts, as protocols that carry IPC messages without the
     * stream framing do (Arrow Flight's {@code FlightData}: {@code data_header} is the metadata, {@code data_body}
     * the body). {@code metadata} is the flatbuffer {@code Message} (padding after it is fine), verified and
     * checked against the limits like framed metadata; {@code body} must hold at least the body length that the
     * metadata declares (bytes after it are ignored), else this is an {@link InvalidDataException}. Offsets in
     * errors count the bytes of the parts consumed so far.
     *
     * <p>Nothing is copied: the body is decoded in place, so it must stay valid as long as what is decoded from
     * it. It is held by {@code bodyArena}, which this decoder takes over (a record batch then owns it, a
     * dictionary keeps it until {@link #close()}; it is closed at once when the message fails), or, when
     * {@code bodyArena} is null, by memory that outlives the decoder and its batches. Call only between
     * messages (not while a chunk pushed with {@code consume} left a message half-read).
     */
    public void consumeMessage(MemorySegment metadata, MemorySegment body, Arena bodyArena) {
        try {
            checkUsable();
            if (step != Step.PREFIX || smallFilled != 0) {
                throw new IllegalStateException("consumeMessage in the middle of a framed message");
            }
        } catch (RuntimeException e) {
            if (bodyArena != null) bodyArena.close();
            throw e;
        }
        try {
            messageOffset = position;
            metadataOffset = position;
            if (metadata.byteSize() > limits.maxMetadataLength()) {
                throw new dev.quiver.LimitExceededException("metadata length " + metadata.byteSize()
                        + " exceeds the limit of " + limits.maxMetadataLength() + " bytes", resource, position);
            }
            Message m = MessageFraming.decode(metadata, limits, resource, metadataOffset);
            state.check(m, messageOffset);
            position += metadata.byteSize();
            bodyOffset = position;
            if (body.byteSize() < m.bodyLength()) {
                throw new InvalidDataException("message body too short: the metadata declares " + m.bodyLength()
                        + " bytes, the message carries " + body.byteSize(), resource, bodyOffset);
            }
            position += body.byteSize();
            message = m;
        } catch (RuntimeException e) {
            if (bodyArena != null) bodyArena.close();
            fail(e);
            throw e;
        }
        try {
            dispatch(body.asSlice(0, message.bodyLength()), bodyArena);
        } catch (RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    // ---- the blocking reader's entry points: whole units without copies ----

    /** Whether the decoder waits for metadata or a body (not a prefix), i.e. {@link #consumeUnit} applies. */
    boolean awaitsUnit() {
        return step == Step.METADATA || step == Step.BODY;
    }

    /** Whether the decoder waits for the body of a message. */
    boolean awaitsBody() {
        return step == Step.BODY;
    }

    /**
     * Feeds the whole metadata or body the decoder waits for ({@link #nextRequiredSize()} bytes) without
     * copying it: {@code unit} is decoded in place, so it must stay valid as long as what is decoded from it:
     * it is either held by {@code arena} (which a record batch then owns, or the decoder keeps for a
     * dictionary) or, with a null arena, memory that outlives the decoder and its batches. A shorter unit
     * (the input ended) is copied like any chunk, and {@code arena} closed.
     */
    void consumeUnit(MemorySegment unit, Arena arena) {
        checkUsable();
        boolean whole = step == Step.METADATA ? metadata.capacity() == 0 && unit.byteSize() == metadata.missing()
                : step == Step.BODY && body.capacity() == 0 && unit.byteSize() == body.missing();
        if (!whole) {
            try {
                consume(unit);
            } finally {
                if (arena != null) arena.close();
            }
            return;
        }
        try {
            position += unit.byteSize();
            if (step == Step.METADATA) {
                if (arena != null) arena.close();
                metadataComplete(unit);
            } else {
                body = null;
                dispatch(unit, arena);
            }
        } catch (RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    /** Releases the decoder's memory without finishing the input (a reader closed before the end). */
    void release() {
        if (closed) return;
        closed = true;
        discardMessage();
        owner.close();
    }

    // ---- steps ----

    private long prefix(MemorySegment chunk, long at) {
        if (smallFilled == 0) {
            if (step == Step.PREFIX) messageOffset = position;
        }
        int k = (int) Math.min(4 - smallFilled, chunk.byteSize() - at);
        MemorySegment.copy(chunk, at, MemorySegment.ofArray(small), smallFilled, k);
        smallFilled += k;
        position += k;
        if (smallFilled < 4) return k;
        smallFilled = 0;
        int value = MemorySegment.ofArray(small).get(LE.INT, 0);
        if (step == Step.PREFIX && MessageFraming.isContinuation(value)) {
            step = Step.LENGTH;
            return k;
        }
        if (step == Step.PREFIX && messageOffset == 0) { // no continuation marker at the start: a legacy stream, or not a stream at all
            InputKind kind = InputKind.detect(small, 4);
            if (kind != InputKind.UNKNOWN) throw kind.mismatch(InputKind.ARROW_STREAM, resource);
        }
        int length = MessageFraming.checkMetadataLength(value, limits, resource, position - 4);
        if (length == 0) {
            state.end(messageOffset);
            end();
            return k;
        }
        metadataOffset = position;
        try {
            metadata = new GrowingBuffer(length, true);
        } catch (dev.quiver.LimitExceededException e) {
            throw e.at(resource, position - 4, null);
        }
        step = Step.METADATA;
        return k;
    }

    private long metadata(MemorySegment chunk, long at) {
        long k = metadata.take(chunk, at);
        position += k;
        if (metadata.isComplete()) metadataComplete(metadata.segment());
        return k;
    }

    private void metadataComplete(MemorySegment bytes) {
        Message m = MessageFraming.decode(bytes, limits, resource, metadataOffset);
        metadata = null;
        state.check(m, messageOffset);
        message = m;
        bodyOffset = position;
        body = new GrowingBuffer(m.bodyLength(), false);
        step = Step.BODY;
        if (m.bodyLength() == 0) dispatch();
    }

    private long body(MemorySegment chunk, long at) {
        long k = body.take(chunk, at);
        position += k;
        if (body.isComplete()) dispatch();
        return k;
    }

    /** The message in progress is complete: decode it and tell the listener. */
    private void dispatch() {
        GrowingBuffer b = body;
        body = null;
        dispatch(b.segment(), b.release());
    }

    /**
     * Decodes the message in progress over {@code bytes}, its body, held by {@code arena} (which a record batch
     * takes over and a dictionary keeps while its value is used) or, when null, by memory that outlives the
     * decoder.
     */
    private void dispatch(MemorySegment bytes, Arena arena) {
        Message m = message;
        message = null;
        step = Step.PREFIX;
        listener.onMessage(m, messageOffset);
        // the arena is handed over: a record batch owns it, a dictionary keeps it while its value is used
        StreamState.Decoded decoded = state.accept(m, messageOffset, bytes, bodyOffset, arena);
        switch (decoded) {
            case StreamState.SchemaRead s -> listener.onSchema(s.schema());
            case StreamState.DictionaryRead d -> listener.onDictionary(d.id(), d.dictionary(), d.isDelta());
            case StreamState.BatchRead r -> listener.onRecordBatch(r.batch());
        }
    }

    private void end() {
        step = Step.ENDED;
        listener.onEndOfStream();
    }

    private void fail(RuntimeException e) {
        step = Step.FAILED;
        failure = e;
        discardMessage();
    }

    private void discardMessage() {
        if (body != null) body.close();
        body = null;
        metadata = null;
        message = null;
    }

    private void checkUsable() {
        if (closed) throw new IllegalStateException("stream decoder is closed");
        if (step == Step.FAILED) {
            throw new IllegalStateException("stream decoder failed earlier: " + failure.getMessage(), failure);
        }
    }

    /** Bytes held for the message in progress, for tests of the allocation rule. */
    long bufferedCapacity() {
        return (metadata == null ? 0 : metadata.capacity()) + (body == null ? 0 : body.capacity());
    }
}
