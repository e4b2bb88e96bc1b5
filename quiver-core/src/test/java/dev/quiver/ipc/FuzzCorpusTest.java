package dev.quiver.ipc;

import dev.quiver.QuiverException;
import dev.quiver.array.Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The inputs of {@code arrow-testing/fuzz}, found by fuzzing the Arrow C++ readers: each is rejected with a
 * {@link QuiverException} or read (then every value is touched), never a crash, another exception type, a
 * hang, or an allocation out of proportion to the input.
 */
class FuzzCorpusTest {

    @TestFactory
    List<DynamicTest> fuzzInputs() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : new String[] {"stream", "file"}) {
            for (Path f : TestData.fuzzInputs(kind)) {
                tests.add(DynamicTest.dynamicTest(kind + "/" + f.getFileName(), () ->
                        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> check(kind, f))));
            }
        }
        return tests;
    }

    private static void check(String kind, Path f) throws IOException {
        long size = Files.size(f);
        long before = allocated();
        try {
            if (kind.equals("stream")) {
                try (RecordBatchStreamReader r = Ipc.openStream(f)) {
                    for (RecordBatch b : r) touch(b);
                }
                try (RecordBatchStreamReader r = Ipc.openStream(Files.readAllBytes(f))) {
                    for (RecordBatch b : r) touch(b);
                }
            } else {
                try (RecordBatchFileReader r = Ipc.openFile(f)) {
                    for (int i = 0; i < r.numRecordBatches(); i++) touch(r.recordBatch(i));
                }
            }
        } catch (QuiverException e) {
            assertTrue(e.getMessage().contains(f.toString()) || e.getMessage().contains("at byte")
                    || e.fieldPath() != null, "the message should say where: " + e.getMessage());
        } catch (RuntimeException e) {
            fail(f + " raised " + e, e);
        }
        long allocated = allocated() - before;
        assertTrue(allocated < (16L << 20) + 64 * size, f + ": allocated " + allocated + " bytes for " + size);
    }

    private static void touch(RecordBatch b) {
        for (Array a : b.columns()) {
            for (int i = 0; i < a.length(); i++) a.getObject(i);
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
