package dev.quiver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory from {@code /proc/self/status} (Linux), in KiB: what the operating system really gave
 * it, native memory included. For tests in a child JVM ({@link ChildJvm}) that bound memory touched.
 */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** Whether /proc/self/status can be read here. */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/status"));
    }

    /** Anonymous resident memory (heap and native allocations, not mapped files), KiB. */
    public static long rssAnonKib() {
        return field("RssAnon");
    }

    /** Peak resident memory so far, KiB. */
    public static long peakKib() {
        return field("VmHWM");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.substring(name.length() + 1).trim().split("\\s+")[0]);
                }
            }
            throw new IllegalStateException(name + " not in /proc/self/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
