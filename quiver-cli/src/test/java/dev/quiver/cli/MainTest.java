package dev.quiver.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @Test
    void withoutArgumentsPrintsUsageAndExitsTwo() {
        Cli r = Cli.run();
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Usage: quiver"), r.toString());
        for (String c : new String[] {"demo", "inspect", "print", "convert", "validate", "integration",
                "stream-to-file", "file-to-stream"}) {
            assertTrue(r.err().contains("  " + c + " "), c + " listed\n" + r);
        }
    }

    @Test
    void aRunNamingACommandBuildsOnlyThatOneAndEveryOtherRunBuildsAll() {
        assertEquals("convert", Main.named("convert", "a", "b"));
        assertEquals(null, Main.named("help", "convert"));
        assertEquals(null, Main.named("--version"));
        assertEquals(null, Main.named("bogus"));
        assertEquals(null, Main.named());
        java.util.List<String> all = java.util.List.of("demo", "inspect", "print", "convert", "validate", "integration",
                "stream-to-file", "file-to-stream", "recover", "schema", "info", "cat", "head", "slice", "flight",
                "help");
        assertEquals(all, java.util.List.copyOf(Main.commandLine(java.io.InputStream.nullInputStream(),
                java.io.OutputStream.nullOutputStream()).getSubcommands().keySet()));
        Cli help = Cli.run("help");
        for (String c : all) assertTrue(help.out().contains("  " + c + " "), c + " listed\n" + help);
        Cli convertHelp = Cli.run("convert", "--help");
        assertEquals(0, convertHelp.exit());
        assertTrue(convertHelp.out().startsWith("Usage: quiver convert "), convertHelp.toString());
        Cli bogus = Cli.run("bogus");
        assertEquals(2, bogus.exit(), bogus.toString());
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        assertEquals(2, Cli.run("frobnicate").exit());
        Cli r = Cli.run("inspect", "--bogus", "x");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("Unknown option: '--bogus'"), r.toString());
        Cli noInput = Cli.run("inspect"); // no path: standard input, here empty
        assertEquals(1, noInput.exit());
        assertEquals("quiver: the input is empty (0 bytes), not an Arrow IPC stream or file (standard input, at byte 0)\n",
                noInput.err());
    }

    @Test
    void helpAndVersion() {
        Cli help = Cli.run("help", "convert");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--compression=keep|none|lz4|zstd"), help.toString());
        assertEquals("quiver " + Version.get() + "\n", Cli.run("--version").out()); // VersionTest: = the POM
    }
}
