package dev.quiver.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How wide text output may be where it goes (a picocli mixin: {@code --width}): {@code --width}, else
 * {@code $COLUMNS}, else the terminal's when standard output is one, else {@value #DEFAULT_WIDTH} columns. Only the
 * process's own standard output can be a terminal (never bytes a caller of {@link Main#run} collects). Colour:
 * {@link Colors}.
 */
final class Terminal {
    /** Columns when nothing says how wide the output is. */
    static final int DEFAULT_WIDTH = 80;

    @Option(names = "--width", paramLabel = "N",
            description = "Columns to fit the output in (0: no limit). Default: $COLUMNS, the terminal's width, or "
                    + DEFAULT_WIDTH + ".")
    Integer width;

    /** The columns available. */
    int width(Main main) {
        if (width != null) return Math.max(0, width);
        Integer columns = parse(System.getenv("COLUMNS"));
        if (columns != null) return columns;
        if (main.stdoutIsTerminal()) {
            Integer tty = ttyColumns();
            if (tty != null) return tty;
        }
        return DEFAULT_WIDTH;
    }

    /**
     * Whether to colour (a picocli mixin: {@code --color}, {@code --no-color}): when standard output is a terminal,
     * {@code NO_COLOR} is unset or empty and {@code TERM} is not {@code dumb}, unless {@code --color always|never} or
     * {@code --no-color} says otherwise.
     */
    static final class Colors {
        enum When { AUTO, ALWAYS, NEVER }

        @Option(names = "--color", paramLabel = "auto|always|never", defaultValue = "auto",
                description = "Colour: auto (the default) on a terminal unless NO_COLOR is set; always; never.")
        When color;

        @Option(names = "--no-color", description = "No colour (as --color never).")
        boolean noColor;

        /** Colours, or none. */
        dev.quiver.cli.text.Ansi ansi(Main main) {
            if (noColor || color == When.NEVER) return dev.quiver.cli.text.Ansi.OFF;
            if (color == When.ALWAYS) return new dev.quiver.cli.text.Ansi(true);
            String noColorEnv = System.getenv("NO_COLOR");
            if (noColorEnv != null && !noColorEnv.isEmpty()) return dev.quiver.cli.text.Ansi.OFF;
            if ("dumb".equals(System.getenv("TERM"))) return dev.quiver.cli.text.Ansi.OFF;
            return new dev.quiver.cli.text.Ansi(main.stdoutIsTerminal());
        }
    }

    private static Integer parse(String s) {
        if (s == null) return null;
        try {
            int n = Integer.parseInt(s.strip());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The terminal's columns, as {@code stty size} reports them on /dev/tty, or null. */
    private static Integer ttyColumns() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            String[] rowsColumns = out.split("\\s+");
            return rowsColumns.length == 2 ? parse(rowsColumns[1]) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether the process's standard output is a terminal. */
    static boolean processStdoutIsTerminal() {
        return processFdIsTerminal(1);
    }

    /** Whether the process's standard error is a terminal. */
    static boolean processStderrIsTerminal() {
        return processFdIsTerminal(2);
    }

    /** Whether the process's descriptor {@code n} (1 or 2) is a terminal. */
    private static boolean processFdIsTerminal(int n) {
        try {
            Path fd = Path.of("/proc/self/fd/" + n);
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux: ask the console below
        }
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }
}
