package dev.quiver.cli;

import dev.quiver.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The man page and the shell completion generated from the picocli model ({@link Docs}): every command and option
 * is there, the page renders (groff, when installed) without warnings, and bash loads the completion and completes
 * command names and options.
 */
class DocsTest {
    @TempDir
    Path dir;

    private static final String[] COMMANDS = {"demo", "inspect", "print", "convert", "validate", "integration",
            "stream-to-file", "file-to-stream", "recover", "schema", "info", "cat", "head", "slice", "flight"};

    @Test
    void theManPageHasEveryCommandAndOption() throws IOException {
        Docs.main(new String[] {dir.toString()});
        String page = Files.readString(dir.resolve("man/man1/quiver.1"));
        assertTrue(page.startsWith(".TH QUIVER 1 "), page);
        for (String c : COMMANDS) assertTrue(page.contains(".SS quiver " + c.replace("-", "\\-") + "\n"), c);
        assertTrue(page.contains(".SS quiver flight serve\n"), "nested commands too");
        assertTrue(page.contains("\\fB\\-\\-compression\\fR \\fIkeep|none|lz4|zstd\\fR"), page);
        assertTrue(page.contains("\\fB\\-q\\fR, \\fB\\-\\-quiet\\fR"), page);
        assertFalse(page.lines().anyMatch(l -> l.startsWith(".") && l.length() > 1
                && !l.matches("\\.(TH|SH|SS|TP|PP|B|RI|nf|fi)( .*)?")), "only known requests start a line");
        if (Files.isExecutable(Path.of("/usr/bin/groff"))) {
            ProcessBuilder pb = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z",
                    dir.resolve("man/man1/quiver.1").toString());
            ChildProcess.Result r = ChildProcess.run(pb, new byte[0]);
            assertEquals(0, r.exit(), r.toString());
            assertEquals("", r.err(), "groff warns: " + r.err());
        }
    }

    @Test
    void bashCompletesCommandsAndOptions() throws IOException {
        Docs.main(new String[] {dir.toString()});
        Path bash = dir.resolve("bash-completion/completions/quiver");
        String zsh = Files.readString(dir.resolve("zsh/site-functions/_quiver"));
        assertTrue(zsh.startsWith("#compdef quiver\n") && zsh.contains("bashcompinit"), zsh);
        String script = "source '" + bash + "'; complete -p quiver;"
                + " COMP_WORDS=(quiver st); COMP_CWORD=1; COMP_LINE='quiver st'; COMP_POINT=9; _complete_quiver;"
                + " echo \"words: ${COMPREPLY[*]}\";"
                + " COMP_WORDS=(quiver convert --comp); COMP_CWORD=2; COMP_LINE='quiver convert --comp'; COMP_POINT=21;"
                + " _complete_quiver; echo \"options: ${COMPREPLY[*]}\"";
        ChildProcess.Result r = ChildProcess.run(new ProcessBuilder("bash", "-c", script), new byte[0]);
        assertEquals(0, r.exit(), r.toString());
        String out = r.outText();
        assertTrue(out.matches("(?s)complete .*-F _complete_quiver quiver\n.*"), out);
        assertTrue(out.contains("words: stream-to-file") || out.matches("(?s).*words: .*stream-to-file.*"), out);
        assertTrue(out.matches("(?s).*options: .*--compression.*"), out);
    }
}
