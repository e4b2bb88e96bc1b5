package dev.quiver.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of {@code ./quiver}'s AOT cache (JDK 25+, {@code -XX:AOTMode=record}): the short commands a
 * person runs most, on the demo's small files, their output thrown away. What these runs load and link, and the
 * profiles of the methods they run, go into the cache that later runs start from; a JVM with the cache loads all
 * of it at start, so the training stays with the commands that need a fast start (no writing, no validating).
 * {@code Training DIR} reads the files {@code quiver demo --out DIR} wrote (the launcher runs the demo in a JVM of
 * its own first, so that the writer is not in the cache); with no argument it makes them itself in a temporary
 * directory. Exit status 0 when every run did what it should (the launcher keeps the cache only then).
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("quiver-training");
        int failed = 0;
        try {
            if (args.length == 0) failed += run(0, "demo", "--rows", "1000", "--out", dir.toString(), "--no-color");
            String file = dir.resolve("seed.arrow").toString();
            String stream = dir.resolve("seed.arrows").toString();
            String zstd = dir.resolve("cities-zstd.arrow").toString();
            failed += run(0, "print", file);
            failed += run(0, "print", stream);
            failed += run(0, "print", zstd, "--limit", "5");
            failed += run(0, "schema", file);
            failed += run(0, "info", file);
            failed += run(0, "inspect", file);
            failed += run(0, "head", "-n", "2", file);
            failed += run(0, "--version");
            failed += run(Main.USAGE, "print", "--no-such-option"); // a usage error: its message
        } finally {
            if (args.length == 0) {
                File[] files = dir.toFile().listFiles();
                if (files != null) for (File f : files) f.delete();
                dir.toFile().delete();
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs one command line on empty input with its output discarded; 1 when its exit status is not {@code exit}. */
    private static int run(int exit, String... args) {
        int got = Main.run(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream(), args);
        return got == exit ? 0 : 1;
    }
}
