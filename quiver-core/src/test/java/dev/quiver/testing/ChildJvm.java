package dev.quiver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a {@code main} method in a child JVM, so that a test of something that may crash the JVM (a race with
 * native code, a file shrinking under a mapping, a fuzz input) fails the test instead of killing the build.
 *
 * <pre>{@code
 * ChildJvm.Result r = ChildJvm.run(ChildJvm.main(MyRace.class, "arg").heap("256m"));
 * r.assertSucceeded();           // exit status 0, no hs_err file; else fails with the child's output
 * }</pre>
 *
 * <p>The child runs the JDK of the test JVM on the test classpath, with native access enabled (the codecs need
 * it), no core dump, and its crash log ({@code hs_err}) written into a fresh directory that the result
 * inspects. Its standard output and error are captured together.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** What to run; change it with the {@code withX}-style methods, then {@link ChildJvm#run(Spec)}. */
    public static final class Spec {
        private final String mainClass;
        private final List<String> args;
        private final List<String> jvmArgs = new ArrayList<>();
        private String heap = "512m";
        private Duration timeout = Duration.ofMinutes(3);

        private Spec(String mainClass, List<String> args) {
            this.mainClass = mainClass;
            this.args = args;
        }

        /** Maximum heap ({@code -Xmx}), 512m unless set. */
        public Spec heap(String xmx) {
            this.heap = xmx;
            return this;
        }

        /** Extra JVM options (system properties, GC flags). */
        public Spec jvmArgs(String... options) {
            jvmArgs.addAll(List.of(options));
            return this;
        }

        /** The child is killed, and the test fails, after this long (3 minutes unless set). */
        public Spec timeout(Duration t) {
            this.timeout = t;
            return this;
        }
    }

    /** The child's outcome. */
    public record Result(int exitCode, String output, List<Path> crashLogs, boolean timedOut) {

        /** True when the JVM itself crashed (it wrote an hs_err file). */
        public boolean crashed() {
            return !crashLogs.isEmpty();
        }

        /** Fails the calling test unless the child exited with status 0 without crashing; returns its output. */
        public String assertSucceeded() {
            if (timedOut) fail("the child JVM did not finish in time; its output:\n" + tail(output));
            if (crashed()) {
                fail("the child JVM crashed (" + crashLogs.get(0) + "):\n" + head(read(crashLogs.get(0)))
                        + "\n--- output ---\n" + tail(output));
            }
            if (exitCode != 0) fail("the child JVM exited with status " + exitCode + "; its output:\n" + tail(output));
            return output;
        }

        /**
         * The number the child printed on a line {@code "KEY NUMBER"} (children report measurements that way);
         * fails the test when there is none.
         */
        public long reported(String key) {
            return output.lines().filter(l -> l.startsWith(key + " ")).findFirst()
                    .map(l -> Long.parseLong(l.substring(key.length() + 1).trim()))
                    .orElseThrow(() -> new AssertionError("the child JVM reported no '" + key + "':\n" + tail(output)));
        }

        private static String read(Path p) {
            try {
                return Files.readString(p, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        private static String head(String s) {
            return s.lines().limit(40).reduce("", (a, b) -> a + b + "\n");
        }

        private static String tail(String s) {
            return s.length() <= 6000 ? s : "...\n" + s.substring(s.length() - 6000);
        }
    }

    /** A spec running {@code main.main(args)}. */
    public static Spec main(Class<?> main, String... args) {
        return new Spec(main.getName(), List.of(args));
    }

    /** Runs the child to completion (or its timeout). */
    public static Result run(Spec spec) {
        try {
            Path dir = Files.createTempDirectory("quiver-child-jvm");
            Path log = dir.resolve("output.txt");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx" + spec.heap);
            cmd.add("--enable-native-access=ALL-UNNAMED");
            cmd.add("-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"));
            cmd.add("-XX:-CreateCoredumpOnCrash");
            cmd.addAll(spec.jvmArgs);
            cmd.add("-cp");
            cmd.add(classPath());
            cmd.add(spec.mainClass);
            cmd.addAll(spec.args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(spec.timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            List<Path> crashes;
            try (Stream<Path> s = Files.list(dir)) {
                crashes = s.filter(f -> f.getFileName().toString().startsWith("hs_err")).sorted().toList();
            }
            Result r = new Result(done ? p.exitValue() : -1, output, crashes, !done);
            if (r.exitCode() == 0 && !r.crashed()) delete(dir); // kept otherwise, for the crash log
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the child JVM", e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }

    /** The test classpath (surefire passes the full one in a property; its own is a manifest-only jar). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
