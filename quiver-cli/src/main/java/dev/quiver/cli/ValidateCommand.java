package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.validate.ValidationLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import dev.quiver.QuiverException;
import dev.quiver.cli.text.ErrorJson;
import dev.quiver.cli.text.JsonText;
import dev.quiver.cli.text.Words;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code quiver validate FILE}: reads every batch with the chosen validation; exit 0 when valid, 1 when not. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Read every record batch of an Arrow IPC file or stream, checking it as it is read.",
                "Prints 'valid: N batches, M rows' and exits 0, or prints the first error and exits 1. With --json, the "
                + "batches and rows read before an error are counted too."})
final class ValidateCommand implements Callable<Integer> {
    enum Level { BASIC, FULL }

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "An Arrow IPC file or stream; - or none for standard input.")
    Path file;

    @ParentCommand
    Main main;

    @Option(names = "--level", paramLabel = "basic|full", defaultValue = "full",
            description = "basic: structure and buffer sizes; full: also every offset, UTF-8 string, "
                    + "dictionary index... (default ${DEFAULT-VALUE}).")
    Level level;

    @Option(names = "--json", description = "One JSON document (docs/json/validate.schema.json) instead of text, "
            + "also when the input is invalid.")
    boolean json;

    @picocli.CommandLine.Mixin
    Progress.Options progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        IpcReadOptions options = IpcReadOptions.DEFAULT.withValidation(
                level == Level.BASIC ? ValidationLevel.BASIC : ValidationLevel.FULL);
        int batches = 0;
        long rows = 0;
        Input input = Input.of(file, main, spec.commandLine());
        String format = null;
        QuiverException error = null;
        // progress from the start: opening a pipe waits for the schema
        try (Progress progress = progressOptions.start(main, spec.commandLine().getErr(), "validate", input.size());
             BatchSource src = input.batches(options)) {
            format = src.format().label();
            while (true) {
                RecordBatch next = src.next();
                if (next == null) break;
                try (RecordBatch b = next) {
                    rows += b.numRows();
                }
                batches++;
                progress.update(src.position(), rows);
            }
            progress.finished();
        } catch (QuiverException e) {
            if (!json) throw e;
            error = e;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("input", input.name());
            d.put("format", format);
            d.put("level", level.name().toLowerCase(java.util.Locale.ROOT));
            d.put("valid", error == null);
            d.put("batches", batches);
            d.put("rows", rows);
            d.put("error", ErrorJson.of(error));
            out.print(JsonText.pretty(d));
            out.flush();
            if (error != null) throw error;
        } else {
            out.printf("valid: %s, %s%n", Words.batches(batches), Words.rows(rows));
        }
        return 0;
    }
}
