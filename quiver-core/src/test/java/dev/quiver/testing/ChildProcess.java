package dev.quiver.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a main class of the test class path (or any command) as a child process, with bytes on its standard input
 * and its standard output and error collected, for what a test cannot do in its own JVM: a
 * process-wide setting (umask, standard output as a pipe, a file or a socket), or an exit without cleanup.
 * The child starts in well under a second (client compiler only, class-data sharing on).
 */
public final class ChildProcess {
    private ChildProcess() {}

    /** What a child printed and how it ended. */
    public record Result(int exit, byte[] out, String err) {
        public String outText() { return new String(out, StandardCharsets.UTF_8); }

        @Override
        public String toString() {
            return "exit " + exit + ", " + out.length + " bytes on stdout\n--- stderr ---\n" + err;
        }
    }

    /** The java launcher running this JVM. */
    public static String java() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
    }

    /** The command line running {@code main} with {@code args} in a child JVM on this class path. */
    public static List<String> command(String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-Xshare:auto"));
        cmd.add(main);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code command} run by {@code bash -c 'SCRIPT "$@"'}: for a umask or redirections before the JVM starts. */
    public static List<String> inBash(String script, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", script + " \"$@\"", "bash"));
        cmd.addAll(command);
        return cmd;
    }

    /** Runs {@code pb} with {@code stdin} on its input; stdout and stderr are collected unless redirected. */
    public static Result run(ProcessBuilder pb, byte[] stdin) {
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException ignored) {
                // the child did not read its input
            }
            boolean ended = p.waitFor(60, TimeUnit.SECONDS);
            if (!ended) p.destroyForcibly();
            assertTrue(ended, "the child JVM did not end within 60 s: " + pb.command());
            return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(List<String> command) {
        return run(new ProcessBuilder(command), new byte[0]);
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return readInBackground(() -> in);
    }

    /**
     * Everything from the stream {@code open} opens, read to its end on a thread of its own (not the common
     * pool, which a loaded 2-core machine may not run: a child filling one pipe must not stall on the other).
     * For a named pipe, {@code open} blocks until a writer opens it.
     */
    public static CompletableFuture<byte[]> readInBackground(java.util.concurrent.Callable<InputStream> open) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = open.call()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
    }
}
