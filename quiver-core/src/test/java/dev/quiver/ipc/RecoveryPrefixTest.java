package dev.quiver.ipc;

import dev.quiver.QuiverException;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every prefix of every gold file and stream (all folders of {@link TestData#goldCases()}): {@link Recovery} keeps
 * exactly the record batches the prefix holds whole, with the values the intact input's reader gives, and nothing
 * else; without a whole schema message (a file's footer being gone too) nothing can be recovered.
 *
 * <p>The expectation is computed independently of the recovery: message ranges come from {@link Inspector} on
 * the intact input and, for files, from the intact footer's blocks (checked to agree); batch values from the
 * ordinary readers, compared with {@link ArrayEquality}.
 *
 * <p>Which prefixes: inputs up to {@value #EVERY_PREFIX_UP_TO} bytes are tried at every length from 0 to their
 * size: 104 of the 118 gold inputs, some 262,000 prefixes. The 14 larger ones (1.4 MB in all, most of it the four
 * 1.0.0 decimal inputs of 250-360 KB) would take many minutes at every length, since each prefix is recovered
 * from its start, so they are tried where the result can change or the way a cut is met does: every length that
 * cuts a message's prefix (its first 8 bytes), within a byte of the end of its metadata and of its end, within a
 * byte of the footer's start, of the trailer and of the end; plus every {@value #STRIDE}th length, which cuts
 * metadata and bodies at varied places in between (between two such places the result cannot change: a batch is
 * kept once its last byte is in). Measured: about 30 s of CPU in all (37 s of wall time on two cores shared with
 * other builds at a load average of 15). Values are compared at every prefix tried; the recovered output is also
 * written (in the input's format), read back with the ordinary reader and compared, at every prefix that ends a
 * record batch.
 */
class RecoveryPrefixTest {
    static final int EVERY_PREFIX_UP_TO = 12 * 1024;
    static final int STRIDE = 397;

    @TestFactory
    List<DynamicTest> everyPrefixOfEveryGoldFileAndStream() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TestData.GoldCase c : TestData.goldCases()) {
            tests.add(DynamicTest.dynamicTest(c + " file", () -> check(c.file(), true)));
            tests.add(DynamicTest.dynamicTest(c + " stream", () -> check(c.stream(), false)));
        }
        return tests;
    }

    /** Where the messages of an intact input lie. */
    record Layout(long schemaEnd, List<long[]> batches, List<long[]> dictionaries, TreeSet<Long> boundaries,
                  TreeSet<Long> messageEnds) {}

    static Layout layout(byte[] bytes, boolean file) {
        MemorySegment data = MemorySegment.ofArray(bytes);
        Inspector.StreamLayout messages = Inspector.stream(data, file ? 8 : 0, IpcLimits.DEFAULT);
        long schemaEnd = -1;
        List<long[]> batches = new ArrayList<>();
        List<long[]> dictionaries = new ArrayList<>();
        TreeSet<Long> boundaries = new TreeSet<>(List.of(0L, (long) bytes.length));
        TreeSet<Long> messageEnds = new TreeSet<>();
        for (MessageSummary m : messages.messages()) {
            int prefix = data.get(dev.quiver.memory.LE.INT, m.offset()) == -1 ? 8 : 4;
            long bodyStart = m.offset() + prefix + m.metadataLength();
            long[] range = {m.offset(), bodyStart + m.bodyLength()};
            for (long k = 0; k <= 8; k++) boundaries.add(m.offset() + k);
            around(boundaries, bodyStart);
            around(boundaries, range[1]);
            messageEnds.add(range[1]);
            switch (m.message().header()) {
                case MessageHeader.SchemaHeader s -> schemaEnd = range[1];
                case MessageHeader.DictionaryBatchHeader d -> dictionaries.add(range);
                case MessageHeader.RecordBatchHeader r -> batches.add(range);
            }
        }
        if (file) {
            try (RecordBatchFileReader r = Ipc.openFile(bytes)) {
                assertEquals(batches.size(), r.numRecordBatches());
                for (int i = 0; i < batches.size(); i++) {
                    Block b = r.footer().recordBatches().get(i);
                    assertEquals(batches.get(i)[0], b.offset(), "footer block " + i);
                    assertEquals(batches.get(i)[1], b.offset() + b.metaDataLength() + b.bodyLength(), "block " + i);
                }
                around(boundaries, r.footerOffset());
                around(boundaries, bytes.length - 10L);
                around(boundaries, bytes.length - 6L);
            }
        }
        boundaries.removeIf(n -> n < 0 || n > bytes.length);
        return new Layout(schemaEnd, batches, dictionaries, boundaries, messageEnds);
    }

    private static void around(TreeSet<Long> boundaries, long at) {
        boundaries.addAll(List.of(at - 1, at, at + 1));
    }

    static List<Integer> prefixes(int size, TreeSet<Long> boundaries) {
        List<Integer> out = new ArrayList<>();
        for (int n = 0; n <= size; n++) {
            if (size <= EVERY_PREFIX_UP_TO || n % STRIDE == 0 || boundaries.contains((long) n)) out.add(n);
        }
        return out;
    }

    private static void check(Path path, boolean file) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        Layout layout = layout(bytes, file);
        try (RecordBatchReader intact = file ? Ipc.openFile(bytes) : Ipc.openStream(bytes)) {
            List<RecordBatch> expected = intact.readAll().batches();
            assertEquals(layout.batches().size(), expected.size());
            for (int n : prefixes(bytes.length, layout.boundaries())) {
                checkPrefix(path + " cut to " + n + " bytes", MemorySegment.ofArray(bytes).asSlice(0, n), file,
                        layout, expected);
            }
        }
    }

    private static void checkPrefix(String what, MemorySegment prefix, boolean file, Layout layout,
                                    List<RecordBatch> expected) throws IOException {
        long n = prefix.byteSize();
        if (n < layout.schemaEnd()) {
            QuiverException e = assertThrows(QuiverException.class,
                    () -> Recovery.of(prefix, what, IpcReadOptions.DEFAULT).close(), () -> what);
            assertTrue(e.getMessage().startsWith("nothing can be recovered: no schema message can be read"),
                    what + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("(" + what + ", at byte "), e.getMessage());
            return;
        }
        List<long[]> whole = layout.batches().stream().filter(r -> r[1] <= n).toList();
        try (Recovery r = Recovery.of(prefix, what, IpcReadOptions.DEFAULT)) {
            List<RecordBatch> got = new ArrayList<>();
            for (RecordBatch b; (b = r.readNext()) != null; ) got.add(b);
            RecoveryReport report = r.report();
            RecoveryReportAssert.tiles(report);
            assertEquals(file ? RecoveryReport.Format.FILE : RecoveryReport.Format.STREAM, report.format(), () -> what);
            assertEquals(whole.size(), got.size(), () -> what + ": batches kept\n" + report);
            List<RecoveryReport.BatchPart> kept = report.batches().stream().filter(RecoveryReport.Part::kept).toList();
            assertEquals(whole.size(), kept.size(), () -> what);
            for (int b = 0; b < whole.size(); b++) {
                int i = b;
                assertEquals(whole.get(i)[0], kept.get(i).offset(), () -> what + ": batch " + i);
                assertEquals(whole.get(i)[1], kept.get(i).end(), () -> what + ": batch " + i);
                assertEquals(expected.get(i).numRows(), kept.get(i).rows(), () -> what + ": batch " + i);
                assertNull(ArrayEquality.compare(expected.get(i), got.get(i)), () -> what + ": batch " + i);
            }
            long wholeDictionaries = layout.dictionaries().stream().filter(d -> d[1] <= n).count();
            assertEquals(wholeDictionaries, report.dictionaries().stream().filter(RecoveryReport.Part::kept).count(),
                    what);
            // nothing but a cut message (or a cut footer) is lost; a stream cut between messages loses nothing
            assertTrue(report.batches().size() - kept.size() <= 1, () -> what + "\n" + report);
            boolean intact = n == layout.boundaries().last() || (!file && layout.messageEnds().contains(n));
            assertEquals(intact, report.nothingLost(), () -> what + "\n" + report);
            boolean endsABatch = !whole.isEmpty() && whole.getLast()[1] == n;
            if (endsABatch) checkWritten(what, prefix, file, expected.subList(0, whole.size()));
        }
    }

    /** The salvage written in the input's format reads back with the ordinary reader as the batches kept. */
    private static void checkWritten(String what, MemorySegment prefix, boolean file, List<RecordBatch> expected)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecoveryReport report;
        try (Recovery r = Recovery.of(prefix, what, IpcReadOptions.DEFAULT);
             RecordBatchStreamWriter w = file ? Ipc.newFile(out, r.schema(), IpcWriteOptions.DEFAULT)
                     : Ipc.newStream(out, r.schema(), IpcWriteOptions.DEFAULT)) {
            report = r.writeTo(w);
        }
        assertEquals(expected.size(), report.keptBatches(), () -> what);
        byte[] written = out.toByteArray();
        try (RecordBatchReader back = file ? Ipc.openFile(written) : Ipc.openStream(written)) {
            List<RecordBatch> read = back.readAll().batches();
            assertEquals(expected.size(), read.size(), () -> what + ": written");
            for (int b = 0; b < read.size(); b++) {
                int i = b;
                assertNull(ArrayEquality.compare(expected.get(i), read.get(i)), () -> what + ": written batch " + i);
            }
        }
    }
}
