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
