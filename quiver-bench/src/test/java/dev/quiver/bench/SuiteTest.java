package dev.quiver.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite as quiver-bench/run drives it, in smoke mode on small data: a few benchmarks of every library, two
 * repeats in orders of their own, results per repeat that the report turns into ratios with a range. Needs a
 * Python with pyarrow for the PyArrow units (fails under CI without one, skips elsewhere).
 */
class SuiteTest {

    @Test
    void twoRepeatsRunEveryLibraryInFreshOrdersAndTheReportGivesRanges(@TempDir Path results) throws Exception {
        PythonPeer.prepare();
        DataFiles.seal(Bench.dir());
        Suite.Settings s = new Suite.Settings(results, 2, 5, true,
                Pattern.compile("W3RandomAccessBenchmark\\.(quiver|arrowJava|pyarrow|pyarrowFull)_openToBatch0"),
                PythonPeer.python(), PythonPeer.SCRIPT, List.of());
        assertTrue(Suite.run(s));

        List<String> first = Files.readAllLines(results.resolve("repeat-1/order.txt"));
        List<String> second = Files.readAllLines(results.resolve("repeat-2/order.txt"));
        assertEquals("# repeat 1 of 2, seed 5", first.get(0));
        assertEquals(new HashSet<>(first.subList(1, first.size())), new HashSet<>(second.subList(1, second.size())));
        assertEquals(5, first.size(), first.toString());
        for (int k = 1; k <= 2; k++) {
            assertEquals(List.of(), Files.readAllLines(results.resolve("repeat-" + k + "/failures.txt")));
            assertEquals(4, ((List<?>) Json.parse(Files.readString(results.resolve("repeat-" + k + "/results.json")))).size());
        }
        String report = Report.render(Report.repeats(results), Map.of("pyarrow.status", "ok"));
        String row = report.lines().filter(l -> l.startsWith("| W3 random access | open file")).findFirst()
                .orElseThrow(() -> new AssertionError(report));
        // Quiver, Arrow Java, PyArrow and PyArrow full each have a time; each ratio a median and a range
        String[] cells = row.split(" \\| ");
        for (int i = 2; i <= 5; i++) assertTrue(cells[i].matches("[0-9.]+ (s|ms|µs|ns)"), row);
        for (int i = 6; i <= 8; i++) assertTrue(cells[i].contains("–"), row);
    }

    @Test
    void anInputChangedSinceTheSealStopsTheSuiteBeforeItStarts(@TempDir Path results) throws Exception {
        DataFiles.writeInputs(GenerateData.inputs());
        DataFiles.seal(Bench.dir());
        Path stray = Bench.dir().resolve("stray.arrow");
        Files.write(stray, new byte[] {1});
        try {
            Suite.Settings s = new Suite.Settings(results, 1, 5, true, Pattern.compile("quiver_openToBatch0"), null,
                    null, List.of());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Suite.run(s));
            assertEquals("the data directory differs from its manifest: [stray.arrow: added after the data directory "
                    + "was sealed]", e.getMessage());
            assertTrue(Files.notExists(results.resolve("repeat-1")), "nothing ran");
        } finally {
            Files.delete(stray);
        }
    }
}
