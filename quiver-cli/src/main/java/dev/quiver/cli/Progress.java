package dev.quiver.cli;

import dev.quiver.cli.text.Words;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of long work on standard error: bytes and rows done, throughput, and the time left when the input's
 * size is known. Shown by itself only when standard error is the process's own and a terminal, and the work lasts
 * more than {@link #DELAY_NANOS a second} (then redrawn in place a few times a second and erased at the end), so
 * that scripts and pipes never see it; {@code --progress} shows it whatever standard error is, from the start
 * (a line per second where standard error is not a terminal), {@code --quiet} never. A daemon thread draws it, so
 * it moves while one big batch is read or the input waits on a pipe; the work only stores its counts.
 */
final class Progress implements AutoCloseable {
    /** The mixin of the commands that show progress: {@code --progress}, {@code --quiet}. */
    static final class Options {
        @Option(names = "--progress",
                description = "Show progress on standard error, even when it is not a terminal or the work is short.")
        boolean progress;

        @Option(names = {"-q", "--quiet"}, description = "Never show progress (by default it shows on a terminal "
                + "when the work lasts more than a second).")
        boolean quiet;

        /** Progress of {@code what} over {@code totalBytes} (-1: unknown), or one that shows nothing. */
        Progress start(Main main, PrintWriter err, String what, long totalBytes) {
            if (quiet) return new Progress(null, what, totalBytes, false, false);
            if (progress) return new Progress(err, what, totalBytes, main.stderrIsTerminal(), true);
            if (!main.stderrIsTerminal()) return new Progress(null, what, totalBytes, false, false);
            return new Progress(err, what, totalBytes, true, false);
        }
    }

    static final long DELAY_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final String what;
    private final long total;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final Thread drawer;
    private volatile long bytes = -1;
    private volatile long rows;
    private volatile boolean done;
    private boolean drawn;
    private int lastWidth;

    private Progress(PrintWriter err, String what, long total, boolean terminal, boolean now) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.terminal = terminal;
        if (err == null) {
            drawer = null;
            return;
        }
        long delay = now ? 0 : DELAY_NANOS;
        long every = terminal ? REDRAW_NANOS : DELAY_NANOS;
        drawer = Thread.ofPlatform().daemon().name("quiver-progress").unstarted(() -> {
            try {
                long wait = delay;
                while (!done) {
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    if (done) break;
                    draw(false);
                    wait = every;
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
        drawer.start();
    }

    /** Records what is done so far: bytes of the input (-1: unknown) and rows. */
    void update(long bytesDone, long rowsDone) {
        this.bytes = bytesDone;
        this.rows = rowsDone;
    }

    /** The work is complete: the whole input is done (when its size is known). */
    void finished() {
        if (total > 0) bytes = total;
    }

    /** Whether this shows anything at all. */
    boolean shows() { return err != null; }

    private synchronized void draw(boolean last) {
        if (err == null) return;
        String line = line(what, bytes, rows, total, System.nanoTime() - startNanos);
        if (last) line = line.replaceFirst(", [^,]* left$", "");
        if (terminal) {
            StringBuilder b = new StringBuilder("\r").append(line);
            for (int i = line.length(); i < lastWidth; i++) b.append(' ');
            lastWidth = line.length();
            err.print(b);
        } else {
            err.println(line);
        }
        err.flush();
        drawn = true;
    }

    /**
     * Stops drawing. On a terminal the line drawn is erased (what the command prints stays clean); forced
     * elsewhere, a last line says what was done.
     */
    @Override
    public void close() {
        if (err == null) return;
        done = true;
        drawer.interrupt();
        try {
            drawer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (terminal) {
                if (drawn) {
                    err.print("\r" + " ".repeat(lastWidth) + "\r");
                    err.flush();
                }
            } else {
                draw(true);
            }
        }
    }

    /**
     * The progress line: {@code "convert: 12.5 MB of 40.0 MB (31%), 1,200,000 rows, 6.2 MB/s, 4 s left"}; without a
     * known size no share and no time left; without known bytes ({@code bytes} -1) the rows per second.
     */
    static String line(String what, long bytes, long rows, long total, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        StringBuilder b = new StringBuilder(what).append(": ");
        if (bytes >= 0) {
            b.append(size(bytes));
            if (total > 0) {
                b.append(" of ").append(size(total)).append(String.format(Locale.ROOT, " (%d%%)",
                        Math.min(100, bytes * 100 / total)));
            }
            b.append(", ");
        }
        b.append(Words.rows(rows));
        if (bytes >= 0) {
            double rate = bytes / seconds;
            b.append(", ").append(size((long) rate)).append("/s");
            if (total > 0 && bytes > 0 && bytes < total) {
                b.append(", ").append(duration((total - bytes) / rate)).append(" left");
            }
        } else {
            b.append(", ").append(Words.number((long) (rows / seconds))).append(" rows/s");
        }
        return b.toString();
    }

    /** Bytes in decimal units: "980 B", "12.5 kB", "3.1 MB", "1.2 GB". */
    static String size(long n) {
        if (n < 1000) return n + " B";
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 999.95 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** "7 s", "3 min 20 s", "2 h 5 min". */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
