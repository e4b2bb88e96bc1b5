package dev.quiver.cli;

import dev.quiver.QuiverException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The {@code quiver} command. Exit status: 0 ok, 1 invalid data or unreadable input (the message is printed
 * to standard error as {@code quiver: <message>}), 2 usage error.
 */
@Command(name = "quiver", mixinStandardHelpOptions = true, version = "quiver 0.1.0",
        description = "Apache Arrow IPC files and streams: walk through the format, inspect, print, convert, validate.",
        subcommands = {DemoCommand.class, InspectCommand.class, PrintCommand.class, ConvertCommand.class,
                ValidateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status when the input is invalid or cannot be read. */
    public static final int INVALID = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the process's standard output and error; returns the exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the command line writing to {@code out} and {@code err} (both are flushed before returning) and
     * returns the exit status: 0 ok, 1 invalid data, 2 usage.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
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
