package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.MemoryOwner;
import dev.quiver.array.RecordBatch;
import dev.quiver.metadata.MessageHeader;
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
    private final BatchAssembler assembler;
    private boolean closed;
    private boolean ended;

    StreamReader(ByteSource source, String resource, IpcReadOptions options) throws IOException {
        this.messages = new MessageReader(source, resource, options.limits());
        this.owner = new MemoryOwner(Arena.ofShared());
        try {
            MessageReader.Framed first = messages.next();
            if (first == null) {
                throw new InvalidDataException("the stream has no schema message (it is empty)", resource, 0);
            }
            if (!(first.message().header() instanceof MessageHeader.SchemaHeader s)) {
                throw new InvalidDataException("the stream must start with a schema message, found "
                        + BatchAssembler.kind(first.message()), resource, first.offset());
            }
            messages.skipBody(first);
            this.assembler = new BatchAssembler(s.schema(), resource, options, owner);
            this.schema = assembler.schema();
        } catch (IOException | RuntimeException e) {
            owner.close();
            messages.close();
            throw e;
        }
    }

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
            switch (f.message().header()) {
                case MessageHeader.SchemaHeader s -> throw new InvalidDataException(
                        "unexpected second schema message", messages.resource(), f.offset());
                case MessageHeader.DictionaryBatchHeader d -> {
                    MemorySegment body = messages.body(f, owner.arena());
                    assembler.dictionaryBatch(f.message(), f.offset(), body, f.bodyOffset(), owner.arena());
                }
                case MessageHeader.RecordBatchHeader r -> {
                    Arena arena = messages.isMemory() ? null : Arena.ofShared();
                    try {
                        MemorySegment body = messages.body(f, arena);
                        return assembler.recordBatch(f.message(), f.offset(), body, f.bodyOffset(), arena);
                    } catch (IOException | RuntimeException e) {
                        if (arena != null && arena.scope().isAlive()) arena.close();
                        throw e;
                    }
                }
            }
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
