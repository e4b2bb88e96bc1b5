package dev.quiver.cli;

import dev.quiver.array.Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.cli.values.ValueText;
import dev.quiver.cli.values.ValueTree;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code quiver print FILE}: the schema, then the rows of every record batch as a table fitted to the terminal, or
 * the rows alone as CSV, TSV, JSON or JSON lines ({@link RowFormat}). {@code --columns}, {@code --batch},
 * {@code --offset} and {@code --limit} choose what is printed; batches are read one at a time, and reading stops once
 * the last row asked for is printed.
 */
@Command(name = "print", mixinStandardHelpOptions = true,
        description = {"Print the rows of an Arrow IPC file or stream: as a table after the schema (with its "
                + "metadata), or as CSV, TSV, JSON or JSON lines for scripts.",
                "Rows are counted across batches: --offset N skips N, --limit N prints at most N (default: 20 in a "
                + "table, all otherwise)."})
final class PrintCommand implements Callable<Integer> {
    /** Rows a table shows when --limit is not given. */
    static final long TABLE_LIMIT = 20;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "An Arrow IPC file or stream; - or none for standard input.")
    Path file;

    @ParentCommand
    Main main;

    @Option(names = {"-f", "--format"}, paramLabel = "table|csv|tsv|json|jsonl", defaultValue = "table",
            description = "table (the default): the schema, then each batch as a table; csv: RFC 4180, a header "
                    + "row; tsv: tab-separated, \\t \\n \\r \\\\ escaped, \\N for null; json: one array of row "
                    + "objects; jsonl: one row object a line.")
    RowFormat.Kind format;

    @Option(names = "--columns", paramLabel = "A,B", split = ",",
            description = "Only these columns, in this order (names of top-level fields).")
    List<String> columns;

    @Option(names = {"-n", "--limit"}, paramLabel = "N",
            description = "At most N rows in all (default: " + TABLE_LIMIT + " in a table, every row otherwise).")
    Long limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N rows.")
    long offset;

    @Option(names = {"-b", "--batch"}, paramLabel = "I", description = "Only batch I (counted from 0).")
    Integer batch;

    @Mixin
    Terminal terminal;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (limit != null && limit < 0) throw new ParameterException(spec.commandLine(), "--limit must be >= 0: " + limit);
        if (offset < 0) throw new ParameterException(spec.commandLine(), "--offset must be >= 0: " + offset);
        if (batch != null && batch < 0) throw new ParameterException(spec.commandLine(), "--batch must be >= 0: " + batch);
        long max = limit != null ? limit : format == RowFormat.Kind.TABLE ? TABLE_LIMIT : Long.MAX_VALUE;
        PrintWriter out = spec.commandLine().getOut();
        Input input = Input.of(file, main, spec.commandLine());
        try (BatchSource src = input.batches(IpcReadOptions.DEFAULT)) {
            Schema schema = src.schema();
            int[] selected = select(schema);
            List<Field> fields = new ArrayList<>(selected.length);
            for (int c : selected) fields.add(schema.field(c));
            RowFormat sink = RowFormat.create(format, fields, terminal.width(main), out);
            sink.begin(input.name(), src);
            long skip = offset;
            long left = max;
            int index = batch != null ? batch : 0;
            RecordBatch first = batch != null ? src.seek(batch) : src.next();
            if (first == null && batch != null) {
                throw new ParameterException(spec.commandLine(), "--batch " + batch + ": the " + src.format().label()
                        + " has fewer batches" + (src.knownBatchCount() >= 0 ? " (" + src.knownBatchCount() + ")" : ""));
            }
            long rows = 0;
            int batches = 0;
            boolean stopped = false;
            for (RecordBatch next = first; next != null; next = batch != null ? null : src.next(), index++) {
                try (RecordBatch b = next) {
                    batches++;
                    rows += b.numRows();
                    if (skip >= b.numRows()) {
                        skip -= b.numRows();
                        continue;
                    }
                    int from = (int) skip;
                    int to = (int) Math.min(b.numRows(), from + Math.min(left, Integer.MAX_VALUE));
                    skip = 0;
                    List<Object[]> values = new ArrayList<>(to - from);
                    for (int r = from; r < to; r++) {
                        Object[] row = new Object[selected.length];
                        for (int c = 0; c < selected.length; c++) {
                            Array a = b.column(selected[c]);
                            row[c] = ValueTree.of(a, fields.get(c), r);
                        }
                        values.add(row);
                    }
                    left -= to - from;
                    sink.batch(index, b, from, values);
                    if (left == 0 && (to < b.numRows() || batch == null && hasMore(src, index))) {
                        stopped = true;
                        sink.stopped(max, batch != null ? 0 : src.knownBatchCount() >= 0
                                ? src.knownBatchCount() - index - 1 : -1);
                        break;
                    }
                }
            }
            if (!stopped) sink.end(batches, rows);
        }
        return 0;
    }

    /** Whether batches follow batch {@code index}: a file's footer says; a stream is read one batch further. */
    private static boolean hasMore(BatchSource src, int index) throws IOException {
        if (src.knownBatchCount() >= 0) return index + 1 < src.knownBatchCount();
        RecordBatch next = src.next();
        if (next == null) return false;
        next.close();
        return true;
    }

    /** Indices of the columns to print. */
    private int[] select(Schema schema) {
        if (columns == null || columns.isEmpty()) {
            int[] all = new int[schema.fields().size()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        int[] out = new int[columns.size()];
        for (int i = 0; i < out.length; i++) {
            String name = columns.get(i).strip();
            out[i] = schema.indexOf(name);
            if (out[i] < 0) {
                List<String> names = schema.fields().stream().map(Field::name).toList();
                throw new ParameterException(spec.commandLine(), "--columns: no column named '" + ValueText.escape(name)
                        + "' (the columns: " + String.join(", ", names.stream().map(ValueText::escape).toList()) + ")");
            }
        }
        return out;
    }
}
