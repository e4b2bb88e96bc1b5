package dev.quiver.cli;

import dev.quiver.testing.ChildProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progress on standard error: its line; forced with {@code --progress} and silenced with {@code --quiet}; shown by
 * itself on a terminal (a pseudo-terminal from {@code script}) when the work lasts more than a second, never when
 * standard error is a pipe.
 */
class ProgressTest {
    @TempDir
    Path dir;

    @Test
    void theLineSaysBytesRowsThroughputAndTimeLeft() {
        assertEquals("convert: 12.5 MB of 50.0 MB (25%), 1,200 rows, 6.3 MB/s, 6 s left",
                Progress.line("convert", 12_500_000, 1200, 50_000_000, 2_000_000_000L));
        assertEquals("validate: 980 B, 1 row, 980 B/s", Progress.line("validate", 980, 1, -1, 1_000_000_000L));
        assertEquals("recover: 3,000 rows, 1,500 rows/s", Progress.line("recover", -1, 3000, -1, 2_000_000_000L));
        assertEquals("cat: 50.0 MB of 50.0 MB (100%), 0 rows, 50.0 MB/s",
                Progress.line("cat", 50_000_000, 0, 50_000_000, 1_000_000_000L));
        assertEquals("1.0 GB", Progress.size(999_999_999));
        assertEquals("3 min 20 s", Progress.duration(200));
        assertEquals("2 h 5 min", Progress.duration(7500));
    }

    @Test
    void progressIsForcedByProgressAndSilencedByQuiet() throws IOException {
        Path f = Samples.file(dir, "f.arrow");
        Path out = dir.resolve("o.arrows");
        long size = Files.size(f);
        for (String[] args : new String[][] {{"convert", f.toString(), out.toString()}, {"validate", f.toString()},
                {"file-to-stream", f.toString(), out.toString()}, {"cat", f.toString(), "-o", out.toString()}}) {
            Cli quiet = Cli.run((Object[]) append(args, "--quiet"));
            assertEquals(0, quiet.exit(), quiet.toString());
            assertEquals("", quiet.err(), quiet.toString());
            Cli plain = Cli.run((Object[]) args);
            assertEquals("", plain.err(), "standard error is not a terminal: " + plain);
            Cli forced = Cli.run((Object[]) append(args, "--progress"));
            assertEquals(0, forced.exit(), forced.toString());
            assertEquals(plain.out(), forced.out(), "standard output is the same");
            String last = forced.err().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.matches(args[0] + ": [0-9.]+ (B|kB) of [0-9.]+ (B|kB) \\(\\d+%\\), 5 rows, .*/s"),
                    last + " (" + size + " bytes)");
        }
        Path s = Samples.stream(dir, "s.arrows");
        Cli toFile = Cli.run("stream-to-file", s, dir.resolve("x.arrow"), "--progress");
        assertTrue(toFile.err().startsWith("stream-to-file: "), toFile.toString());
        Cli recover = Cli.run("recover", s, dir.resolve("r.arrows"), "--progress");
        assertTrue(recover.err().lines().anyMatch(l -> l.matches("recover: 5 rows, .* rows/s")), recover.toString());
    }

    private static String[] append(String[] args, String more) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = more;
        return out;
    }

    /** A shell command that feeds FILE's first bytes, waits {@code pause} seconds, then the rest, to quiver ARGS. */
    private static String slowPipe(Path file, double pause, String... args) {
        String command = ChildProcess.command(Main.class.getName(), args).stream().map(ProgressTest::quote)
                .collect(Collectors.joining(" "));
        String f = quote(file.toString());
        return "{ head -c 200 " + f + "; sleep " + pause + "; tail -c +201 " + f + "; } | " + command;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Test
    void aTerminalGetsProgressWhenTheWorkLastsMoreThanASecond() throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
            String msg = "script (util-linux, Debian's bsdutils) is needed to give quiver a pseudo-terminal";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) org.junit.jupiter.api.Assertions.fail(msg);
            Assumptions.abort(msg);
        }
        Path s = Samples.stream(dir, "s.arrows");
        // the pause outlasts the JVM's start on a loaded machine by more than the second progress waits for
        String shell = "stty cols 100 rows 50; " + slowPipe(s, 4, "validate", "-");
        ChildProcess.Result r = ChildProcess.run(new ProcessBuilder("script", "-qec", shell, "/dev/null"), new byte[0]);
        assertEquals(0, r.exit(), r.toString());
        String tty = r.outText();
        assertTrue(tty.contains("\rvalidate: "), "progress drawn in place: " + tty);
        assertTrue(tty.matches("(?s).*\\rvalidate: 0 rows, 0 rows/s.*"), "nothing read before the pause: " + tty);
        // erased at the end, then the result
        assertTrue(tty.replace("\r\n", "\n").matches("(?s).*\\r +\\rvalid: 2 batches, 5 rows\\n?"), tty);

        // quick work on a terminal: no progress
        ChildProcess.Result quick = ChildProcess.run(new ProcessBuilder("script", "-qec",
                String.join(" ", ChildProcess.command(Main.class.getName(), "validate", s.toString()).stream()
                        .map(ProgressTest::quote).toList()), "/dev/null"), new byte[0]);
        assertEquals(0, quick.exit(), quick.toString());
        assertFalse(quick.outText().contains("validate:"), quick.outText());
    }

    @Test
    void aPipeGetsNoProgressHoweverLongTheWork() throws IOException {
        Path s = Samples.stream(dir, "s.arrows");
        ChildProcess.Result r = ChildProcess.run(new ProcessBuilder("bash", "-c", slowPipe(s, 2.5, "validate", "-")),
                new byte[0]);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err(), r.toString());
        assertEquals("valid: 2 batches, 5 rows\n", r.outText());
    }
}
