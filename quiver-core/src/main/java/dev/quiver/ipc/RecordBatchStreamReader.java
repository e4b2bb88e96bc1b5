package dev.quiver.ipc;

import dev.quiver.array.RecordBatch;
import dev.quiver.memory.ReclaimableArena;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Reads the IPC streaming format. The schema is read when the reader opens; batches are read one at a time
 * with {@link #readNext()} or by iterating. Each batch stays valid until it or this reader is closed; reading
 * the next batch never overwrites it. When reading from memory (or a memory-mapped file), batches are
 * zero-copy slices of it. Closing batches is optional: one that is dropped is reclaimed by the garbage
 * collector, so {@code for (RecordBatch b : reader) { ... }} reads a stream of any length in bounded memory.
 * A mapped file that changes on disk while it is read: see {@link IpcReadOptions#memoryMap()}.
 *
 * <p>A thin pull loop over {@link StreamDecoder}: it reads exactly what the decoder needs next (prefix,
 * metadata, body) and hands each metadata or body over whole, so nothing is copied: bodies read from memory
 * are slices of it, bodies read from a channel land once in memory the batch owns.
 */
public final class RecordBatchStreamReader implements RecordBatchReader {
    private final ByteSource source;
    private final MappedFile mapped;
    private final StreamDecoder decoder;
    private final Schema schema;
    private final byte[] small = new byte[4];
    private RecordBatch next;
    private boolean closed;
    /** Told of each message and dictionary read from now on ({@link #observe}), or null. */
    private StreamDecoder.Listener observer;

    RecordBatchStreamReader(ByteSource source, String resource, IpcReadOptions options) throws IOException {
        this(source, resource, options, null);
    }

    /** @param mapped the file {@code source} maps, or null */
    RecordBatchStreamReader(ByteSource source, String resource, IpcReadOptions options, MappedFile mapped)
            throws IOException {
        this.source = source;
        this.mapped = mapped;
        this.decoder = new StreamDecoder(new StreamDecoder.Listener() {
            @Override public void onRecordBatch(RecordBatch batch) { next = batch; }

            @Override
            public void onMessage(dev.quiver.metadata.Message message, long offset) {
                if (observer != null) observer.onMessage(message, offset);
            }

            @Override
            public void onDictionary(long id, dev.quiver.array.ArrayData dictionary, boolean isDelta) {
                if (observer != null) observer.onDictionary(id, dictionary, isDelta);
            }
        }, options, resource);
        try {
            while (decoder.schema() == null) step();
            this.schema = decoder.schema();
        } catch (IOException e) {
            decoder.release();
            source.close();
            throw e;
        } catch (RuntimeException | Error e) {
            decoder.release();
            source.close();
            if (mapped == null) throw e;
            throw mapped.translate(e);
        }
    }

    /** Feeds the decoder what it needs next; at the end of the input, finishes it (which may throw). */
    private void step() throws IOException {
        long n = decoder.nextRequiredSize();
        if (!decoder.awaitsUnit()) {
            int got = source.readSmall(small, (int) n);
            if (got > 0) decoder.consume(small, 0, got);
            if (got < n) decoder.finish();
            return;
        }
        // from memory: a slice; from a channel: metadata on the heap, a body in an arena that its record batch
        // owns (or, for a dictionary, that the decoder keeps)
        Arena arena = source.isMemory() || !decoder.awaitsBody() ? null : ReclaimableArena.ofShared();
        MemorySegment unit;
        try {
            unit = source.read(n, arena);
        } catch (IOException | RuntimeException e) {
            if (arena != null) arena.close();
            throw e;
        }
        decoder.consumeUnit(unit, arena);
        if (unit.byteSize() < n) decoder.finish();
    }

    /**
     * Tells {@code listener} (or nobody, with null) of each message the reader decodes from now on
     * ({@link StreamDecoder.Listener#onMessage}) and of each dictionary batch, with its delta flag
     * ({@link StreamDecoder.Listener#onDictionary}: the dictionary's whole value after the batch), as
     * {@link #readNext()} reads them: the dictionary batches that precede a record batch are reported before
     * {@code readNext()} returns it. Its {@code onSchema} and {@code onRecordBatch} are not called (the schema
     * was read when the reader opened; batches are returned). For tools that copy a stream as it is: its
     * dictionary deltas as deltas, its replacements as replacements, each message's compression.
     */
    public RecordBatchStreamReader observe(StreamDecoder.Listener listener) {
        this.observer = listener;
        return this;
    }

    /** The schema; little-endian even when the stream's data is big-endian (batches are swapped as read). */
    @Override
    public Schema schema() { return schema; }

    /** The next record batch, or null at the end of the stream. */
    @Override
    public RecordBatch readNext() throws IOException {
        if (closed) throw new IllegalStateException("stream reader is closed");
        try {
            while (next == null && !decoder.isEnded()) step();
        } catch (RuntimeException | Error e) {
            if (mapped == null) throw e;
            throw mapped.translate(e);
        }
        RecordBatch b = next;
        next = null;
        return b;
    }

    /** Closes the input and releases every batch still borrowing memory from this reader. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            source.close();
        } finally {
            decoder.release();
        }
    }
}
