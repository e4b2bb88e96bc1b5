package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.IpcReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code quiver print FILE}: the schema, then the first rows of every record batch as a table. */
@Command(name = "print", mixinStandardHelpOptions = true,
        description = "Print the schema (with its metadata) and the first rows of each record batch of an Arrow "
                + "IPC file or stream.")
final class PrintCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "An Arrow IPC file or stream; - or none for standard input.")
    Path file;

    @ParentCommand
    Main main;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "Rows to print per batch (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-b", "--batch"}, paramLabel = "I", description = "Print only batch I (counted from 0).")
    Integer batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (limit < 0) throw new ParameterException(spec.commandLine(), "--limit must be >= 0: " + limit);
        if (batch != null && batch < 0) throw new ParameterException(spec.commandLine(), "--batch must be >= 0: " + batch);
        PrintWriter out = spec.commandLine().getOut();
        Input input = Input.of(file, main, spec.commandLine());
        try (BatchSource src = input.batches(IpcReadOptions.DEFAULT)) {
            out.printf("%s: Arrow IPC %s%n", input.name(), src.format().label());
            SchemaText.print(src.schema(), out);
            if (!src.footerMetadata().isEmpty()) {
                out.println("-- footer metadata --");
                src.footerMetadata().forEach((k, v) -> out.println(k + ": '" + Cells.clip(Cells.escape(v), 200) + "'"));
            }
            if (batch != null) {
                try (RecordBatch b = src.seek(batch)) {
                    if (b == null) {
                        throw new ParameterException(spec.commandLine(), "--batch " + batch + ": the " + src.format().label()
                                + " has fewer batches" + (src.knownBatchCount() >= 0 ? " (" + src.knownBatchCount() + ")" : ""));
                    }
                    batch(batch, b, out);
                }
                return 0;
            }
            int i = 0;
            while (true) {
                RecordBatch next = src.next();
                if (next == null) break;
                try (RecordBatch b = next) {
                    batch(i, b, out);
                }
                i++;
            }
            out.println();
            out.printf("%d batch%s%n", i, i == 1 ? "" : "es");
        }
        return 0;
    }

    private void batch(int index, RecordBatch b, PrintWriter out) {
        out.println();
        out.printf("-- batch %d: %,d row%s%s --%n", index, b.numRows(), b.numRows() == 1 ? "" : "s",
                b.metadata().isEmpty() ? "" : ", metadata " + b.metadata());
        TableText.print(b, limit, out);
    }
}
