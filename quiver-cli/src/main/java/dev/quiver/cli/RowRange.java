package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.IpcReadOptions;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Rows {@code [from, from + count)} of an input, counted across batches, written as IPC: batches before the range
 * are skipped, those it cuts are sliced (zero-copy), and reading stops after its last row. Batches keep their
 * metadata; an empty range gives the schema alone.
 */
final class RowRange {
    private RowRange() {}

    static void copy(Input input, long from, long count, WriteTarget target, Main main, PrintWriter text)
            throws IOException {
        try (BatchSource src = input.batches(IpcReadOptions.DEFAULT); Output output = Output.open(target.out, main)) {
            BatchWriter.Stats stats = BatchWriter.write(output, target.format(src.format()), src.schema(),
                    src.footerMetadata(), sink -> {
                        long skip = from;
                        long left = count;
                        int index = 0;
                        for (RecordBatch next; left > 0 && (next = src.next()) != null; index++) {
                            try (RecordBatch b = next) {
                                if (skip >= b.numRows()) {
                                    skip -= b.numRows();
                                    continue;
                                }
                                int start = (int) skip;
                                int n = (int) Math.min(b.numRows() - start, left);
                                skip = 0;
                                left -= n;
                                if (start == 0 && n == b.numRows()) {
                                    sink.write(b, input.name(), index);
                                } else {
                                    try (RecordBatch part = b.slice(start, n)) {
                                        sink.write(part, input.name(), index);
                                    }
                                }
                            }
                        }
                    });
            target.report(output, stats, text);
        }
    }
}
