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
        assertEquals("| workload | operation | Arrow Java | Quiver | ratio | target |", lines.get(0));
        assertEquals("| --- | --- | ---: | ---: | ---: | ---: |", lines.get(1));
        // medians 2500 ms and 12.5 ms: 200×
        assertEquals("| W1 cities | write to memory, LZ4_FRAME | 2.50 s | 12.5 ms | 200× | ≥100× |", lines.get(2));
        // a missing partner gives n/a
        assertEquals("| W2 numeric | read file, sum b | n/a | 40.0 ms | n/a | ≥2.5× |", lines.get(3));
        // scores without percentiles use the score; different units are compared in seconds
        assertEquals("| W3 random access | load a random batch, sum a (per access) | 850 µs | 123 µs | 6.89× | ≥5× |",
                lines.get(4));
        // a benchmark the report does not know is still shown, under its JMH name
        assertEquals("| NewBenchmark | fancy | n/a | 3.00 ns | n/a |  |", lines.get(5));
        assertEquals("", lines.get(6));
        assertEquals("Ratio = Arrow Java time ÷ Quiver time (above 1: Quiver is faster). Both libraries run with their default options: Quiver reads with FULL validation (every offset "
                + "and every UTF-8 string is checked before a batch is handed out); Arrow Java checks neither.",
                lines.get(7));
        assertEquals("", lines.get(8));
        assertEquals("| W1 file size | Arrow Java | Quiver |", lines.get(9));
    }

    @Test
    void sizesMemcpyAndMemoryFollowTheTable() throws IOException {
        String r = render();
        assertTrue(r.contains("""
                | W1 file size | Arrow Java | Quiver |
                | --- | ---: | ---: |
                | no compression | 10,738,144 B | 10,631,304 B |
                | LZ4_FRAME | 5,000,000 B | 4,000,000 B |
                | ZSTD | 3,000,000 B | 2,999,999 B |
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
        assertTrue(text.startsWith("# Benchmarks: Quiver and Apache Arrow Java 19.0.0\n\nWritten by `quiver-bench/run` on "
                + "2026-12-01 21:00 UTC, on 2 cores (Test CPU @ 2.0GHz), OpenJDK 64-Bit Server VM 25+36-LTS; load average "
                + "before the run: 0.15 0.20 0.31.\n"), text);
        assertTrue(text.endsWith(render()), text);
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
}
