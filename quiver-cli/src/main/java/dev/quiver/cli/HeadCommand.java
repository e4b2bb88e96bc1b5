package dev.quiver.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code quiver head -n N IN}: the first N rows of a file or stream, as a file or stream ({@link RowRange}). */
@Command(name = "head", mixinStandardHelpOptions = true,
        description = "Write the first N rows of an Arrow IPC file or stream as Arrow IPC (standard output by "
                + "default), batches cut where the rows end; reading stops there.")
final class HeadCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "IN",
            description = "An Arrow IPC file or stream; - or none for standard input.")
    Path in;

    @Option(names = {"-n", "--rows"}, paramLabel = "N", defaultValue = "10",
            description = "Rows to keep (default ${DEFAULT-VALUE}).")
    long rows;

    @Mixin
    WriteTarget target;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (rows < 0) throw new ParameterException(spec.commandLine(), "-n must be >= 0: " + rows);
        Input input = Input.of(in, main, spec.commandLine());
        target.checkNotInput(input, spec.commandLine());
        RowRange.copy(input, 0, rows, target, main, spec.commandLine().getOut());
        return 0;
    }
}
