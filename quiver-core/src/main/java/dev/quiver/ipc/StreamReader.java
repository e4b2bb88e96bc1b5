package dev.quiver.ipc;

import dev.quiver.array.MemoryOwner;
import dev.quiver.array.RecordBatch;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads the IPC streaming format. The schema is read when the reader opens; batches are read one at a time
 * with {@link #readNext()} or by iterating. Each batch stays valid until it or this reader is closed; reading
 * the next batch never overwrites it. When reading from memory, batches are zero-copy slices of it.
 */
public final class StreamReader implements Iterable<RecordBatch>, AutoCloseable {
    private final MessageReader messages;
    private final Schema schema;
    private final MemoryOwner owner;
    private final StreamState state;
    private boolean closed;
    private boolean ended;

    StreamReader(ByteSource source, String resource, IpcReadOptions options) throws IOException {
        this.messages = new MessageReader(source, resource, options.limits());
        this.owner = new MemoryOwner(Arena.ofShared());
        this.state = new StreamState(resource, options, owner);
        try {
            MessageReader.Framed first = messages.next();
            if (first == null) state.end(0);
            state.check(first.message(), first.offset());
            MemorySegment body = messages.body(first, null);
            state.accept(first.message(), first.offset(), body, first.bodyOffset(), null);
            this.schema = state.schema();
        } catch (IOException | RuntimeException e) {
            owner.close();
            messages.close();
            throw e;
        }
    }

    /** The schema; little-endian even when the stream's data is big-endian (batches are swapped as read). */
    public Schema schema() { return schema; }

    /** The next record batch, or null at the end of the stream. */
    public RecordBatch readNext() throws IOException {
        if (closed) throw new IllegalStateException("stream reader is closed");
        while (!ended) {
            MessageReader.Framed f = messages.next();
            if (f == null) {
                ended = true;
                return null;
            }
            state.check(f.message(), f.offset());
            if (StreamState.isRecordBatch(f.message())) {
                // from memory the batch is a slice of it; from a channel the body goes to memory the batch owns
                Arena arena = messages.isMemory() ? null : Arena.ofShared();
                try {
                    MemorySegment body = messages.body(f, arena);
                    var read = (StreamState.BatchRead) state.accept(f.message(), f.offset(), body, f.bodyOffset(), arena);
                    return read.batch();
                } catch (IOException | RuntimeException e) {
                    if (arena != null && arena.scope().isAlive()) arena.close();
                    throw e;
                }
            }
            MemorySegment body = messages.body(f, owner.arena());
            state.accept(f.message(), f.offset(), body, f.bodyOffset(), owner.arena());
        }
        return null;
    }

    /** Reads every remaining batch. */
    public List<RecordBatch> readAll() throws IOException {
        List<RecordBatch> all = new ArrayList<>();
        for (RecordBatch b; (b = readNext()) != null; ) all.add(b);
        return all;
    }

    /** Iterates over the remaining batches; I/O errors surface as {@link UncheckedIOException}. */
    @Override
    public Iterator<RecordBatch> iterator() {
        return new Iterator<>() {
            private RecordBatch next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = readNext();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) throw new NoSuchElementException();
                RecordBatch b = next;
                next = null;
                return b;
            }
        };
    }

    /** Closes the input and releases every batch still borrowing memory from this reader. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            messages.close();
        } finally {
            owner.close();
        }
    }
}
