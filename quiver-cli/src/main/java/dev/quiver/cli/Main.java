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
 * to standard error as one line, {@code quiver: <message>}; an unexpected error, a bug, is one line too, with its
 * stack trace only when the environment variable {@code QUIVER_DEBUG} is set), 2 usage error (also {@code quiver}
 * alone, which prints the usage to standard error). Commands read and write through {@link Input} and
 * {@link Output}: {@code -} is standard input or output.
 */
@Command(name = "quiver", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Apache Arrow IPC files and streams: walk through the format, inspect, print, convert, validate.")
public final class Main implements java.util.concurrent.Callable<Integer> {
    /**
     * The subcommands, in the order the usage lists them. Added to the command line by {@link #commandLine}: only the
     * one a run names when it names one (picocli then builds the model of that command alone, which is most of a
     * small run's start-up), every one otherwise (usage, {@code help}, completion, man page).
     */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = commands();

    private static java.util.Map<String, java.util.function.Supplier<Object>> commands() {
        java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
        m.put("demo", DemoCommand::new);
        m.put("inspect", InspectCommand::new);
        m.put("print", PrintCommand::new);
        m.put("convert", ConvertCommand::new);
        m.put("validate", ValidateCommand::new);
        m.put("integration", IntegrationCommand::new);
        m.put("stream-to-file", StreamToFileCommand::new);
        m.put("file-to-stream", FileToStreamCommand::new);
        m.put("recover", RecoverCommand::new);
        m.put("schema", SchemaCommand::new);
        m.put("info", InfoCommand::new);
        m.put("cat", CatCommand::new);
        m.put("head", HeadCommand::new);
        m.put("slice", SliceCommand::new);
        m.put("flight", FlightCommand::new);
        // a lambda, not a method reference: the JDK 25 AOT cache cannot hold a method reference to a class compiled
        // for Java 5 (picocli's), and its assembly crashes on one (see bin/measure-startup)
        m.put("help", () -> new CommandLine.HelpCommand());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Exit status when the input is invalid or cannot be read. */
    public static final int INVALID = 1;
    /** Exit status of a usage error. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Binary standard input and output, for commands that move IPC bytes through pipes. */
    private final InputStream stdin;
    private final OutputStream stdout;
    private final boolean stdoutIsTerminal;
    private final boolean stderrIsTerminal;

    private Main(InputStream stdin, OutputStream stdout, boolean stdoutIsTerminal, boolean stderrIsTerminal) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stdoutIsTerminal = stdoutIsTerminal;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    /** Whether standard error is the process's own and a terminal (for progress: {@link Progress}). */
    boolean stderrIsTerminal() { return stderrIsTerminal; }

    /** Whether standard output is the process's own and a terminal (for colour and width: {@link Terminal}). */
    boolean stdoutIsTerminal() { return stdoutIsTerminal; }

    /** Standard input as bytes (subcommands reach it through {@code @ParentCommand}). */
    InputStream stdin() { return stdin; }

    /** Whether standard input is the process's own (not bytes a caller gave {@link #run(InputStream, OutputStream, OutputStream, String...)}). */
    boolean stdinIsProcess() { return stdin == System.in; }

    /**
     * Standard output as bytes, for binary data; never mixed with the text writer {@code spec.commandLine().getOut()}
     * in one command. Commands flush it when done.
     */
    OutputStream stdout() { return stdout; }

    /** {@code quiver} without a command: the usage, on standard error, and exit status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public static void main(String[] args) {
        dropUnusableCache();
        System.exit(run(args));
    }

    /**
     * {@code ./quiver} names its AOT cache in the property {@code quiver.aot.cache}. A JVM that cannot use the cache
     * (made by another JDK build, of other jars, damaged) runs without it, and without any class-data sharing:
     * {@code java.vm.info} then does not say "sharing". The cache is deleted, and the launcher's next run makes it
     * again; this run goes on. When a cache is dropped a second time ({@code CACHE.dropped} is there from the first:
     * the JVM's options, say, do not let it use any cache made here), {@code CACHE.failed} tells the launcher to make
     * none for these jars and to use the CDS archive instead (it tries again after a build).
     */
    static void dropUnusableCache() {
        String cache = System.getProperty("quiver.aot.cache");
        if (cache == null || System.getProperty("java.vm.info", "").contains("sharing")) return;
        new java.io.File(cache).delete();
        java.io.File dropped = new java.io.File(cache + ".dropped");
        try {
            if (!dropped.createNewFile()) new java.io.File(cache + ".failed").createNewFile();
        } catch (IOException | SecurityException e) {
            // the cache directory went read-only: the launcher finds no cache and makes none it cannot write
        }
    }

    /**
     * Runs the command line on the process's standard input, output and error; returns the exit status. Standard
     * output is the descriptor itself (buffered), not {@code System.out}, whose {@code PrintStream} would swallow
     * write errors: a full disk or a closed pipe behind it fails the command.
     */
    public static int run(String... args) {
        OutputStream out = new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
                1 << 16);
        return run(System.in, out, System.err, Terminal.processStdoutIsTerminal(), Terminal.processStderrIsTerminal(),
                args);
    }

    /**
     * Runs the command line on byte streams: {@code in} and {@code out} carry binary data for the commands that
     * read or write IPC through pipes ({@code stream-to-file}, {@code file-to-stream}); text goes to {@code out}
     * and {@code err} as UTF-8. Both outputs are flushed before returning; none of the streams is closed.
     */
    public static int run(InputStream in, OutputStream out, OutputStream err, String... args) {
        return run(in, out, err, false, false, args);
    }

    private static int run(InputStream in, OutputStream out, OutputStream err, boolean terminal,
                           boolean errTerminal, String... args) {
        PrintWriter textOut = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter textErr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        int exit = run(in, out, textOut, textErr, terminal, errTerminal, args);
        boolean failed = textOut.checkError(); // flushes; true when text could not be written
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
        }
        if (failed && exit == 0) {
            textErr.println("quiver: standard output: the output could not be written");
            exit = INVALID;
        }
        flush(err);
        return exit;
    }


    private static void flush(OutputStream s) {
        try {
            s.flush();
        } catch (IOException ignored) {
            // nothing more can be said where the output has gone
        }
    }

    /** The command line over binary standard input and output (for tests: its subcommands). */
    static CommandLine commandLine(InputStream binIn, OutputStream binOut) {
        return commandLine(binIn, binOut, false, false);
    }

    private static CommandLine commandLine(InputStream binIn, OutputStream binOut, boolean terminal,
                                           boolean errTerminal) {
        return commandLine(binIn, binOut, terminal, errTerminal, null);
    }

    /** The command line with every subcommand, or with only {@code only} (a subcommand's name) when not null. */
    private static CommandLine commandLine(InputStream binIn, OutputStream binOut, boolean terminal,
                                           boolean errTerminal, String only) {
        CommandLine cl = new CommandLine(new Main(binIn, binOut, terminal, errTerminal));
        for (var e : COMMANDS.entrySet()) {
            if (only == null || only.equals(e.getKey())) cl.addSubcommand(e.getKey(), e.getValue().get());
        }
        return cl;
    }

    /** The subcommand {@code args} name first, when it is one that needs no other ("help" lists them all). */
    static String named(String... args) {
        return args.length > 0 && !args[0].equals("help") && COMMANDS.containsKey(args[0]) ? args[0] : null;
    }

    private static int run(InputStream binIn, OutputStream binOut, PrintWriter out, PrintWriter err, boolean terminal,
                           boolean errTerminal, String... args) {
        CommandLine cl = commandLine(binIn, binOut, terminal, errTerminal, named(args));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getOut().flush();
            line.getErr().println("quiver: " + errorLine(ex));
            if (System.getenv("QUIVER_DEBUG") != null) ex.printStackTrace(line.getErr());
            return INVALID;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The one line printed after {@code quiver: } for an error: the message of a {@link QuiverException} or an I/O
     * error; for any other exception (a bug: data problems are QuiverExceptions) its class and message. Control
     * characters (a line break in a field name, say) are escaped, so that it stays one line.
     */
    static String errorLine(Exception ex) {
        String message = switch (ex) {
            case QuiverException q -> q.getMessage();
            case UncheckedIOException u -> ioMessage(u.getCause());
            case IOException io -> ioMessage(io);
            default -> "unexpected " + ex.getClass().getName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                    + " (a bug in Quiver: please report it with the input; QUIVER_DEBUG=1 prints the stack trace)";
        };
        return dev.quiver.cli.values.ValueText.escape(message);
    }

    /** One line naming the path as given: {@code PATH: no such file}, {@code PATH: is a directory}... */
    private static String ioMessage(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException n when n.getReason() == null -> n.getFile() + ": no such file";
            case java.nio.file.AccessDeniedException a when a.getReason() == null -> a.getFile() + ": permission denied";
            case java.nio.file.FileSystemException f when f.getFile() != null && f.getReason() != null ->
                    f.getFile() + ": " + f.getReason();
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }
}
