package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchStreamWriter;

import java.io.IOException;

/**
 * Writes a source's batches as the source has them: before each batch, the dictionary batches that precede it in
 * the input, deltas as deltas and replacements as replacements ({@link BatchSource#takeDictionaries()},
 * {@link RecordBatchStreamWriter#writeDictionary}); with {@code keepCompression}, every message with its own body
 * compression in the input. A file output holds no replacement: one that only extends the dictionary becomes a
 * delta, any other is refused by the writer ({@link IllegalArgumentException}).
 */
final class MessageCopy {
    private final BatchSource source;
    private final RecordBatchStreamWriter writer;
    private final boolean keepCompression;

    MessageCopy(BatchSource source, RecordBatchStreamWriter writer, boolean keepCompression) {
        this.source = source;
        this.writer = writer;
        this.keepCompression = keepCompression;
    }

    /** Writes {@code batch}, the batch the source returned last, after the dictionary batches before it. */
    void write(RecordBatch batch) throws IOException {
        dictionaries();
        if (keepCompression) writer.compression(source.compression());
        writer.write(batch);
    }

    /** Writes the dictionary batches after the last batch (call once the source returned null). */
    void finish() throws IOException {
        dictionaries();
    }

    private void dictionaries() throws IOException {
        for (BatchSource.DictionaryMessage d : source.takeDictionaries()) {
            if (keepCompression) writer.compression(d.compression());
            writer.writeDictionary(d.id(), d.values(), d.isDelta());
        }
    }
}
