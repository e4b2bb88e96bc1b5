package dev.quiver.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The isolation rules of the suite hold (not a timing): every benchmark computes the same result whatever ran
 * before it; no benchmark changes, replaces or adds an input; writes go to the scratch directory and are removed;
 * the checks that enforce this see a changed input; every repeat runs every benchmark in an order of its own.
 */
class IsolationTest {

    @BeforeAll
    static void inputs() throws IOException {
        // every input, PyArrow's too when there is a Python with pyarrow (the cases reading it are left out otherwise)
        if (PythonPeer.available()) PythonPeer.prepare();
        else DataFiles.writeInputs(GenerateData.inputs());
        DataFiles.seal(Bench.dir());
    }

    /** Each case once, in {@code order}: its result, with the inputs checked unchanged after each. */
    private static Map<String, Object> runInOrder(List<Harness.Case> order) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean arrowCpp = Files.exists(W1Cities.arrowCppLz4File());
        for (Harness.Case c : order) {
            if (!arrowCpp && c.name().contains("ArrowCpp")) continue;
            Map<String, String> before = DataFiles.snapshot(Bench.dir());
            results.put(c.name(), Harness.run(c));
            assertEquals(List.of(), DataFiles.changes(before, DataFiles.snapshot(Bench.dir())), c.name() + " changed the inputs");
        }
        return results;
    }

    @Test
    void everyBenchmarkGivesTheSameResultWhateverRanBeforeIt() throws Exception {
        List<Harness.Case> sorted = Harness.cases();
        List<Harness.Case> reversed = new ArrayList<>(sorted);
        Collections.reverse(reversed);
        List<Harness.Case> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(13));

        Map<String, Object> first = new TreeMap<>(runInOrder(sorted));
        assertTrue(first.size() >= 31, first.keySet().toString());
        assertEquals(first, new TreeMap<>(runInOrder(reversed)), "reversed order");
        assertEquals(first, new TreeMap<>(runInOrder(shuffled)), "shuffled order");
        // the inputs are byte for byte what was sealed, and every write was to the scratch directory, then removed
        assertEquals(List.of(), DataFiles.verify(Bench.dir()));
        try (var s = Files.list(Bench.scratch())) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString).toList(),
                    "write benchmarks leave nothing behind");
        }
    }

    @Test
    void writesGoToTheScratchDirectoryNeverToTheInputs() throws IOException {
        W2NumericBenchmark.QuiverData q = new W2NumericBenchmark.QuiverData();
        q.setUp();
        W2NumericBenchmark.ArrowJavaData a = new W2NumericBenchmark.ArrowJavaData();
        a.setUp();
        ConvertBenchmark.Conversions c = new ConvertBenchmark.Conversions();
        c.setUp();
        try {
            List<Path> outputs = new ArrayList<>(List.of(q.out, a.out));
            for (ConvertBenchmark.Conversion conv : c.conversions) outputs.add(conv.out());
            for (Path p : outputs) {
                assertEquals(Bench.scratch().toAbsolutePath(), p.toAbsolutePath().getParent(), p.toString());
                assertNotEquals(Bench.dir().toAbsolutePath(), p.toAbsolutePath().getParent(), p.toString());
            }
        } finally {
            a.tearDown();
            q.tearDown();
            c.tearDown();
        }
    }

    // ---- the checks themselves: each sees what it is there to see ----------------------------------------------

    @Test
    void verifySeesAnInputRewrittenInPlaceReplacedRemovedOrAdded(@TempDir Path dir) throws IOException {
        Path a = Files.write(dir.resolve("a.arrow"), new byte[] {1, 2, 3, 4});
        Path b = Files.write(dir.resolve("b.arrow"), new byte[] {5, 6});
        Files.write(dir.resolve("c.arrow"), new byte[] {7});
        DataFiles.seal(dir);
        assertEquals(List.of(), DataFiles.verify(dir));

        Files.write(a, new byte[] {1, 2, 3, 5}); // same size, other bytes
        Files.delete(b);
        Files.write(dir.resolve("d.arrow"), new byte[] {8});
        List<String> problems = DataFiles.verify(dir);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("a.arrow: changed from 4 "), problems.get(0));
        assertTrue(problems.get(1).startsWith("b.arrow: removed (sealed as 2 "), problems.get(1));
        assertEquals("d.arrow: added after the data directory was sealed", problems.get(2));
    }

    @Test
    void snapshotsSeeAFileReplacedUnderItsNameOrTouched(@TempDir Path dir) throws Exception {
        Path a = Files.write(dir.resolve("a.arrow"), new byte[] {1, 2, 3, 4});
        Map<String, String> before = DataFiles.snapshot(dir);
        assertEquals(List.of(), DataFiles.changes(before, DataFiles.snapshot(dir)));

        // replaced by another file of the same size and time (a new inode): what an atomic move over it does
        Path tmp = Files.write(dir.resolve("a.tmp2"), new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(tmp, Files.getLastModifiedTime(a));
        Files.move(tmp, a, StandardCopyOption.REPLACE_EXISTING);
        List<String> changes = DataFiles.changes(before, DataFiles.snapshot(dir));
        assertEquals(1, changes.size(), changes.toString());
        assertTrue(changes.get(0).startsWith("a.arrow: was 4 "), changes.get(0));

        // written in place, same size, same file: its modification time moves
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() - 5000));
        before = DataFiles.snapshot(dir);
        Files.write(a, new byte[] {9, 9, 9, 9}, StandardOpenOption.WRITE);
        changes = DataFiles.changes(before, DataFiles.snapshot(dir));
        assertEquals(1, changes.size(), changes.toString());
        assertTrue(changes.get(0).startsWith("a.arrow: was 4 "), changes.get(0));
    }

    @Test
    void aSealedRunNeverGeneratesAnInput(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("w9.arrow");
        String was = System.getProperty("quiver.bench.sealed");
        System.setProperty("quiver.bench.sealed", "true");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> DataFiles.input(missing, f -> Files.write(f, new byte[1])));
            assertEquals("benchmark input " + missing + " is missing in a sealed data directory: quiver-bench/run "
                    + "generates every input before the benchmarks start", e.getMessage());
            assertTrue(Files.notExists(missing));
        } finally {
            if (was == null) System.clearProperty("quiver.bench.sealed");
            else System.setProperty("quiver.bench.sealed", was);
        }
        // outside a sealed run it is generated, then published read-only
        Path made = DataFiles.input(missing, f -> {
            Path tmp = DataFiles.temporary(f);
            Files.write(tmp, new byte[] {1});
            DataFiles.publish(tmp, f);
        });
        assertEquals(PosixFilePermissions.fromString("r--r--r--"), Files.getPosixFilePermissions(made));
        assertTrue(Files.notExists(DataFiles.temporary(missing)));
    }

    @Test
    void everyRepeatRunsEveryBenchmarkInAFreshOrder() {
        List<Suite.Unit> units = new ArrayList<>();
        for (int i = 0; i < 40; i++) units.add(new Suite.Unit("dev.quiver.bench.B" + i + ".quiver_x", i % 3 == 0));
        Set<List<Suite.Unit>> orders = new HashSet<>();
        for (int k = 1; k <= 3; k++) {
            List<Suite.Unit> o = Suite.order(units, 42, k);
            assertEquals(new HashSet<>(units), new HashSet<>(o), "repeat " + k + " runs every unit once");
            assertEquals(units.size(), o.size());
            assertEquals(o, Suite.order(units, 42, k), "the same seed gives the same order (--seed reproduces a run)");
            orders.add(o);
        }
        assertEquals(3, orders.size(), "three repeats, three orders");
        assertNotEquals(Suite.order(units, 42, 1), Suite.order(units, 43, 1));
    }
}
