package dev.quiver.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's formatting, from a small JMH result file and facts (a formatting test, not a timing). */
class ReportTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = ReportTest.class.getResourceAsStream("/report/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String render() throws IOException {
        return Report.render(Json.parse(resource("jmh.json")), Report.facts(resource("facts.txt").lines().toList()));
    }

    @Test
    void mainTablePairsLibrariesByOperationAndUsesTheMedian() throws IOException {
        List<String> lines = render().lines().toList();
        assertEquals("| workload | operation | Quiver | Arrow Java | PyArrow | PyArrow full | ÷ Arrow Java | ÷ PyArrow "
                + "| ÷ PyArrow full | target |", lines.get(0));
        assertEquals("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", lines.get(1));
        // medians 2500 ms and 12.5 ms: 200×
        assertEquals("| W1 cities | write to memory, LZ4_FRAME | 12.5 ms | 2.50 s | n/a | n/a | 200× | n/a | n/a "
                + "| ≥100× / ≥1× |", lines.get(2));
        // a missing partner gives n/a
        assertEquals("| W2 numeric | read file, sum b | 40.0 ms | n/a | n/a | n/a | n/a | n/a | n/a | ≥2.5× / ≥1× |",
                lines.get(3));
        // scores without percentiles use the score; different units are compared in seconds
        assertEquals("| W3 random access | load a random batch, sum a (per access) | 123 µs | 850 µs | n/a | n/a "
                + "| 6.89× | n/a | n/a | ≥5× / ≥1× |", lines.get(4));
        // a benchmark the report does not know is still shown, under its JMH name
        assertEquals("| NewBenchmark | fancy | 3.00 ns | n/a | n/a | n/a | n/a | n/a | n/a |  |", lines.get(5));
        assertEquals("", lines.get(6));
        assertEquals(Report.VALIDATION_NOTE, lines.get(7));
        assertEquals("", lines.get(8));
        assertEquals(Report.repeatsNote(1), lines.get(9));
        assertEquals("", lines.get(10));
        assertEquals("PyArrow columns: not run (no facts about PyArrow).", lines.get(11));
        assertEquals("", lines.get(12));
        assertEquals("| W1 file size | Arrow Java | Quiver | PyArrow |", lines.get(13));
    }

    /** One JMH-format result: {@code lib_op} of {@code cls} taking {@code micros} µs (and counters, if given). */
    private static Map<String, Object> result(String cls, String method, double micros, Map<String, Object> secondary) {
        Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("benchmark", "dev.quiver.bench." + cls + "." + method);
        r.put("primaryMetric", Map.of("score", micros, "scoreUnit", "us/op"));
        r.put("secondaryMetrics", secondary);
        return r;
    }

    private static Map<String, Object> result(String cls, String method, double micros) {
        return result(cls, method, micros, Map.of());
    }

    @Test
    void repeatsGiveTheMedianRatioAndItsRangeAndMarkTheUnstable() {
        String w3 = "W3RandomAccessBenchmark";
        // Quiver 10, 12, 11 µs; Arrow Java 100, 132, 121 (ratios 10, 11, 11): stable; PyArrow 10, 24, 16.5
        // (ratios 1, 2, 1.5): the range leaves ±15% of the median 1.5
        List<Object> repeats = List.of(
                List.of(result(w3, "quiver_access", 10), result(w3, "arrowJava_access", 100), result(w3, "pyarrow_access", 10)),
                List.of(result(w3, "quiver_access", 12), result(w3, "arrowJava_access", 132), result(w3, "pyarrow_access", 24)),
                List.of(result(w3, "quiver_access", 11), result(w3, "arrowJava_access", 121), result(w3, "pyarrow_access", 16.5)));
        List<String> lines = Report.render(repeats, Map.of("pyarrow.status", "ok", "pyarrow.version", "25.0.1")).lines().toList();
        assertEquals("| W3 random access | load a random batch, sum a (per access) | 11.0 µs | 121 µs | 16.5 µs | n/a "
                + "| 11.0× (10.0–11.0) | unstable (1.00–2.00×) | n/a | ≥5× / ≥1× |", lines.get(2));
        assertEquals(Report.repeatsNote(3), lines.get(6));
        assertTrue(lines.get(6).startsWith("Times are medians over 3 runs of the suite, each in its own random order"),
                lines.get(6));
        assertTrue(lines.get(8).startsWith("PyArrow (Arrow C++) 25.0.1 reads the files Quiver wrote"), lines.get(8));
    }

    @Test
    void aRepeatMissingOneSideLeavesItOutOfTheRatio() {
        String w2 = "W2NumericBenchmark";
        List<Object> repeats = List.of(
                List.of(result(w2, "quiver_readFile", 10), result(w2, "arrowJava_readFile", 30)),
                List.of(result(w2, "quiver_readFile", 10)),
                List.of(result(w2, "quiver_readFile", 10), result(w2, "arrowJava_readFile", 32)));
        String row = Report.render(repeats, Map.of()).lines().toList().get(2);
        assertEquals("| W2 numeric | read file, sum b | 10.0 µs | 31.0 µs | n/a | n/a | 3.10× (3.00–3.20) | n/a | n/a "
                + "| ≥2.5× / ≥1× |", row);
    }

    @Test
    void pyarrowMissingSaysWhy() {
        String r = Report.render(List.of(List.of(result("W4NestedBenchmark", "quiver_read", 5))),
                Map.of("pyarrow.status", "not available (no QUIVER_PYTHON, and .ci/python-env failed)"));
        assertTrue(r.contains("\nPyArrow columns: not available (no QUIVER_PYTHON, and .ci/python-env failed).\n"), r);
    }

    @Test
    void countersArePerOperationMediansForEveryLibrary() {
        String w3 = "W3RandomAccessBenchmark";
        Map<String, Object> q = Map.of("·cpu.bench", Map.of("score", 15.0, "scoreUnit", "us/op"),
                "·minflt", Map.of("score", 0.25, "scoreUnit", "faults/op"),
                "·majflt", Map.of("score", 0.0, "scoreUnit", "faults/op"));
        Map<String, Object> p = Map.of("·cpu.bench", Map.of("score", 30.0, "scoreUnit", "us/op"),
                "·minflt", Map.of("score", 2.0, "scoreUnit", "faults/op"),
                "·majflt", Map.of("score", 0.0, "scoreUnit", "faults/op"));
        String r = Report.render(List.of(List.of(result(w3, "quiver_access", 20, q), result(w3, "pyarrow_access", 40, p))),
                Map.of());
        String counters = r.substring(r.indexOf("| counters"), r.indexOf(Report.COUNTERS_NOTE));
        assertEquals("""
                | counters per operation: CPU time of the benchmark thread · minor / major page faults | Quiver \
                | Arrow Java | PyArrow | PyArrow full |
                | --- | ---: | ---: | ---: | ---: |
                | W3 random access, load a random batch, sum a (per access) | 15.0 µs · 0.25 / 0.00 | n/a · n/a / n/a \
                | 30.0 µs · 2.00 / 0.00 | n/a · n/a / n/a |

                """, counters);
    }

    @Test
    void rowsTimedBesideOtherWorkAreNamedWithTheCoresTheOthersUsed() {
        String w3 = "W3RandomAccessBenchmark";
        // Quiver's access timed while other processes kept 1.6 cores busy in two of three repeats (median 1.6);
        // Arrow Java's alone (0.02 cores), so only Quiver's row is named
        List<Object> repeats = List.of(
                List.of(result(w3, "quiver_access", 33, others(1.6, 0.0)), result(w3, "arrowJava_access", 400, others(0.02, 0.0))),
                List.of(result(w3, "quiver_access", 34, others(1.7, 0.0)), result(w3, "arrowJava_access", 410, others(0.01, 0.0))),
                List.of(result(w3, "quiver_access", 10, others(0.0, 0.0)), result(w3, "arrowJava_access", 405, others(0.0, 0.0))));
        String r = Report.render(repeats, Map.of());
        assertTrue(r.contains("Measured beside other work (cores that other processes or the hypervisor kept busy while "
                + "the iterations were timed, median over the repeats, 0.25 or more): W3 random access, load a random "
                + "batch, sum a (per access) (Quiver 1.60). Their times include waiting for a core"), r);
        assertFalse(r.contains("Arrow Java 0.0"), r);
    }

    @Test
    void stolenCoresCountAsDisturbanceAndAQuietRunHasNoNote() {
        String w3 = "W3RandomAccessBenchmark";
        String stolen = Report.render(List.of(List.of(result(w3, "quiver_access", 30, others(0.1, 0.3)))), Map.of());
        assertTrue(stolen.contains("sum a (per access) (Quiver 0.40)."), stolen);
        String quiet = Report.render(List.of(List.of(result(w3, "quiver_access", 10, others(0.05, 0.0)))), Map.of());
        assertFalse(quiet.contains("Measured beside other work"), quiet);
    }

    private static Map<String, Object> others(double cores, double steal) {
        return Map.of("·cpu.bench", Map.of("score", 10.0, "scoreUnit", "us/op"),
                "·others", Map.of("score", cores, "scoreUnit", "cores"),
                "·steal", Map.of("score", steal, "scoreUnit", "cores"));
    }

    @Test
    void memcpyGivesEveryCopyAndTheFastestJavaCopy() {
        // 256 MiB: 268435456 bytes; 26.84 ms = 10 GB/s, 13.42 ms = 20 GB/s, 17.9 ms = 15 GB/s
        List<Object> run = List.of(
                memcpy("copy", "1", 26.8435456), memcpy("copy", "cores", 17.895697),
                memcpy("libcMemcpy", "1", 13.4217728), memcpy("libcMemcpy", "cores", 26.8435456),
                memcpy("numpyCopy", "1", 14.9130808));
        String r = Report.render(List.of(run), Map.of());
        assertTrue(r.contains("""
                memcpy reference: 256 MiB between two off-heap buffers in 26.8 ms = 10.0 GB/s

                Other copies of the same buffers:
                - MemorySegment.copy, every core: 256 MiB in 17.9 ms = 15.0 GB/s
                - libc memcpy through FFM, 1 thread: 256 MiB in 13.4 ms = 20.0 GB/s
                - libc memcpy through FFM, every core: 256 MiB in 26.8 ms = 10.0 GB/s
                - numpy.copyto (Python, same run), 1 thread: 256 MiB in 14.9 ms = 18.0 GB/s

                The machine's copy speed, the fastest Java copy above: 20.0 GB/s (libc memcpy through FFM, 1 thread).
                """), r);
    }

    private static Map<String, Object> memcpy(String method, String threads, double millis) {
        return Map.of("benchmark", "dev.quiver.bench.MemcpyBenchmark." + method,
                "params", Map.of("bytes", "268435456", "threads", threads),
                "primaryMetric", Map.of("score", millis, "scoreUnit", "ms/op"));
    }

    @Test
    void theCDataRowAppearsOnceItsBenchmarksExist() {
        String w2 = "W2NumericBenchmark";
        assertFalse(Report.render(List.of(List.of(result(w2, "quiver_readFile", 10))), Map.of()).contains("C Data"));
        String r = Report.render(List.of(List.of(result(w2, "quiver_cDataExport", 2),
                result(w2, "arrowJava_cDataExport", 2000))), Map.of());
        assertTrue(r.contains("| W2 numeric | to Arrow Java: C Data export (Quiver) vs reading the file (Arrow Java), "
                + "sum b | 2.00 µs | 2.00 ms | n/a | n/a | 1000× | n/a | n/a |  |"), r);
    }

    @Test
    void sizesMemcpyAndMemoryFollowTheTable() throws IOException {
        String r = render();
        assertTrue(r.contains("""
                | W1 file size | Arrow Java | Quiver | PyArrow |
                | --- | ---: | ---: | ---: |
                | no compression | 10,738,144 B | 10,631,304 B | n/a |
                | LZ4_FRAME | 5,000,000 B | 4,000,000 B | n/a |
                | ZSTD | 3,000,000 B | 2,999,999 B | n/a |
                """), r);
        // 256 MiB in the median 53.687 ms = 5.0 GB/s
        assertTrue(r.contains("memcpy reference: 256 MiB between two off-heap buffers in 53.7 ms = 5.0 GB/s\n"), r);
        assertTrue(r.contains("""
                | idle JVM, library loaded | 50.0 MiB | 25.0 MiB | 40.0 MiB | 20.0 MiB |
                | after reading W2 | 100.0 MiB | 65.0 MiB | 50.0 MiB | 30.0 MiB |
                | growth over idle | 50.0 MiB | 40.0 MiB | 10.0 MiB | 10.0 MiB |
                """), r);
        assertTrue(r.contains("RssAnon growth, Quiver ÷ Arrow Java: 0.25 (target ≤ 0.5)\n"), r);
    }

    @Test
    void unclosedBatchLoopsCompareWithClosingLoops() throws IOException {
        String r = render();
        // growth over Quiver's idle JVM (40 MiB peak, 20 MiB anonymous)
        assertTrue(r.endsWith("""
                | Quiver, batches not closed (-Xmx64m, growth over idle) | closing each: VmHWM | closing each: RssAnon \
                | closing none: VmHWM | closing none: RssAnon |
                | --- | ---: | ---: | ---: | ---: |
                | W2 stream from an InputStream | 20.0 MiB | 20.0 MiB | 40.0 MiB | 30.0 MiB |
                | W2 file, ZSTD | 10.0 MiB | 10.0 MiB | 30.0 MiB | 20.0 MiB |

                RssAnon growth, closing none ÷ closing each: stream 1.50, zstd 2.00 (target ≤ 2)
                """), r);
    }

    @Test
    void markdownFileHasTheDateAndMachine(@TempDir Path tmp) throws IOException {
        Path json = Files.writeString(tmp.resolve("jmh.json"), resource("jmh.json"));
        Path facts = Files.writeString(tmp.resolve("facts.txt"), resource("facts.txt"));
        Path md = tmp.resolve("BENCHMARKS.md");
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Report.main(new String[] {json.toString(), facts.toString(), "--markdown", md.toString()});
        } finally {
            System.setOut(stdout);
        }
        assertEquals(render(), printed.toString(StandardCharsets.UTF_8), "prints the report without the header");
        String text = Files.readString(md);
        assertTrue(text.startsWith("# Benchmarks: Quiver, Apache Arrow Java 19.0.0\n\nWritten by `quiver-bench/run` on "
                + "2026-12-01 21:00 UTC, on 2 cores (Test CPU @ 2.0GHz), OpenJDK 64-Bit Server VM 25+36-LTS; load average "
                + "before the run: 0.15 0.20 0.31; 1 run of the suite.\n"), text);
        assertTrue(text.endsWith(render()), text);
    }

    @Test
    void resultsOfEveryRepeatAreReadInRepeatOrder(@TempDir Path tmp) throws IOException {
        for (int k : new int[] {10, 2, 1}) {
            Path d = Files.createDirectories(tmp.resolve("repeat-" + k));
            Files.writeString(d.resolve("results.json"), Json.write(List.of(result("W4NestedBenchmark", "quiver_read", k))));
        }
        Files.createDirectories(tmp.resolve("repeat-3")); // a repeat that wrote nothing (stopped) is left out
        List<Object> repeats = Report.repeats(tmp);
        assertEquals(3, repeats.size());
        List<Long> micros = new java.util.ArrayList<>();
        for (Object r : repeats) micros.add(Math.round(Report.results(r).get("quiver").get("W4NestedBenchmark.read").seconds() * 1e6));
        assertEquals(List.of(1L, 2L, 10L), micros);
    }

    @Test
    void emptyResultsGiveNoTable() {
        assertEquals("", Report.render(Json.parse("[]"), Map.of()));
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertEquals("1.23 s", Report.time(1.234));
        assertEquals("999 ms", Report.time(0.999));
        assertEquals("12.0 µs", Report.time(12e-6));
        assertEquals("0.50 ns", Report.time(0.5e-9));
        assertEquals("1234×", Report.ratio(1234.4));
    }

    @Test
    void unknownScoreUnitIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Report.secondsPer("ops/s"));
        assertEquals("unsupported score unit ops/s (the benchmarks measure average time per operation)", e.getMessage());
    }

    @Test
    void malformedJsonSaysWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, }"));
        assertEquals("bad JSON at character 4: unexpected character '}'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
        assertEquals("bad JSON at character 9: trailing characters", e.getMessage());
    }

    @Test
    void jsonStringsAndLiterals() {
        assertEquals(Map.of("a", List.of("x\"\n\u00e9", true, false), "b", 2.5e3),
                Json.parse("{\"a\": [\"x\\\"\\n\\u00e9\", true, false], \"b\": 2.5e3}"));
    }

    /** The lines bin/measure-startup --facts appends (here: no dist image, so the three launcher variants). */
    private static final List<String> STARTUP_FACTS = List.of(
            "startup.runs 15", "startup.bytes 1178",
            "startup.launcher-nocds.median 0.938", "startup.launcher-nocds.min 0.920", "startup.launcher-nocds.max 1.129",
            "startup.launcher-cds.median 0.384", "startup.launcher-cds.min 0.350", "startup.launcher-cds.max 0.412",
            "startup.launcher-aot.median 0.251", "startup.launcher-aot.min 0.240", "startup.launcher-aot.max 0.270");

    @Test
    void startupTableGivesEachVariantAgainstTheGoal() {
        String r = Report.render(List.of(), Report.facts(STARTUP_FACTS));
        assertEquals("""
                | Start-up: `quiver print` of a small file (1,178 B), median of 15 runs | median | min | max | goal | met |
                | --- | ---: | ---: | ---: | ---: | --- |
                | `./quiver`, no CDS (`QUIVER_NO_CDS=1`) | 938 ms | 920 ms | 1.13 s | < 400 ms | no |
                | `./quiver`, CDS archive (`QUIVER_NO_AOT=1`; JDK 22-24) | 384 ms | 350 ms | 412 ms | < 400 ms | yes |
                | `./quiver`, AOT cache (JDK 25+) | 251 ms | 240 ms | 270 ms | < 400 ms | yes |

                """, r);
    }

    @Test
    void startupWithTheImageAddsItsRowsAndAFailureSaysSo() {
        List<String> lines = new java.util.ArrayList<>(STARTUP_FACTS);
        lines.addAll(List.of("startup.image-nocds.median 0.400", "startup.image-cds.median 0.2",
                "startup.image-aot.median 0.15"));
        String r = Report.render(List.of(), Report.facts(lines));
        // exactly the goal is not under it; a missing min/max is n/a
        assertTrue(r.contains("| image (`bin/quiver`), no CDS | 400 ms | n/a | n/a | < 400 ms | no |\n"
                + "| image (`bin/quiver`), CDS archive | 200 ms | n/a | n/a | < 400 ms | yes |\n"
                + "| image (`bin/quiver`), AOT cache (JDK 25+) | 150 ms | n/a | n/a | < 400 ms | yes |\n"), r);
        assertEquals("Start-up: not measured: bin/measure-startup failed (see startup.log).\n\n",
                Report.render(List.of(), Report.facts(List.of("startup.status failed (see startup.log)"))));
        // no start-up facts (a partial run): no table
        assertFalse(Report.render(List.of(), Report.facts(List.of("startup.runs 15"))).contains("Start-up"));
    }

    @Test
    void startupSecondsThatAreNotNumbersAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Report.render(List.of(), Report.facts(List.of("startup.launcher-cds.median 0,384"))));
        assertTrue(e.getMessage().contains("startup.launcher-cds.median"), e.getMessage());
    }

    @Test
    void flightRowsGiveThroughputFromTheW2FileSize() {
        String f = "FlightBenchmark";
        List<Object> jmh = List.of(List.of(result(f, "quiver_doGet", 100_000), result(f, "arrowJava_doGet", 200_000),
                result(f, "quiver_doPut", 50_000)));
        // 1e9 B ÷ 0.1 s = 10 GB/s, ÷ 0.2 s = 5, ÷ 0.05 s = 20
        assertTrue(Report.render(jmh, Map.of("w2.bytes", "1000000000")).contains("Flight throughput (the W2 file's "
                + "954 MiB ÷ the median time): F1 DoGet: Quiver 10.00 GB/s, Arrow Java 5.00 GB/s; F2 DoPut: Quiver "
                + "20.00 GB/s.\n\n"));
        // without the size there is no throughput line
        assertFalse(Report.render(jmh, Map.of()).contains("Flight throughput"));
    }
}
