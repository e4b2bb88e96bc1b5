package dev.quiver.cli;

import dev.quiver.QuiverException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code quiver} command. Exit status: 0 ok, 1 invalid data or unreadable input (the message is printed
 * to standard error as {@code quiver: <message>}), 2 usage error.
 */
@Command(name = "quiver", mixinStandardHelpOptions = true, version = "quiver 0.1.0",
        description = "Apache Arrow IPC files and streams: walk through the format, inspect, print, convert, validate.",
        subcommands = {DemoCommand.class, InspectCommand.class, PrintCommand.class, ConvertCommand.class,
                ValidateCommand.class, IntegrationCommand.class, StreamToFileCommand.class, FileToStreamCommand.class, FlightCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status when the input is invalid or cannot be read. */
    public static final int INVALID = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Binary standard input and output, for commands that move IPC bytes through pipes. */
    private final InputStream stdin;
    private final OutputStream stdout;

    private Main(InputStream stdin, OutputStream stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    /** Standard input as bytes (subcommands reach it through {@code @ParentCommand}). */
    InputStream stdin() { return stdin; }

    /**
     * Standard output as bytes, for binary data; never mixed with the text writer {@code spec.commandLine().getOut()}
     * in one command. Commands flush it when done.
     */
    OutputStream stdout() { return stdout; }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the process's standard input, output and error; returns the exit status. */
    public static int run(String... args) {
        return run(System.in, System.out, System.err, args);
    }

    /**
     * Runs the command line on byte streams: {@code in} and {@code out} carry binary data for the commands that
     * read or write IPC through pipes ({@code stream-to-file}, {@code file-to-stream}); text goes to {@code out}
     * and {@code err} as UTF-8. Both outputs are flushed before returning; none of the streams is closed.
     */
    public static int run(InputStream in, OutputStream out, OutputStream err, String... args) {
        PrintWriter textOut = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter textErr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            return run(in, out, textOut, textErr, args);
        } finally {
            flush(out);
            flush(err);
        }
    }

    /**
     * Runs the command line writing text to {@code out} and {@code err} (both are flushed before returning) and
     * returns the exit status: 0 ok, 1 invalid data, 2 usage. Binary standard input and output are the process's.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, System.out, out, err, args);
    }

    private static void flush(OutputStream s) {
        try {
            s.flush();
        } catch (IOException ignored) {
            // nothing more can be said where the output has gone
        }
    }

    private static int run(InputStream binIn, OutputStream binOut, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main(binIn, binOut));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getOut().flush();
            String message = switch (ex) {
                case QuiverException q -> q.getMessage();
                case UncheckedIOException u -> ioMessage(u.getCause());
                case IOException io -> ioMessage(io);
                default -> null;
            };
            if (message == null) throw ex;
            line.getErr().println("quiver: " + message);
            return INVALID;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String ioMessage(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException n -> n.getFile() + ": no such file";
            case java.nio.file.AccessDeniedException a -> a.getFile() + ": permission denied";
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }
}
