package dev.quiver.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Settings shared by every benchmark: the JVM arguments of the forks, the data size and the data directory.
 *
 * <p>{@code -Dquiver.bench.small=true} shrinks every workload (smoke runs and tests prove the benchmarks run;
 * they measure nothing). {@code -Dquiver.bench.dir=DIR} is where the generated inputs go (default: a
 * {@code quiver-bench} folder in the temporary directory), {@code -Dquiver.bench.scratch=DIR} where write
 * benchmarks write (see {@link #scratch()}); generated files are never committed. The rules that keep benchmarks
 * from disturbing each other are in {@link DataFiles}.
 */
public final class Bench {
    private Bench() {}

    /** Heap of every fork: W2's ten million rows are built on the heap by Quiver's builders. */
    public static final String HEAP = "-Xmx3g";
    /** Quiver needs nothing but permission for the native codecs (zstd-jni, lz4-java). */
    public static final String NATIVE = "--enable-native-access=ALL-UNNAMED";
    /** Arrow Java reflects into java.nio to reach direct buffer addresses. */
    public static final String ARROW_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    /** True for the small smoke data. */
    public static boolean small() {
        return Boolean.getBoolean("quiver.bench.small");
    }

    /** {@code full} rows normally, {@code smoke} rows with {@link #small()}. */
    public static int rows(int full, int smoke) {
        return small() ? smoke : full;
    }

    /** The directory for generated data, created when missing. */
    public static Path dir() throws IOException {
        String d = System.getProperty("quiver.bench.dir");
        Path p = d != null ? Path.of(d) : Path.of(System.getProperty("java.io.tmpdir"), "quiver-bench");
        return Files.createDirectories(p);
    }

    /**
     * Where write benchmarks write, created when missing: never the data directory, so that no write can touch
     * a file a read benchmark maps. {@code -Dquiver.bench.scratch=DIR}, else {@code DATA-DIR-scratch} beside the
     * data directory.
     */
    public static Path scratch() throws IOException {
        String d = System.getProperty("quiver.bench.scratch");
        Path data = dir().toAbsolutePath();
        Path p = d != null ? Path.of(d) : data.resolveSibling(data.getFileName() + "-scratch");
        return Files.createDirectories(p);
    }
}
