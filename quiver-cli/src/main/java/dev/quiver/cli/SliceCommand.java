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

/** {@code quiver slice --rows A:B IN}: rows A (included) to B (excluded), counted from 0 across batches. */
@Command(name = "slice", mixinStandardHelpOptions = true,
        description = "Write rows A to B (A included, B excluded, counted from 0 across batches) of an Arrow IPC file "
                + "or stream as Arrow IPC (standard output by default). A: is every row from A, :B the first B.")
final class SliceCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "IN",
            description = "An Arrow IPC file or stream; - or none for standard input.")
    Path in;

    @Option(names = "--rows", paramLabel = "A:B", required = true, description = "The rows: A:B, A: or :B.")
    String range;

    @Mixin
    WriteTarget target;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        int colon = range.indexOf(':');
        if (colon < 0) throw usage("expected A:B, A: or :B");
        long from = parse(range.substring(0, colon), 0);
        long to = parse(range.substring(colon + 1), Long.MAX_VALUE);
        if (to < from) throw usage("the end " + to + " is before the start " + from);
        Input input = Input.of(in, main, spec.commandLine());
        target.checkNotInput(input, spec.commandLine());
        RowRange.copy(input, from, to - from, target, main,
                spec.commandLine().getOut());
        return 0;
    }

    private long parse(String s, long dflt) {
        if (s.isBlank()) return dflt;
        try {
            long n = Long.parseLong(s.strip());
            if (n < 0) throw usage("rows are counted from 0: " + n);
            return n;
        } catch (NumberFormatException e) {
            throw usage("not a row number: '" + s + "'");
        }
    }

    private ParameterException usage(String why) {
        return new ParameterException(spec.commandLine(), "--rows " + range + ": " + why);
    }
}
