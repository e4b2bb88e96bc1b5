package dev.quiver.flightinterop;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PyArrow (Arrow C++) as a Flight peer, run as a child process with the Python of a virtual environment that has
 * pyarrow installed: the system property {@code quiver.python}, else {@code QUIVER_PYTHON} ({@code .ci/run} sets it
 * to the venv {@code .ci/python-env} creates), else {@code .venv-ci} in the checkout. When there is none, tests fail
 * under CI ({@code CI=true}) and are skipped elsewhere, saying how to make one.
 */
final class PyArrowPeer {
    private PyArrowPeer() {}

    static final Path SERVER_SCRIPT = Path.of("src/test/python/pyarrow_flight_server.py").toAbsolutePath();
    static final Path CLIENT_SCRIPT = Path.of("src/test/python/pyarrow_flight_client.py").toAbsolutePath();
    static final Path SCENARIO_SCRIPT = Path.of("src/test/python/pyarrow_flight_scenarios.py").toAbsolutePath();

    private static final String HINT = "create one with `eval \"$(.ci/python-env)\"` (a venv with pyarrow, "
            + "installed offline), or set QUIVER_PYTHON=/path/to/venv/bin/python (or -Dquiver.python=...)";

    static Path python() {
        String p = System.getProperty("quiver.python");
        if (p == null || p.isBlank()) p = System.getenv("QUIVER_PYTHON");
        if (p == null || p.isBlank()) {
            Path venv = Path.of("..", ".venv-ci", "bin", "python").toAbsolutePath().normalize();
            if (Files.isExecutable(venv)) return venv;
            unavailable("no Python with pyarrow configured: " + HINT);
        }
        Path python = Path.of(p);
        if (!Files.isExecutable(python)) unavailable("QUIVER_PYTHON " + python + " is not an executable: " + HINT);
        return python;
    }

    static void unavailable(String msg) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(msg);
        Assumptions.abort(msg);
    }

    /**
     * Runs the client script ({@code args} after the script), feeding {@code input}; returns its standard output
     * lines. Fails with its output unless it exits with 0 and ends with "done".
     */
    static List<String> runClient(String input, List<String> args) throws IOException, InterruptedException {
        return run(CLIENT_SCRIPT, input, args);
    }

    /** Runs {@code script} as {@link #runClient} does. */
    static List<String> run(Path script, String input, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python().toString(), script.toString()));
        cmd.addAll(args);
        Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = proc.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(2, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
            Assertions.fail(script + " did not finish in 2 minutes:\n" + out);
        }
        if (!out.contains("pyarrow\t")) unavailable(python() + " could not run " + script + ": " + HINT + "\n" + out);
        Assertions.assertEquals(0, proc.exitValue(), script + " failed:\n" + out);
        List<String> lines = out.lines().toList();
        Assertions.assertEquals("done", lines.getLast(), "the client script did not finish:\n" + out);
        return lines;
    }

    /** A PyArrow {@code FlightServerBase} in a child process (see the server script); closes with its input. */
    static final class Server implements AutoCloseable {
        final Process process;
        final int port;

        Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        /** Starts the server script over {@code cases} ("folder/name"), with {@code args} after the script. */
        static Server start(List<String> cases, List<String> args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(python().toString(), SERVER_SCRIPT.toString()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            OutputStream in = p.getOutputStream();
            in.write((String.join("\n", cases) + "\nend\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("listening on ")) {
                p.destroyForcibly();
                unavailable(python() + " could not start " + SERVER_SCRIPT + " (it printed: " + line + "): " + HINT);
            }
            return new Server(p, Integer.parseInt(line.split(" ")[2]));
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        }
    }
}
