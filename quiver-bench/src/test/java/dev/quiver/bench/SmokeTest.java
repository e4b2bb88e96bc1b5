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
 * quiver-bench/run --smoke, kept in the test suite so that CI proves the benchmarks compile and execute.
 */
class SmokeTest {

    @Test
    void everyBenchmarkRunsOnceForBothLibraries() throws RunnerException {
        // JMH refuses to start while another JMH run on the machine holds /tmp/jmh.lock; this run measures nothing
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
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
            String codec = r.getParams().getParam("codec");
            ran.add(name.substring("dev.quiver.bench.".length()) + (codec == null ? "" : "[" + codec + "]"));
            assertTrue(r.getPrimaryResult().getScore() > 0, name);
        }
        assertEquals(27, ran.size(), ran.toString());
        for (String b : ran) {
            if (b.contains(".quiver_")) assertTrue(ran.contains(b.replace(".quiver_", ".arrowJava_")), b);
            if (b.contains(".arrowJava_")) assertTrue(ran.contains(b.replace(".arrowJava_", ".quiver_")), b);
        }
        assertTrue(ran.contains("MemcpyBenchmark.copy"), ran.toString());
    }
}
