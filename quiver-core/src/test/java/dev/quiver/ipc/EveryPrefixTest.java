package dev.quiver.ipc;

import dev.quiver.QuiverException;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every prefix of every gold file and stream (all folders of {@link TestData#goldCases()}), through every reader:
 * the file reader over memory and over a mapped file, the stream reader over memory and over a channel, and
 * {@link StreamDecoder}. Each yields only whole record batches, equal to those of the intact input in the same
 * order, and then ends or throws a {@link QuiverException}; never another exception, never a cut batch. The stream
 * readers yield every batch the prefix holds whole before they fail; a file reader needs its footer, so only the
 * whole file reads, every shorter prefix is refused.
 *
 * <p>Which prefixes: streams up to {@value #EVERY_PREFIX_UP_TO} bytes at every length; larger streams, and every
 * file, where the outcome can change or the way a cut is met does (the places of
 * {@link RecoveryPrefixTest#layout}: each message's first 8 bytes, a byte around the end of its metadata and of
 * its end, around a file's footer, trailer and end), plus every {@value #STRIDE}th length in between.
 */
class EveryPrefixTest {
    static final int EVERY_PREFIX_UP_TO = 2 * 1024;
    static final int STRIDE = 211;

    @TempDir
    static Path dir;

    @TestFactory
    List<DynamicTest> everyPrefixThroughEveryReader() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TestData.GoldCase c : TestData.goldCases()) {
            tests.add(DynamicTest.dynamicTest(c + " file", () -> checkFile(c.file())));
            tests.add(DynamicTest.dynamicTest(c + " stream", () -> checkStream(c.stream())));
        }
        return tests;
    }

    private static List<Integer> prefixes(byte[] bytes, RecoveryPrefixTest.Layout layout, int everyUpTo) {
        List<Integer> out = new ArrayList<>();
        for (int n = 0; n <= bytes.length; n++) {
            if (bytes.length <= everyUpTo || n % STRIDE == 0 || layout.boundaries().contains((long) n)) out.add(n);
        }
        return out;
    }

    private static List<RecordBatch> intact(byte[] bytes, boolean file) throws IOException {
        try (RecordBatchReader r = file ? Ipc.openFile(bytes) : Ipc.openStream(bytes)) {
            List<RecordBatch> out = new ArrayList<>();
            for (RecordBatch b; (b = r.readNext()) != null; ) out.add(b.detach());
            return out;
        }
    }

    private static void checkFile(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        RecoveryPrefixTest.Layout layout = RecoveryPrefixTest.layout(bytes, true);
        List<RecordBatch> expected = intact(bytes, true);
        Path mapped = dir.resolve(path.getFileName());
        for (int n : prefixes(bytes, layout, 0)) {
            MemorySegment prefix = MemorySegment.ofArray(bytes).asSlice(0, n);
            String what = path + " cut to " + n + " bytes";
            int read = read(what + " (file reader, memory)", expected,
                    () -> Ipc.openFile(prefix, IpcReadOptions.DEFAULT, what));
            Files.write(mapped, prefix.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            int readMapped = read(what + " (file reader, mapped)", expected,
                    () -> Ipc.openFile(mapped, IpcReadOptions.DEFAULT.withMemoryMap(true)));
            if (n < bytes.length) {
                assertEquals(-1, read, what + ": a file without its footer is refused");
                assertEquals(-1, readMapped, what + ": a file without its footer is refused (mapped)");
            }
        }
        Files.deleteIfExists(mapped);
    }

    private static void checkStream(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        RecoveryPrefixTest.Layout layout = RecoveryPrefixTest.layout(bytes, false);
        List<RecordBatch> expected = intact(bytes, false);
        assertEquals(layout.batches().size(), expected.size(), path.toString());
        for (int n : prefixes(bytes, layout, EVERY_PREFIX_UP_TO)) {
            long end = n;
            int whole = (int) layout.batches().stream().filter(r -> r[1] <= end).count();
            String what = path + " cut to " + n + " bytes (" + whole + " batches whole)";
            MemorySegment prefix = MemorySegment.ofArray(bytes).asSlice(0, n);
            // every whole batch, and none cut, whether the reader then ends or throws
            read(what + " (stream reader, memory)", expected, () -> Ipc.openStream(prefix, IpcReadOptions.DEFAULT));
            assertEquals(whole, yielded, what + ": batches yielded by the stream reader over memory");
            read(what + " (stream reader, channel)", expected, () -> Ipc.openStream(Channels.newChannel(
                    new ByteArrayInputStream(bytes, 0, n)), IpcReadOptions.DEFAULT));
            assertEquals(whole, yielded, what + ": batches yielded by the stream reader over a channel");
            decode(what + " (StreamDecoder)", prefix, expected);
            assertEquals(whole, yielded, what + ": batches yielded by StreamDecoder");
        }
    }

    /** Batches yielded by the last {@link #read} or {@link #decode}, whether it failed or not. */
    private static int yielded;

    interface Open {
        RecordBatchReader open() throws IOException;
    }

    /**
     * Reads every batch of what {@code open} opens, each compared with {@code expected} at its index: the number of
     * batches when the reader ends, -1 when it throws a {@link QuiverException} (opening or reading); anything else
     * fails the test.
     */
    private static int read(String what, List<RecordBatch> expected, Open open) {
        int count = 0;
        yielded = 0;
        try (RecordBatchReader r = open.open()) {
            if (r instanceof RecordBatchFileReader f) {
                for (int i = 0; i < f.numRecordBatches(); i++) {
                    try (RecordBatch b = f.recordBatch(i)) {
                        same(what, expected, count++, b);
                        yielded = count;
                    }
                }
            } else {
                while (true) {
                    try (RecordBatch b = r.readNext()) {
                        if (b == null) break;
                        same(what, expected, count++, b);
                        yielded = count;
                    }
                }
            }
            return count;
        } catch (QuiverException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), what);
            return -1;
        } catch (IOException | RuntimeException e) {
            fail(what + ": " + e, e);
            return -2;
        }
    }

    /** {@link StreamDecoder} fed the prefix in two chunks, then {@code finish()}. */
    private static int decode(String what, MemorySegment prefix, List<RecordBatch> expected) {
        int[] count = {0};
        yielded = 0;
        StreamDecoder.Listener listener = new StreamDecoder.Listener() {
            @Override public void onRecordBatch(RecordBatch batch) {
                try (batch) {
                    same(what, expected, count[0]++, batch);
                    yielded = count[0];
                }
            }
        };
        try (StreamDecoder d = new StreamDecoder(listener, IpcReadOptions.DEFAULT, what)) {
            long half = prefix.byteSize() / 2;
            d.consume(prefix.asSlice(0, half));
            if (!d.isEnded()) d.consume(prefix.asSlice(half));
            if (!d.isEnded()) d.finish();
            return count[0];
        } catch (QuiverException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), what);
            return -1;
        } catch (RuntimeException e) {
            fail(what + ": " + e, e);
            return -2;
        }
    }

    private static void same(String what, List<RecordBatch> expected, int i, RecordBatch got) {
        assertTrue(i < expected.size(), what + ": more batches than the intact input has");
        assertNull(ArrayEquality.compare(expected.get(i), got), what + ": batch " + i);
    }
}
