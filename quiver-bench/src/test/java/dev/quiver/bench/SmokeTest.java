package dev.quiver.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every JMH benchmark runs once through JMH's harness (in this JVM, single shot, small data): the smoke run of
 * quiver-bench/run --smoke, kept in the test suite so that CI proves the benchmarks compile and execute. The two
 * that read the file PyArrow writes run when there is a Python with pyarrow (always under CI).
 */
class SmokeTest {

    @Test
    void everyBenchmarkRunsOnceForBothLibraries() throws RunnerException, java.io.IOException {
        boolean arrowCpp = PythonPeer.available();
        if (arrowCpp) PythonPeer.prepare();
        OptionsBuilder builder = new OptionsBuilder();
        if (!arrowCpp) builder.exclude("ArrowCpp");
        Options options = builder
                .include("dev\\.quiver\\.bench\\..*Benchmark\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .mode(Mode.SingleShotTime)
                .param("bytes", "1048576")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            StringBuilder params = new StringBuilder();
            for (String k : r.getParams().getParamsKeys()) {
                params.append(params.isEmpty() ? "[" : ",").append(k).append('=').append(r.getParams().getParam(k));
            }
            ran.add(name.substring("dev.quiver.bench.".length()) + (params.isEmpty() ? "" : params + "]"));
            assertTrue(r.getPrimaryResult().getScore() > 0, name);
        }
        // W1: 4 methods for 3 codecs (+2 reading PyArrow's file), W2 8 (C Data export included), W3 4, W4 4,
        // memcpy 2 copies on 1 thread
        // and on every core, convert 1 (Quiver only: Arrow Java has no convert, PyArrow's is in pyarrow_bench.py),
        // Flight 9: DoGet and DoPut for both (F1, F2), and Quiver alone for what Arrow Java 19's Flight cannot do
        // (ZSTD bodies) or what only Quiver's CLI has (F4 flight get over 1 and 4 endpoints), F3 small calls and
        // 8 clients at once (PyArrow's Flight pair is in pyarrow_bench.py)
        assertEquals(33 + 9 + (arrowCpp ? 2 : 0), ran.size(), ran.toString());
        Set<String> quiverOnly = Set.of("FlightBenchmark.quiver_doGetZstd", "FlightBenchmark.quiver_smallCall",
                "FlightBenchmark.quiver_flightGet1", "FlightBenchmark.quiver_flightGet4",
                "FlightBenchmark.quiver_doGet8Clients");
        for (String b : ran) {
            if (b.startsWith("ConvertBenchmark.") || quiverOnly.contains(b)) continue;
            if (b.contains(".quiver_")) assertTrue(ran.contains(b.replace(".quiver_", ".arrowJava_")), b);
            if (b.contains(".arrowJava_")) assertTrue(ran.contains(b.replace(".arrowJava_", ".quiver_")), b);
        }
        assertTrue(ran.contains("MemcpyBenchmark.copy[bytes=1048576,threads=cores]"), ran.toString());
        assertTrue(ran.contains("MemcpyBenchmark.libcMemcpy[bytes=1048576,threads=1]"), ran.toString());
        assertTrue(ran.contains("ConvertBenchmark.quiver_convert"), ran.toString());
    }
}
