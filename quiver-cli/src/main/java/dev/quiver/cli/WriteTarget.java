package dev.quiver.cli;

import dev.quiver.cli.text.Words;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code cat}, {@code head} and {@code slice} write (a picocli mixin): {@code -o OUT} (standard output by
 * default, or {@code -}), as {@code --to file|stream}, else as OUT's name says ({@code .arrow} file, {@code .arrows}
 * stream), else in the (first) input's format.
 */
final class WriteTarget {
    @Option(names = {"-o", "--output"}, paramLabel = "OUT", defaultValue = "-",
            description = "Where to write: a file (replaced when complete), a pipe or device, - (the default) for "
                    + "standard output.")
    Path out;

    @Option(names = "--to", paramLabel = "file|stream",
            description = "Output format. Default: from OUT's name (.arrow file, .arrows stream), else the input's.")
    IpcFormat to;

    /** Refuses to write over an input: the output replaces its file while it is still being read. */
    void checkNotInput(Input input, picocli.CommandLine cl) throws IOException {
        if (input.isStdin() || out.toString().equals("-") || !Files.exists(out) || !Files.exists(input.path())) return;
        if (Files.isSameFile(input.path(), out)) {
            throw new picocli.CommandLine.ParameterException(cl, "the input is the output file: " + out);
        }
    }

    IpcFormat format(IpcFormat input) {
        if (to != null) return to;
        if (!out.toString().equals("-") && IpcFormat.fromName(out) != null) return IpcFormat.fromName(out);
        return input;
    }

    /** On a regular file, says what was written (never on standard output, where it would mix with the data). */
    void report(Output output, BatchWriter.Stats stats, PrintWriter text) throws IOException {
        if (!output.isRegularFile()) return;
        text.printf("wrote %s: Arrow IPC %s, %s, %s, %s%n", out, stats.format().label(), Words.batches(stats.batches()),
                Words.rows(stats.rows()), Words.bytes(Files.size(out)));
    }
}
