package dev.quiver.bench;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * pyarrow_bench.py in tests, run with the Python of a virtual environment that has pyarrow and numpy: the system
 * property {@code quiver.python}, else {@code QUIVER_PYTHON} ({@code .ci/run} sets it to the venv
 * {@code .ci/python-env} creates), else that venv's default place. When there is none, or it cannot import
 * pyarrow, tests fail under CI ({@code CI=true}) and are skipped elsewhere, saying how to make one.
 */
final class PythonPeer {
    private PythonPeer() {}

    static final Path SCRIPT = Path.of("src/main/python/pyarrow_bench.py").toAbsolutePath();

    private static final String HINT = "create one with `eval \"$(.ci/python-env)\"` (a venv with pyarrow and numpy, "
            + "installed offline), or set QUIVER_PYTHON=/path/to/venv/bin/python";

    /** The Python to use, checked to import pyarrow; fails under CI, skips elsewhere, when there is none. */
    static Path python() {
        String p = System.getProperty("quiver.python");
        if (p == null || p.isBlank()) p = System.getenv("QUIVER_PYTHON");
        Path python = p == null || p.isBlank() ? Path.of("..", ".venv-ci", "bin", "python").toAbsolutePath().normalize()
                : Path.of(p);
        if (!Files.isExecutable(python)) unavailable("no Python with pyarrow (" + python + "): " + HINT);
        Result r = exec(python, List.of("version"));
        if (r.status != 0) unavailable(python + " cannot run " + SCRIPT + " (" + r.errors.strip() + "): " + HINT);
        return python;
    }

    /** True when a Python with pyarrow is there; fails under CI when it is not. */
    static boolean available() {
        try {
            python();
            return true;
        } catch (org.opentest4j.TestAbortedException e) {
            return false;
        }
    }

    private static void unavailable(String msg) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(msg);
        Assumptions.abort(msg);
    }

    /** What the script printed on standard output, and on standard error (its progress and errors). */
    record Result(int status, String output, String errors) {}

    private static Result exec(Path python, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(python.toString(), SCRIPT.toString()));
        cmd.addAll(args);
        Path errors = null;
        try {
            errors = Files.createTempFile("pyarrow_bench", ".err");
            Process proc = new ProcessBuilder(cmd).redirectError(errors.toFile()).start();
            proc.getOutputStream().close();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!proc.waitFor(10, TimeUnit.MINUTES)) {
                proc.destroyForcibly();
                Assertions.fail(String.join(" ", cmd) + " did not finish in 10 minutes");
            }
            return new Result(proc.exitValue(), out, Files.readString(errors));
        } catch (IOException e) {
            return new Result(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (errors != null) errors.toFile().delete();
        }
    }

    /** Runs the script with {@code args}; fails with what it printed unless it exits with 0; returns its output. */
    static String run(String... args) {
        Result r = exec(python(), List.of(args));
        Assertions.assertEquals(0, r.status, "pyarrow_bench.py " + String.join(" ", args) + " failed:\n" + r.errors
                + r.output);
        return r.output;
    }

    /** Generates every input of the (small) data directory and lets PyArrow write its own. */
    static void prepare() throws IOException {
        DataFiles.writeInputs(GenerateData.inputs());
        run("prepare", "--data", Bench.dir().toString());
    }
}
