package dev.quiver.flight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Quiver Flight server in a child JVM ({@link FlightServerMain} over a directory), for tests whose server must
 * live in another process (interop, benchmarks). Its class path is this JVM's; it exits when closed, or when this
 * JVM dies (its standard input closes).
 */
public final class ChildServer implements AutoCloseable {
    private final Process process;
    private final String uri;

    private ChildServer(Process process, String uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Starts {@code FlightServerMain DIR --port 0 --exit-on-stdin-eof EXTRA...} and waits for its address. */
    public static ChildServer start(Path directory, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                FlightServerMain.class.getName(), directory.toString(), "--port", "0", "--exit-on-stdin-eof"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening on ")) {
            p.destroyForcibly();
            throw new IOException("the child server did not start (it printed: " + line + ")");
        }
        return new ChildServer(p, line.substring("listening on ".length()));
    }

    /** Where the child listens: grpc://127.0.0.1:PORT. */
    public String uri() { return uri; }

    public Process process() { return process; }

    /** Closes the child's input (it shuts down gracefully) and waits for it; kills it after 10 seconds. */
    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
