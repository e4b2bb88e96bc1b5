package dev.quiver.ipc;

import dev.quiver.testing.ChildJvm;
import dev.quiver.testing.ProcessMemory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, "bounded memory when a user does not close batches": the README's {@code for (RecordBatch b : r)}
 * loop drops every batch without closing it. Reading a 320 MiB stream from an input stream that way, or a
 * ZSTD file of 160 MiB decompressed, with a 64 MiB heap, must not grow native memory with the input: dropped
 * batches are reclaimed. Each loop runs in a child JVM and is compared with the same loop closing every batch.
 */
class DroppedBatchesTest {
    static final int ZSTD_BATCHES = 80;

    @TempDir
    static Path dir;
    static Path zstd;

    @BeforeAll
    static void write() throws IOException {
        zstd = dir.resolve("dropped.arrow");
        DroppedBatches.writeZstd(zstd, ZSTD_BATCHES);
    }

    private static long growthKib(String source, String mode) {
        ChildJvm.Result r = ChildJvm.run(ChildJvm.main(DroppedBatches.class, source, mode, zstd.toString()).heap("64m"));
        String out = r.assertSucceeded();
        int batches = source.equals("stream") ? DroppedBatches.STREAM_BATCHES : ZSTD_BATCHES;
        assertTrue(out.contains("batches " + batches + " "), out);
        return r.reported("rss growth");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stream", "zstd"})
    void droppingEveryBatchKeepsResidentMemoryBounded(String source) {
        Assumptions.assumeTrue(ProcessMemory.available(), "needs /proc/self/status (Linux)");
        long closing = growthKib(source, "close");
        long dropping = growthKib(source, "drop");
        // before: the whole input (320 or 160 MiB); now at most the collector's nudge threshold and a few batches
        assertTrue(dropping < 96 * 1024, "dropping every batch grew resident memory by " + dropping
                + " KiB (closing each: " + closing + " KiB)");
        assertTrue(dropping <= 2 * closing + 48 * 1024, "dropping every batch grew resident memory by " + dropping
                + " KiB, closing each by " + closing + " KiB");
    }
}
