package dev.quiver.ipc;

import dev.quiver.array.RecordBatch;
import dev.quiver.array.Table;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What every reader of record batches offers, as PyArrow's {@code RecordBatchReader}: the schema, the batches
 * one at a time ({@link #readNext()} or iteration) and all that remain ({@link #readAll()}). Implemented by the
 * stream and file readers (and readers of other sources, such as Flight's {@code DoGet}).
 */
public interface RecordBatchReader extends Iterable<RecordBatch>, AutoCloseable {

    /** The schema of every batch. */
    Schema schema();

    /** The next record batch, or null when there are no more. */
    RecordBatch readNext() throws IOException;

    /**
     * Iterates over the batches not read yet, with {@link #readNext()}; I/O errors surface as
     * {@link UncheckedIOException}.
     */
    @Override
    default Iterator<RecordBatch> iterator() {
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

    /** Every batch not read yet, as a table. */
    default Table readAll() throws IOException {
        List<RecordBatch> all = new ArrayList<>();
        for (RecordBatch b; (b = readNext()) != null; ) all.add(b);
        return Table.of(schema(), all);
    }

    @Override
    void close() throws IOException;
}
