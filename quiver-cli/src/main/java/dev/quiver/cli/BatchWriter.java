package dev.quiver.cli;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.util.Map;

/**
 * Writes the batches of {@code cat}, {@code head} and {@code slice} to an {@link Output} as an IPC file or stream,
 * with the input's schema and default write options. A stream takes dictionaries as they come (a changed one is
 * sent again, as a replacement), or, for batches given with their source ({@link Sink#copy}), as the source has its
 * dictionary batches (deltas as deltas, replacements as replacements); a file goes through a {@link DictionaryUnifier}, so that it holds every dictionary
 * once and then its deltas. The output is committed when every batch is written, abandoned otherwise.
 */
final class BatchWriter {
    /** What was written. */
    record Stats(IpcFormat format, int batches, long rows) {}

    /** Gives the batches to {@link Sink#write}. */
    interface Feed {
        void feed(Sink sink) throws IOException;
    }

    interface Sink {
        /** Writes {@code b}, batch {@code index} of {@code input} (for messages). */
        void write(RecordBatch b, String input, int index) throws IOException;

        /**
         * Writes {@code b}, the batch {@code src} returned last: to a stream with the dictionary batches before it in
         * {@code src} as they are there ({@link MessageCopy}); to a file as {@link #write}.
         */
        void copy(BatchSource src, RecordBatch b, String input, int index) throws IOException;

        /** {@code src} has no more batches: a stream gets the dictionary batches after its last one. */
        void ended(BatchSource src, String input) throws IOException;
    }

    private BatchWriter() {}

    static Stats write(Output output, IpcFormat format, Schema schema, Map<String, String> footerMetadata, Feed feed)
            throws IOException {
        RecordBatchStreamWriter writer = format == IpcFormat.FILE
                ? Ipc.newFile(output.channel(), schema, IpcWriteOptions.DEFAULT).footerMetadata(footerMetadata)
                : Ipc.newStream(output.channel(), schema, IpcWriteOptions.DEFAULT);
        DictionaryUnifier unifier = format == IpcFormat.FILE ? new DictionaryUnifier() : null;
        int[] batches = {0};
        long[] rows = {0};
        output.write(writer, w -> {
            w.start();
            feed.feed(new Sink() {
                private BatchSource copying;
                private MessageCopy copy;

                @Override
                public void write(RecordBatch b, String input, int index) throws IOException {
                    RecordBatch out = unifier == null ? b : unifier.unify(b, input, index);
                    try {
                        w.write(out);
                    } catch (IllegalArgumentException e) {
                        // the file writer refuses what a file cannot hold: a dictionary replaced between batches
                        throw new UnsupportedFeatureException("batch " + index + ": " + e.getMessage(), input, -1, null, e);
                    }
                    batches[0]++;
                    rows[0] += b.numRows();
                }

                @Override
                public void copy(BatchSource src, RecordBatch b, String input, int index) throws IOException {
                    if (unifier != null) {
                        write(b, input, index);
                        return;
                    }
                    try {
                        copier(src).write(b);
                    } catch (IllegalArgumentException e) {
                        throw new UnsupportedFeatureException("batch " + index + ": " + e.getMessage(), input, -1, null, e);
                    }
                    batches[0]++;
                    rows[0] += b.numRows();
                }

                @Override
                public void ended(BatchSource src, String input) throws IOException {
                    if (unifier != null) return;
                    try {
                        copier(src).finish();
                    } catch (IllegalArgumentException e) {
                        throw new UnsupportedFeatureException("after the last batch: " + e.getMessage(), input, -1,
                                null, e);
                    }
                }

                private MessageCopy copier(BatchSource src) {
                    if (copying != src) {
                        copying = src;
                        copy = new MessageCopy(src, w, false);
                    }
                    return copy;
                }
            });
        });
        return new Stats(format, batches[0], rows[0]);
    }
}
