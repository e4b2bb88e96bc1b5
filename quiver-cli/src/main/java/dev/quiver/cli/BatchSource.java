package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.util.Map;

/**
 * Record batches of an IPC file or stream, read one at a time so that large inputs never accumulate in
 * memory. Each batch borrows the reader's memory: use it, close it, then read the next.
 */
sealed interface BatchSource extends AutoCloseable {

    /** The batches of a reader that {@link Input#open} opened: a file or a stream, told by its first bytes. */
    static BatchSource of(RecordBatchReader reader) {
        return switch (reader) {
            case RecordBatchFileReader f -> new OfFile(f);
            case RecordBatchStreamReader s -> new OfStream(s);
            default -> throw new IllegalArgumentException("not an IPC reader: " + reader.getClass());
        };
    }

    IpcFormat format();

    Schema schema();

    /** The next batch, or null at the end. */
    RecordBatch next() throws IOException;

    /** Number of batches when known up front (files), else -1. */
    int knownBatchCount();

    /** Custom metadata of the file footer (empty for streams). */
    Map<String, String> footerMetadata();

    @Override
    void close() throws IOException;

    /** Skips batches until batch {@code index}; returns it, or null when the input has fewer batches. */
    default RecordBatch seek(int index) throws IOException {
        for (int i = 0; i < index; i++) {
            RecordBatch b = next();
            if (b == null) return null;
            b.close();
        }
        return next();
    }

    final class OfFile implements BatchSource {
        private final RecordBatchFileReader reader;
        private int next;

        OfFile(RecordBatchFileReader reader) { this.reader = reader; }

        @Override public IpcFormat format() { return IpcFormat.FILE; }
        @Override public Schema schema() { return reader.schema(); }
        @Override public int knownBatchCount() { return reader.numRecordBatches(); }
        @Override public Map<String, String> footerMetadata() { return reader.footer().metadata(); }

        @Override
        public RecordBatch next() {
            return next < reader.numRecordBatches() ? reader.recordBatch(next++) : null;
        }

        @Override
        public RecordBatch seek(int index) {
            if (index >= reader.numRecordBatches()) return null;
            next = index;
            return next();
        }

        @Override public void close() { reader.close(); }
    }

    final class OfStream implements BatchSource {
        private final RecordBatchStreamReader reader;

        OfStream(RecordBatchStreamReader reader) { this.reader = reader; }

        @Override public IpcFormat format() { return IpcFormat.STREAM; }
        @Override public Schema schema() { return reader.schema(); }
        @Override public int knownBatchCount() { return -1; }
        @Override public Map<String, String> footerMetadata() { return Map.of(); }
        @Override public RecordBatch next() throws IOException { return reader.readNext(); }
        @Override public void close() throws IOException { reader.close(); }
    }
}
