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

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code quiver validate FILE}: reads every batch with the chosen validation; exit 0 when valid, 1 when not. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Read every record batch of an Arrow IPC file or stream, checking it as it is read.",
                "Prints 'valid: N batches, M rows' and exits 0, or prints the first error and exits 1."})
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        IpcReadOptions options = IpcReadOptions.DEFAULT.withValidation(
                level == Level.BASIC ? ValidationLevel.BASIC : ValidationLevel.FULL);
        int batches = 0;
        long rows = 0;
        try (BatchSource src = Input.of(file, main, spec.commandLine()).batches(options)) {
            while (true) {
                RecordBatch next = src.next();
                if (next == null) break;
                try (RecordBatch b = next) {
                    rows += b.numRows();
                }
                batches++;
            }
        }
        spec.commandLine().getOut().printf("valid: %d batches, %d rows%n", batches, rows);
        return 0;
    }
}
