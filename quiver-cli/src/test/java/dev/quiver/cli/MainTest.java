package dev.quiver.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @Test
    void withoutArgumentsPrintsUsage() {
        Cli r = Cli.run();
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: quiver"), r.toString());
        for (String c : new String[] {"demo", "inspect", "print", "convert", "validate", "integration",
                "stream-to-file", "file-to-stream"}) {
            assertTrue(r.out().contains("  " + c + " "), c + " listed\n" + r);
        }
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        assertEquals(2, Cli.run("frobnicate").exit());
        Cli r = Cli.run("inspect", "--bogus", "x");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("Unknown option: '--bogus'"), r.toString());
        assertEquals(2, Cli.run("inspect").exit());
    }

    @Test
    void helpAndVersion() {
        Cli help = Cli.run("help", "convert");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--compression=none|lz4|zstd"), help.toString());
        assertEquals("quiver 0.1.0\n", Cli.run("--version").out());
    }
}
