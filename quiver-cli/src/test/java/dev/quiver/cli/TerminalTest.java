package dev.quiver.cli;

import dev.quiver.testing.ChildProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Colour and width where standard output is a real terminal: {@code quiver} run under {@code script}, which gives it
 * a pseudo-terminal. Colour comes on by itself there, {@code NO_COLOR} and {@code --no-color} turn it off, and the
 * width is the terminal's ({@code stty cols}); in a pipe there is no colour at all.
 */
class TerminalTest {
    private static final String ESC = "\u001b[";

    @TempDir
    Path dir;

    /** {@code quiver ARGS} in a pseudo-terminal of {@code columns} columns, with {@code env} before it. */
    private static ChildProcess.Result inTerminal(String env, int columns, String... args) {
        if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
            String msg = "script (util-linux, Debian's bsdutils) is needed to give quiver a pseudo-terminal";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) org.junit.jupiter.api.Assertions.fail(msg);
            Assumptions.abort(msg);
        }
        String command = ChildProcess.command(Main.class.getName(), args).stream().map(TerminalTest::quote)
                .collect(Collectors.joining(" "));
        String shell = "stty cols " + columns + " rows 50; unset COLUMNS; " + env + " exec " + command;
        ChildProcess.Result r = ChildProcess.run(new ProcessBuilder("script", "-qec", shell, "/dev/null"), new byte[0]);
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Test
    void aTerminalGetsColourAndItsWidth() throws IOException {
        Path f = Files.write(dir.resolve("seed.arrows"), LayoutGoldenTest.seedStream());
        String coloured = inTerminal("", 90, "inspect", f.toString(), "--layout").outText();
        assertTrue(coloured.contains(ESC + "36m"), "continuation markers in cyan: " + coloured);
        assertTrue(coloured.contains(ESC + "34m"), "Flatbuffers in blue");
        List<String> rows = coloured.replace("\r", "").lines().skip(1) // the heading: the path, however long
                .map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "")).toList();
        int widest = rows.stream().mapToInt(String::length).max().orElse(0);
        assertEquals(90, widest, "the map fills the terminal's 90 columns:\n" + String.join("\n", rows));

        assertFalse(inTerminal("NO_COLOR=1", 90, "inspect", f.toString(), "--layout").outText().contains(ESC),
                "NO_COLOR");
        assertFalse(inTerminal("", 90, "inspect", f.toString(), "--layout", "--no-color").outText().contains(ESC),
                "--no-color");
        assertFalse(inTerminal("TERM=dumb", 90, "inspect", f.toString(), "--layout").outText().contains(ESC),
                "a dumb terminal");
        assertTrue(inTerminal("NO_COLOR=1", 90, "inspect", f.toString(), "--layout", "--color", "always").outText()
                .contains(ESC), "--color always wins over NO_COLOR");
    }

    @Test
    void aPipeGetsNoColour() throws IOException {
        Path f = Files.write(dir.resolve("seed.arrows"), LayoutGoldenTest.seedStream());
        ChildProcess.Result r = ChildProcess.run(new ProcessBuilder(ChildProcess.command(Main.class.getName(), "inspect",
                f.toString(), "--layout")), new byte[0]);
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.outText().contains(ESC), r.outText());
    }
}
