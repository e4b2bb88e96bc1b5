package dev.quiver.interop;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PyArrow (Arrow C++) as a peer in tests, run as a child process with the Python of a virtual environment that
 * has pyarrow installed. The interpreter comes from the system property {@code quiver.python}, else the
 * environment variable {@code QUIVER_PYTHON} ({@code .ci/run} sets it to the venv {@code .ci/python-env}
 * creates), else that venv's default place, {@code .venv-ci} in the checkout. When it is missing or cannot
 * import pyarrow, tests fail under CI ({@code CI=true}) and are skipped elsewhere with a hint on how to make it.
 */
final class PyArrow {
    private PyArrow() {}

    /** The script that reads IPC data with PyArrow and writes it again (src/test/python). */
    static final Path REWRITE_SCRIPT = Path.of("src/test/python/pyarrow_rewrite.py").toAbsolutePath();
    /** The script that writes the seed example of {@code quiver demo} with PyArrow. */
    static final Path SEED_SCRIPT = Path.of("src/test/python/pyarrow_seed.py").toAbsolutePath();

    private static final String HINT = "create one with `eval \"$(.ci/python-env)\"` (a venv with pyarrow, "
            + "installed offline), or set QUIVER_PYTHON=/path/to/venv/bin/python (or -Dquiver.python=...)";

    /** The Python interpreter to use; fails under CI, skips elsewhere, when there is none with pyarrow. */
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

    private static void unavailable(String msg) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(msg);
        Assumptions.abort(msg);
    }

    /** Runs {@code script} with {@code args}; fails (with its output) unless it exits with 0. */
    static void run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(python().toString(), script.toString()));
        command.addAll(List.of(args));
        Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
        proc.getOutputStream().close();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(5, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
            Assertions.fail(script + " did not finish in 5 minutes");
        }
        if (proc.exitValue() != 0 && !out.contains("pyarrow")) {
            unavailable(python() + " could not run " + script + " (is pyarrow installed?): " + HINT + "\n" + out);
        }
        Assertions.assertEquals(0, proc.exitValue(), script + " failed:\n" + out);
    }

    /** One rewrite: {@code format} is "file" or "stream"; PyArrow reads {@code source} and writes {@code target}. */
    record Job(String format, Path source, Path target) {}

    /**
     * Runs {@link #REWRITE_SCRIPT} once for all {@code jobs} and returns, per target, null when PyArrow wrote it
     * or PyArrow's error message.
     */
    static Map<Path, String> rewrite(List<Job> jobs) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder(python().toString(), REWRITE_SCRIPT.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = proc.getOutputStream()) {
            StringBuilder sb = new StringBuilder();
            for (Job j : jobs) sb.append(j.format()).append('\t').append(j.source()).append('\t').append(j.target()).append('\n');
            in.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        Map<Path, String> results = new LinkedHashMap<>();
        String version = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                String[] parts = line.split("\t", 3);
                switch (parts[0]) {
                    case "pyarrow" -> version = parts[1];
                    case "ok" -> results.put(Path.of(parts[1]), null);
                    case "error" -> results.put(Path.of(parts[1]), parts.length > 2 ? parts[2] : "(no message)");
                    default -> Assertions.fail("unexpected output of " + REWRITE_SCRIPT + ": " + line);
                }
            }
        }
        if (!proc.waitFor(10, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
            Assertions.fail(REWRITE_SCRIPT + " did not finish in 10 minutes");
        }
        if (version == null) {
            unavailable(python() + " could not run " + REWRITE_SCRIPT + " (exit " + proc.exitValue()
                    + "; is pyarrow installed?): " + HINT);
        }
        Assertions.assertEquals(0, proc.exitValue(), REWRITE_SCRIPT + " exit status");
        return results;
    }
}
