package dev.quiver.ipc;

import dev.quiver.array.DictionaryArray;
import dev.quiver.array.RecordBatch;
import dev.quiver.memory.ReclaimableArena;
import dev.quiver.testing.ChildJvm;
import dev.quiver.testing.Collector;
import dev.quiver.testing.ProcessMemory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Defect 6 of issue 8: delta dictionaries used memory quadratic in the number of deltas (every concatenated
 * value was kept until the reader closed: 1,600 deltas of 1 KiB took over 1 GB). Now a value that a delta
 * extends is released as soon as no batch holds it, so memory stays proportional to the live dictionary.
 */
class DeltaDictionaryMemoryTest {
    static final int DELTAS = 1600;

    @TempDir
    static Path dir;
    static Path stream;

    @BeforeAll
    static void write() throws IOException {
        stream = dir.resolve("deltas.arrows");
        try (OutputStream out = Files.newOutputStream(stream)) {
            DeltaStreams.write(out, DELTAS, IpcWriteOptions.DEFAULT);
        }
    }

    @Test
    void readingSixteenHundredDeltasClosingEachBatchHoldsAboutOneDictionary() throws Exception {
        long base = Collector.settle(ReclaimableArena::reclaimableBytes);
        long peak = 0;
        long dictionary = 0;
        int batches = 0;
        try (InputStream in = Files.newInputStream(stream); RecordBatchStreamReader r = Ipc.openStream(in)) {
            for (RecordBatch next; (next = r.readNext()) != null; batches++) {
                try (RecordBatch b = next) {
                    dictionary = DictionaryMemo.bytes(((DictionaryArray) b.column(0)).dictionary().data());
                }
                peak = Math.max(peak, ReclaimableArena.reclaimableBytes() - base);
            }
        }
        assertEquals(DELTAS + 1, batches);
        // the live dictionary (1.6 MB at the end), once more while a delta is concatenated, and a batch body
        assertTrue(peak <= 2 * dictionary + (256 << 10), "held " + peak + " bytes for a dictionary of " + dictionary);
        assertTrue(ReclaimableArena.reclaimableBytes() - base <= 0, "everything released with the reader");
    }

    @Test
    void residentMemoryStaysProportionalToTheLiveDictionary() {
        Assumptions.assumeTrue(ProcessMemory.available(), "needs /proc/self/status (Linux)");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.main(DeltaDictionaryMemory.class, stream.toString()).heap("128m"));
        String out = r.assertSucceeded();
        assertTrue(out.contains("batches " + (DELTAS + 1)), out);
        long peak = r.reported("peak growth");
        // before the fix: over 1 GB; the heap (128 MiB at most) and a few copies of a 1.6 MB dictionary now
        assertTrue(peak < 160 * 1024, "peak resident memory grew by " + peak + " KiB:\n" + out);
    }
}
