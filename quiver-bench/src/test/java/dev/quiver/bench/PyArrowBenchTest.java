package dev.quiver.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PyArrow side of the suite (src/main/python/pyarrow_bench.py), on the small inputs: it does the same work as
 * the Java benchmarks (its results equal the checksums computed from the generators), every PyArrow benchmark
 * has a Quiver benchmark to be compared with, and a smoke run writes results that the report merges. Needs a
 * Python with pyarrow (fails under CI without one, skips elsewhere).
 */
class PyArrowBenchTest {

    @BeforeAll
    static void inputs() throws IOException {
        PythonPeer.prepare();
    }

    private static List<String> names() {
        return Arrays.stream(PythonPeer.run("list").split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void pyarrowComputesWhatTheJavaBenchmarksCompute(@TempDir Path scratch) throws IOException {
        Map<?, ?> got = (Map<?, ?>) Json.parse(PythonPeer.run("checksums", "--data", Bench.dir().toString(),
                "--scratch", scratch.toString()));
        // 23 benchmarks, W1's write and two reads for 3 codecs
        assertEquals(29, got.size(), got.keySet().toString());

        long w1 = Expected.w1Lengths();
        for (String lib : List.of("pyarrow", "pyarrowFull")) {
            for (Codec c : Codec.values()) {
                assertEquals((double) w1, number(got, "W1CitiesBenchmark." + lib + "_read[codec=" + name(c) + "]"), lib + " " + c);
            }
            assertEquals((double) w1, number(got, "W1CitiesBenchmark." + lib + "_readArrowCppLz4"), lib);
        }
        // PyArrow's uncompressed output is Quiver's, byte for byte: the same work; compressed, it is smaller
        long plain = Files.size(W1Cities.file(Codec.NONE));
        assertEquals((double) plain, number(got, "W1CitiesBenchmark.pyarrow_write[codec=none]"));
        for (String c : List.of("lz4", "zstd")) {
            double size = number(got, "W1CitiesBenchmark.pyarrow_write[codec=" + c + "]");
            assertTrue(size > 0 && size < plain, c + ": " + size);
        }
        assertEquals((double) Files.size(W2Numeric.file()), number(got, "W2NumericBenchmark.pyarrow_write"));
        assertEquals((double) Files.size(W4Nested.file()), number(got, "W4NestedBenchmark.pyarrow_write"));

        // W2: the sum of b (Arrow C++ sums in another order: equal to the last few bits only)
        Expected.W2 w2 = Expected.w2();
        double b = w2.sumB();
        for (String lib : List.of("pyarrow", "pyarrowFull")) {
            for (String op : List.of("readFile", "readStream")) {
                double sum = number(got, "W2NumericBenchmark." + lib + "_" + op);
                assertEquals(b, sum, Math.abs(b) * 1e-12, lib + " " + op);
            }
            // W3: the first access is batch indices[0], the same index Java's first access loads
            assertEquals((double) w2.sumA()[W3RandomAccessBenchmark.indices()[0]],
                    number(got, "W3RandomAccessBenchmark." + lib + "_access"), lib);
            assertEquals((double) w2.firstA(), number(got, "W3RandomAccessBenchmark." + lib + "_openToBatch0"), lib);
        }

        long w4 = Expected.w4Touch();
        assertEquals((double) w4, number(got, "W4NestedBenchmark.pyarrow_read"));
        assertEquals((double) w4, number(got, "W4NestedBenchmark.pyarrowFull_read"));

        double converted = number(got, "ConvertBenchmark.pyarrow_convert");
        assertTrue(converted > 0, "convert wrote " + converted);
        assertEquals(converted, number(got, "ConvertBenchmark.pyarrowFull_convert"), "validation changes nothing written");
        assertEquals(1048576.0, number(got, "MemcpyBenchmark.numpyCopy[bytes=1048576,threads=1]"));
        // Flight: every row of W2 comes back from PyArrow's server, plain and ZSTD; every batch goes up
        assertEquals((double) W2Numeric.rows(), number(got, "FlightBenchmark.pyarrow_doGet"));
        assertEquals((double) W2Numeric.rows(), number(got, "FlightBenchmark.pyarrow_doGetZstd"));
        try (var r = dev.quiver.ipc.Ipc.openFile(W2Numeric.file())) {
            assertEquals((double) r.numRecordBatches(), number(got, "FlightBenchmark.pyarrow_doPut"));
        }
        try (var s = Files.list(scratch)) {
            assertEquals(List.of(), s.toList(), "PyArrow's writes are removed");
        }
    }

    private static String name(Codec c) {
        return c.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static double number(Map<?, ?> got, String key) {
        Object v = got.get(key);
        assertNotNull(v, key + " missing from " + got.keySet());
        return ((Number) v).doubleValue();
    }

    @Test
    void everyPyArrowBenchmarkHasAQuiverBenchmarkToBeComparedWith() {
        for (String n : names()) {
            String cls = n.substring(0, n.indexOf('.'));
            String method = n.substring(n.indexOf('.') + 1);
            String op = method.contains("_") ? method.substring(method.indexOf('_') + 1) : "copy";
            String quiverMethod = method.contains("_") ? "quiver_" + op : op;
            // FlightBenchmark is not in the in-process Harness (its states start server processes; `quiver-bench/run
            // --smoke Flight` runs it)
            Class<?> c = java.util.stream.Stream.concat(Harness.CLASSES.stream(), java.util.stream.Stream.of(FlightBenchmark.class))
                    .filter(k -> k.getSimpleName().equals(cls)).findFirst()
                    .orElseThrow(() -> new AssertionError(n + ": no Java benchmark class " + cls));
            assertTrue(Arrays.stream(c.getMethods()).map(Method::getName).anyMatch(quiverMethod::equals),
                    n + " has no " + cls + "." + quiverMethod);
        }
    }

    @Test
    void aSmokeRunWritesResultsTheReportMerges(@TempDir Path tmp) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--data", Bench.dir().toString(), "--scratch",
                tmp.resolve("scratch").toString(), "--out", tmp.resolve("py.json").toString(), "--smoke"));
        args.addAll(names());
        PythonPeer.run(args.toArray(String[]::new));
        List<?> results = (List<?>) Json.parse(Files.readString(tmp.resolve("py.json")));
        Map<String, Map<String, Report.Score>> scores = Report.results(results);
        for (String lib : List.of("pyarrow", "pyarrowFull")) {
            for (var e : scores.get(lib).entrySet()) {
                assertTrue(e.getValue().seconds() > 0, lib + " " + e.getKey());
                assertTrue(e.getValue().counters().containsKey("·minflt"), lib + " " + e.getKey());
                assertTrue(e.getValue().counters().containsKey("·cpu.bench"), lib + " " + e.getKey());
            }
        }
        String report = Report.render(results, Map.of("pyarrow.status", "ok", "pyarrow.version", "test"));
        // the PyArrow cells of the W3 row are filled, Quiver's (not run here) are n/a
        String w3 = report.lines().filter(l -> l.startsWith("| W3 random access | load a random batch")).findFirst()
                .orElseThrow(() -> new AssertionError(report));
        String[] cells = w3.split(" \\| ");
        assertEquals("n/a", cells[2], w3);
        assertFalse(cells[4].equals("n/a") || cells[5].equals("n/a"), w3);
        assertTrue(report.contains("- numpy.copyto (Python, same run), 1 thread: 1.00 MiB in "), report);
    }
}
