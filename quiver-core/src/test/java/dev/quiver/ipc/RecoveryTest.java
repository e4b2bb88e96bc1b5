package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecoveryReport.BatchPart;
import dev.quiver.ipc.RecoveryReport.DictionaryPart;
import dev.quiver.ipc.RecoveryReport.Part;
import dev.quiver.memory.LE;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.testing.TestData;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Endianness;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Recovery} on damaged inputs built for each case: a footer that is corrupt or missing, a file cut inside a
 * body, garbage between messages, damaged metadata and bodies, zeroed bytes, lost dictionaries with deltas and
 * replacements, and inputs from which nothing can be recovered. Every report is checked to cover the input.
 */
class RecoveryTest {
    private static final Field N = Field.nullable("n", ArrowTypes.INT32);
    private static final Field WORDS = Field.nullable("w", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0));
    private static final Schema PLAIN = Schema.of(N);
    private static final Schema WITH_WORDS = Schema.of(N, WORDS);
    private static final IpcWriteOptions DELTAS = IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true);

    private static RecordBatch plain(int from, int n) {
        Integer[] v = new Integer[n];
        for (int i = 0; i < n; i++) v[i] = from + i;
        return RecordBatch.of(PLAIN, List.of(Arrow.int32(v)));
    }

    private static RecordBatch words(int n, Integer[] indices, String... dictionary) {
        Integer[] v = new Integer[indices.length];
        Arrays.fill(v, n);
        return RecordBatch.of(WITH_WORDS, List.of(Arrow.int32(v), Arrow.dictionary(Arrow.int32(indices),
                Arrow.utf8(dictionary))));
    }

    /** Five batches of 3, 4, 5, 6, 7 rows. */
    private static List<RecordBatch> fivePlain() {
        List<RecordBatch> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) out.add(plain(i * 100, 3 + i));
        return out;
    }

    /**
     * A dictionary, a delta, a replacement and a delta, each before a batch that uses what it brought: messages
     * schema, d0 full [a b], batch, d0 delta [c], batch, d0 full [x y], batch, d0 delta [z], batch.
     */
    private static List<RecordBatch> replayed() {
        return List.of(words(0, new Integer[] {0, 1}, "a", "b"),
                words(1, new Integer[] {2, 0}, "a", "b", "c"),
                words(2, new Integer[] {1, 0}, "x", "y"),
                words(3, new Integer[] {2, 1}, "x", "y", "z"));
    }

    /** Deltas only, as a file can hold: d0 [a b], batch, delta [c], batch, delta [d], batch. */
    private static List<RecordBatch> growing() {
        return List.of(words(0, new Integer[] {0, 1}, "a", "b"),
                words(1, new Integer[] {2, 0}, "a", "b", "c"),
                words(2, new Integer[] {3, 2, 1}, "a", "b", "c", "d"));
    }

    private static byte[] write(Schema schema, List<RecordBatch> batches, boolean file, IpcWriteOptions options)
            throws IOException {
        return IpcNestedRoundTripTest.write(schema, batches, file, options);
    }

    /** A message of an intact input, with its absolute ranges. */
    record Msg(MessageSummary summary, long offset, long bodyOffset, long end) {
        MessageHeader header() { return summary.message().header(); }
    }

    private static List<Msg> messages(byte[] bytes, boolean file) {
        MemorySegment data = MemorySegment.ofArray(bytes);
        List<Msg> out = new ArrayList<>();
        for (MessageSummary m : Inspector.stream(data, file ? 8 : 0, IpcLimits.DEFAULT).messages()) {
            int prefix = data.get(LE.INT, m.offset()) == -1 ? 8 : 4;
            long body = m.offset() + prefix + m.metadataLength();
            out.add(new Msg(m, m.offset(), body, body + m.bodyLength()));
        }
        return out;
    }

    /** Overwrites the int32 at {@code slot} of buffer {@code buffer} of the body of {@code m}. */
    private static void poke(byte[] bytes, Msg m, int buffer, int slot, int value) {
        MessageHeader.RecordBatchHeader h = switch (m.header()) {
            case MessageHeader.RecordBatchHeader r -> r;
            case MessageHeader.DictionaryBatchHeader d -> d.data();
            default -> throw new AssertionError();
        };
        MemorySegment.ofArray(bytes).set(LE.INT, m.bodyOffset() + h.bufferOffsets()[buffer] + 4L * slot, value);
    }

    /** The recovery of {@code bytes}: its report (checked to cover the input) and its batches, detached. */
    record Recovered(RecoveryReport report, List<RecordBatch> batches) {
        Part part(int i) { return report.parts().get(i); }
    }

    private static Recovered recover(byte[] bytes) {
        try (Recovery r = Recovery.of(MemorySegment.ofArray(bytes), "damaged", IpcReadOptions.DEFAULT)) {
            List<RecordBatch> batches = new ArrayList<>();
            for (RecordBatch b : r) batches.add(b.detach());
            RecoveryReport report = r.report();
            RecoveryReportAssert.tiles(report);
            return new Recovered(report, batches);
        }
    }

    private static void assertSameBatches(List<RecordBatch> expected, List<RecordBatch> actual) {
        assertEquals(expected.size(), actual.size(), "batches");
        for (int i = 0; i < expected.size(); i++) {
            assertNull(ArrayEquality.compare(expected.get(i), actual.get(i)), "batch " + i);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static String kinds(RecoveryReport report) {
        StringBuilder sb = new StringBuilder();
        for (Part p : report.parts()) {
            sb.append(switch (p) {
                case RecoveryReport.MagicPart m -> "magic";
                case RecoveryReport.SchemaPart s -> "schema";
                case DictionaryPart d -> "d" + d.id() + (d.isDelta() ? "+" : ":") + d.values();
                case BatchPart b -> "b" + b.index();
                case RecoveryReport.EndOfStreamPart e -> "eos";
                case RecoveryReport.UnreadablePart u -> "?";
                case RecoveryReport.TrailingPart t -> "trailing";
                case RecoveryReport.FooterPart f -> "footer";
            }).append(p.kept() ? "" : "!").append(' ');
        }
        return sb.toString().trim();
    }

    // ---- files: footer ----------------------------------------------------------------------------

    @Test
    void aFileWithoutItsFooterKeepsEveryBatchAndDictionary() throws IOException {
        byte[] file = write(WITH_WORDS, growing(), true, IpcWriteOptions.DEFAULT);
        List<Msg> ms = messages(file, true);
        long eosEnd = Ipc.openFile(file).footerOffset();   // the footer starts right after the end-of-stream marker
        Recovered r = recover(Arrays.copyOf(file, (int) eosEnd));
        assertEquals("magic schema d0:2 b0 d0+1 b1 d0+1 b2 eos", kinds(r.report()));
        assertSameBatches(growing(), r.batches());
        assertTrue(r.report().footer().isEmpty());
        assertFalse(r.report().nothingLost(), "a file without its footer is damaged");
        assertEquals(0, r.report().lostBytes());
        assertEquals(ms.get(ms.size() - 1).end(), r.part(8).offset());
    }

    @Test
    void aCorruptFooterIsReportedAndEveryBatchKept() throws IOException {
        byte[] file = write(WITH_WORDS, growing(), true, IpcWriteOptions.DEFAULT);
        long footerAt;
        try (RecordBatchFileReader reader = Ipc.openFile(file)) {
            footerAt = reader.footerOffset();
        }
        byte[] damaged = file.clone();
        Arrays.fill(damaged, (int) footerAt, damaged.length - 10, (byte) 0x5A);   // the flatbuffer, not the trailer
        Recovered r = recover(damaged);
        assertEquals("magic schema d0:2 b0 d0+1 b1 d0+1 b2 eos footer!", kinds(r.report()));
        assertSameBatches(growing(), r.batches());
        Part footer = r.report().footer().orElseThrow();
        assertEquals(footerAt, footer.offset());
        assertEquals(damaged.length, footer.end());
        assertTrue(footer.lost().startsWith("the footer is unreadable: "), footer.lost());
        assertTrue(footer.lost().contains("(damaged, at byte "), footer.lost());

        // a footer length that does not fit
        damaged = file.clone();
        MemorySegment.ofArray(damaged).set(LE.INT, damaged.length - 10, 1 << 30);
        r = recover(damaged);
        assertSameBatches(growing(), r.batches());
        assertEquals("the footer is unreadable: footer length 1073741824 does not fit in a file of " + damaged.length
                + " bytes (damaged, at byte " + (damaged.length - 10) + ")", r.report().footer().orElseThrow().lost());
    }

    @Test
    void anIntactFileLosesNothingAndKeepsItsFooterMetadata() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchFileWriter w = Ipc.newFile(out, WITH_WORDS, IpcWriteOptions.DEFAULT)) {
            w.footerMetadata(java.util.Map.of("k", "v"));
            w.writeAll(growing());
        }
        try (Recovery r = Recovery.of(MemorySegment.ofArray(out.toByteArray()), "intact", IpcReadOptions.DEFAULT)) {
            assertEquals(java.util.Map.of("k", "v"), r.footerMetadata());
            assertSameBatches(growing(), r.readAll().batches());
            RecoveryReport report = r.report();
            assertTrue(report.nothingLost(), report.toString());
            RecoveryReport.FooterPart footer = report.footer().orElseThrow();
            assertEquals(3, footer.recordBatches());
            assertEquals(3, footer.dictionaries());
        }
    }

    @Test
    void aFileCutInsideABodyLosesThatBatchWithItsRowsAndRange() throws IOException {
        byte[] file = write(PLAIN, fivePlain(), true, IpcWriteOptions.DEFAULT);
        Msg third = messages(file, true).get(3);                     // schema, b0, b1, b2
        int cut = (int) third.bodyOffset() + 5;
        Recovered r = recover(Arrays.copyOf(file, cut));
        assertEquals("magic schema b0 b1 b2!", kinds(r.report()));
        assertSameBatches(fivePlain().subList(0, 2), r.batches());
        BatchPart lost = r.report().batches().get(2);
        assertEquals(third.offset(), lost.offset());
        assertEquals(cut, lost.end());
        assertEquals(5, lost.rows());
        assertEquals("unexpected end of input in message body: expected " + third.summary().bodyLength()
                + " bytes, found 5 (damaged, at byte " + third.bodyOffset() + ")", lost.lost());
        assertEquals(7, r.report().keptRows());
        assertEquals(5, r.report().lostRows());
        assertTrue(r.report().footer().isEmpty());
    }

    @Test
    void aFileWhoseSchemaMessageIsDamagedIsReadWithItsFootersSchema() throws IOException {
        byte[] file = write(WITH_WORDS, growing(), true, IpcWriteOptions.DEFAULT);
        Msg schema = messages(file, true).get(0);
        byte[] damaged = file.clone();
        Arrays.fill(damaged, (int) schema.offset() + 8, (int) schema.end(), (byte) 0x11);
        Recovered r = recover(damaged);
        assertEquals("magic ?! d0:2 b0 d0+1 b1 d0+1 b2 eos footer", kinds(r.report()));
        assertSameBatches(growing(), r.batches());
        assertTrue(r.part(1).lost().endsWith("; the footer's schema is used instead"), r.part(1).lost());
    }

    // ---- garbage and damage between and inside messages -----------------------------------------

    @Test
    void garbageBetweenMessagesOfAStreamIsSkipped() throws IOException {
        byte[] stream = write(PLAIN, fivePlain(), false, IpcWriteOptions.DEFAULT);
        Msg b2 = messages(stream, false).get(3);
        byte[] garbage = new byte[37];
        new java.util.Random(7).nextBytes(garbage);
        byte[] damaged = concat(Arrays.copyOf(stream, (int) b2.offset()), garbage,
                Arrays.copyOfRange(stream, (int) b2.offset(), stream.length));
        Recovered r = recover(damaged);
        assertEquals("schema b0 b1 ?! b2 b3 b4 eos", kinds(r.report()));
        assertEquals(b2.offset(), r.part(3).offset());
        assertEquals(37, r.part(3).length());
        assertSameBatches(fivePlain(), r.batches());
        assertEquals(37, r.report().lostBytes());
    }

    @Test
    void damagedMetadataLosesOnlyThatBatch() throws IOException {
        byte[] stream = write(PLAIN, fivePlain(), false, IpcWriteOptions.DEFAULT);
        Msg b1 = messages(stream, false).get(2);
        byte[] damaged = stream.clone();
        Arrays.fill(damaged, (int) b1.offset() + 8, (int) b1.bodyOffset(), (byte) 0x7F);
        Recovered r = recover(damaged);
        assertEquals("schema b0 ?! b1 b2 b3 eos", kinds(r.report()));   // indices count the batches found
        assertEquals(b1.offset(), r.part(2).offset());
        assertEquals(b1.end(), r.part(2).end());
        List<RecordBatch> expected = new ArrayList<>(fivePlain());
        expected.remove(1);
        assertSameBatches(expected, r.batches());
    }

    @Test
    void anInvalidBodyLosesThatBatchWithTheValidationError() throws IOException {
        byte[] stream = write(WITH_WORDS, growing(), false, DELTAS);
        Msg b1 = messages(stream, false).get(4);                    // schema, d0, b0, d0+, b1
        byte[] damaged = stream.clone();
        poke(damaged, b1, 3, 0, 99);                               // the first index of w
        Recovered r = recover(damaged);
        assertEquals("schema d0:2 b0 d0+1 b1! d0+1 b2 eos", kinds(r.report()));
        assertTrue(r.part(4).lost().contains("field 'w'"), r.part(4).lost());
        assertSameBatches(List.of(growing().get(0), growing().get(2)), r.batches());
    }

    @Test
    void aCorruptBodyLengthDoesNotSwallowTheMessagesAfterIt() throws IOException {
        byte[] stream = write(PLAIN, fivePlain(), false, IpcWriteOptions.DEFAULT);
        List<Msg> ms = messages(stream, false);
        Msg b1 = ms.get(2);
        byte[] damaged = stream.clone();
        // the metadata stays verifiable but declares a body running into b2: b1 still decodes (its buffers are
        // where they were), nothing is at its declared end, and b2 is found again from b1's metadata end
        MessageHeader.RecordBatchHeader h = (MessageHeader.RecordBatchHeader) b1.header();
        byte[] meta = Arrays.copyOfRange(stream, (int) b1.offset() + 8, (int) b1.bodyOffset());
        long declared = b1.summary().bodyLength();
        int at = indexOfLong(meta, declared);
        MemorySegment.ofArray(damaged).set(LE.LONG, b1.offset() + 8 + at, declared + 64);
        Recovered r = recover(damaged);
        assertEquals("schema b0 b1 b2 b3 b4 eos", kinds(r.report()));
        assertEquals(ms.get(3).offset(), r.part(2).end());
        assertSameBatches(fivePlain(), r.batches());
        assertEquals(h.length(), ((BatchPart) r.part(2)).rows());
    }

    private static int indexOfLong(byte[] bytes, long value) {
        MemorySegment s = MemorySegment.ofArray(bytes);
        for (int i = 0; i + 8 <= bytes.length; i++) if (s.get(LE.LONG, i) == value) return i;
        throw new AssertionError("not found: " + value);
    }

    @Test
    void zeroedBytesAtAMessageBoundaryAreNotTakenForTheEndOfTheStream() throws IOException {
        byte[] stream = write(PLAIN, fivePlain(), false, IpcWriteOptions.DEFAULT);
        Msg b1 = messages(stream, false).get(2);
        byte[] damaged = stream.clone();
        Arrays.fill(damaged, (int) b1.offset(), (int) b1.end(), (byte) 0);
        Recovered r = recover(damaged);
        assertEquals("schema b0 ?! b1 b2 b3 eos", kinds(r.report()));
        assertTrue(r.part(2).lost().startsWith("an end-of-stream marker (4 bytes) before more messages"),
                r.part(2).lost());
        assertEquals(400, r.batches().get(3).column(0).getObject(0));
    }

    @Test
    void garbageBeforeTheSchemaOfAStreamIsSkipped() throws IOException {
        byte[] stream = write(PLAIN, fivePlain(), false, IpcWriteOptions.DEFAULT);
        Recovered r = recover(concat("not arrow at all".getBytes(), stream));
        assertEquals("?! schema b0 b1 b2 b3 b4 eos", kinds(r.report()));
        assertSameBatches(fivePlain(), r.batches());
    }

    @Test
    void bytesAfterTheEndOfAStreamAreIgnoredAsReadersDo() throws IOException {
        byte[] stream = write(PLAIN, fivePlain(), false, IpcWriteOptions.DEFAULT);
        Recovered r = recover(concat(stream, stream));
        assertEquals("schema b0 b1 b2 b3 b4 eos trailing", kinds(r.report()));
        assertTrue(r.report().nothingLost());
        assertSameBatches(fivePlain(), r.batches());
    }

    @Test
    void legacyFramingIsReadUpToItsFirstDamage() throws IOException {
        IpcWriteOptions legacy = IpcWriteOptions.DEFAULT.withLegacyFraming(true);
        byte[] stream = write(PLAIN, fivePlain(), false, legacy);
        List<Msg> ms = messages(stream, false);
        Recovered cut = recover(Arrays.copyOf(stream, (int) ms.get(4).bodyOffset()));
        assertEquals("schema b0 b1 b2 b3!", kinds(cut.report()));
        assertSameBatches(fivePlain().subList(0, 3), cut.batches());

        byte[] damaged = stream.clone();
        Arrays.fill(damaged, (int) ms.get(2).offset() + 4, (int) ms.get(2).bodyOffset(), (byte) 0x7F);
        Recovered r = recover(damaged);
        assertEquals("schema b0 ?!", kinds(r.report()), "no continuation markers to resynchronise on");
        assertEquals(stream.length, r.part(2).end());
    }

    @Test
    void bigEndianDataIsRecoveredInNativeOrder() throws IOException {
        byte[] stream = write(WITH_WORDS, growing(), false, DELTAS.withEndianness(Endianness.BIG));
        List<Msg> ms = messages(stream, false);
        Recovered r = recover(Arrays.copyOf(stream, (int) ms.get(6).end() - 1));
        assertEquals("schema d0:2 b0 d0+1 b1 d0+1 b2!", kinds(r.report()));
        assertSameBatches(growing().subList(0, 2), r.batches());
        assertEquals(Endianness.LITTLE, r.report().schema().endianness());
    }

    @Test
    void theSearchForTheNextMessageIsBoundedAndSaysWhenItStopped() throws IOException {
        byte[] stream = write(PLAIN, fivePlain(), false, IpcWriteOptions.DEFAULT);
        List<Msg> ms = messages(stream, false);
        byte[] damaged = stream.clone();
        Arrays.fill(damaged, (int) ms.get(1).offset() + 8, (int) ms.get(1).bodyOffset(), (byte) 0x7F);
        // with the default budget b1 is found again; with a budget smaller than one message's metadata, not
        assertEquals("schema ?! b0 b1 b2 b3 eos", kinds(recover(damaged).report()));
        try (dev.quiver.array.MemoryOwner owner = new dev.quiver.array.MemoryOwner(null)) {
            RecoveryScanner scanner = new RecoveryScanner(MemorySegment.ofArray(damaged), "damaged",
                    IpcReadOptions.DEFAULT, owner, 100);
            assertNull(scanner.next());
            RecoveryReport report = scanner.report();
            RecoveryReportAssert.tiles(report);
            assertEquals("schema ?!", kinds(report));
            assertTrue(report.parts().get(1).lost().endsWith("; the search for the next message stopped after "
                    + "examining the most bytes it may (64 MiB plus 8 per byte of input)"),
                    report.parts().get(1).lost());
        }
    }

    // ---- dictionaries -------------------------------------------------------------------------------

    @Test
    void deltasAndReplacementsAreReplayedInOrder() throws IOException {
        byte[] stream = write(WITH_WORDS, replayed(), false, DELTAS);
        Recovered r = recover(stream);
        assertEquals("schema d0:2 b0 d0+1 b1 d0:2 b2 d0+1 b3 eos", kinds(r.report()));
        assertSameBatches(replayed(), r.batches());
        assertEquals(List.of("z", "y"), List.of(r.batches().get(3).column(1).getObject(0),
                r.batches().get(3).column(1).getObject(1)));

        // written again as a stream, read back by the ordinary reader
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Recovery rec = Recovery.of(stream);
             RecordBatchStreamWriter w = Ipc.newStream(out, rec.schema(), DELTAS)) {
            rec.writeTo(w);
        }
        try (RecordBatchStreamReader back = Ipc.openStream(out.toByteArray())) {
            assertSameBatches(replayed(), back.readAll().batches());
        }
        // a file cannot hold the replacement: the writer says so
        try (Recovery rec = Recovery.of(stream);
             RecordBatchFileWriter w = Ipc.newFile(new ByteArrayOutputStream(), rec.schema(), DELTAS)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rec.writeTo(w));
            assertTrue(e.getMessage().contains("allows delta dictionaries but no replacement"), e.getMessage());
        }
    }

    @Test
    void aLostDeltaLosesTheBatchesThatNeedItUntilTheDictionaryIsReplaced() throws IOException {
        byte[] stream = write(WITH_WORDS, replayed(), false, DELTAS);
        List<Msg> ms = messages(stream, false);
        Msg delta = ms.get(3);
        byte[] damaged = stream.clone();
        poke(damaged, delta, 1, 1, 1 << 20);                       // its utf8 offsets run past the data
        Recovered r = recover(damaged);
        assertEquals("schema d0:2 b0 d0+1! b1! d0:2 b2 d0+1 b3 eos", kinds(r.report()));
        assertEquals("dictionary 0 is lost: the dictionary batch at bytes [" + delta.offset() + ", " + delta.end()
                + ") was lost", r.part(4).lost());
        List<RecordBatch> all = replayed();
        assertSameBatches(List.of(all.get(0), all.get(2), all.get(3)), r.batches());
        assertEquals(3, r.report().keptBatches());
        assertEquals(1, r.report().lostBatches());
        assertEquals(2, r.report().lostRows());
    }

    @Test
    void aLostReplacementLosesItsDeltasAndTheBatchesAfterIt() throws IOException {
        byte[] stream = write(WITH_WORDS, replayed(), false, DELTAS);
        Msg replacement = messages(stream, false).get(5);
        byte[] damaged = stream.clone();
        poke(damaged, replacement, 1, 1, 1 << 20);
        Recovered r = recover(damaged);
        assertEquals("schema d0:2 b0 d0+1 b1 d0:2! b2! d0+1! b3! eos", kinds(r.report()));
        assertTrue(r.part(7).lost().startsWith("a delta to dictionary 0, which is lost: the dictionary batch at "),
                r.part(7).lost());
        assertSameBatches(replayed().subList(0, 2), r.batches());
    }

    @Test
    void afterUnreadableBytesAStreamsDictionariesAreLostUntilReplaced() throws IOException {
        byte[] stream = write(WITH_WORDS, replayed(), false, DELTAS);
        List<Msg> ms = messages(stream, false);
        byte[] damaged = stream.clone();
        Msg b1 = ms.get(4);
        Arrays.fill(damaged, (int) b1.offset() + 8, (int) b1.bodyOffset(), (byte) 0x7F);  // b1 unreadable
        Recovered r = recover(damaged);
        // the bytes skipped might have replaced dictionary 0: b1 is gone, and nothing needing it is kept until the
        // replacement
        assertEquals("schema d0:2 b0 d0+1 ?! d0:2 b1 d0+1 b2 eos", kinds(r.report()));
        List<RecordBatch> all = replayed();
        assertSameBatches(List.of(all.get(0), all.get(2), all.get(3)), r.batches());

        // unreadable bytes right before a delta: the delta, and what follows until a replacement, is lost
        damaged = concat(Arrays.copyOf(stream, (int) ms.get(3).offset()), new byte[] {1, 2, 3},
                Arrays.copyOfRange(stream, (int) ms.get(3).offset(), stream.length));
        r = recover(damaged);
        assertEquals("schema d0:2 b0 ?! d0+1! b1! d0:2 b2 d0+1 b3 eos", kinds(r.report()));
        assertTrue(r.part(4).lost().startsWith("a delta to dictionary 0, which is lost: it may have been replaced "
                + "where bytes [" + ms.get(3).offset() + ", " + (ms.get(3).offset() + 3) + ") could not be read"),
                r.part(4).lost());
        assertSameBatches(List.of(all.get(0), all.get(2), all.get(3)), r.batches());
    }

    @Test
    void afterUnreadableBytesAFilesDictionariesStayButALaterDeltaIsLostUnlessTheFooterRulesItOut()
            throws IOException {
        byte[] file = write(WITH_WORDS, growing(), true, IpcWriteOptions.DEFAULT);
        List<Msg> ms = messages(file, true);     // schema d0 b0 d0+ b1 d0+ b2
        long footerAt = Ipc.openFile(file).footerOffset();
        byte[] damaged = file.clone();
        Msg b0 = ms.get(2);
        Arrays.fill(damaged, (int) b0.offset() + 8, (int) b0.bodyOffset(), (byte) 0x7F);

        // without the footer: a file only appends, so the dictionary read before the skipped bytes stays right,
        // but a delta after them cannot be trusted to follow on from it
        Recovered r = recover(Arrays.copyOf(damaged, (int) footerAt));
        assertEquals("magic schema d0:2 ?! d0+1! b0! d0+1! b1! eos", kinds(r.report()));
        assertTrue(r.part(4).lost().startsWith("a delta to dictionary 0 that cannot be applied: a delta to it may "
                + "have been lost where bytes [" + b0.offset() + ", " + ms.get(3).offset() + ") could not be read"),
                r.part(4).lost());
        assertTrue(r.part(5).lost().startsWith("dictionary 0 is lost: a delta to it may have been lost"),
                r.part(5).lost());
        assertTrue(r.batches().isEmpty());

        // with it: the footer lists no dictionary block in the bytes skipped, so the delta follows on
        r = recover(damaged);
        assertEquals("magic schema d0:2 ?! d0+1 b0 d0+1 b1 eos footer", kinds(r.report()));
        assertSameBatches(growing().subList(1, 3), r.batches());

        // bytes inserted before b1 (the footer's later blocks now point 5 bytes early): nothing is lost but them
        damaged = concat(Arrays.copyOf(file, (int) ms.get(4).offset()), new byte[5],
                Arrays.copyOfRange(file, (int) ms.get(4).offset(), file.length));
        r = recover(damaged);
        assertEquals("magic schema d0:2 b0 d0+1 ?! b1 d0+1 b2 eos footer", kinds(r.report()));
        assertSameBatches(growing(), r.batches());
    }

    @Test
    void aFilesDictionaryReplacementIsLost() throws IOException {
        // a stream's messages (with a replacement) behind a file's magic and without a footer
        byte[] stream = write(WITH_WORDS, replayed(), false, DELTAS);
        byte[] damaged = concat(new byte[] {'A', 'R', 'R', 'O', 'W', '1', 0, 0}, stream);
        Recovered r = recover(damaged);
        assertEquals("magic schema d0:2 b0 d0+1 b1 d0:2! b2! d0+1! b3! eos", kinds(r.report()));
        assertTrue(r.part(6).lost().startsWith("a replacement of dictionary 0: the file format allows only deltas"),
                r.part(6).lost());
        assertSameBatches(replayed().subList(0, 2), r.batches());
    }

    // ---- nothing to recover -----------------------------------------------------------------------

    @Test
    void withoutASchemaNothingCanBeRecovered() throws IOException {
        byte[] stream = write(PLAIN, fivePlain(), false, IpcWriteOptions.DEFAULT);
        Msg schema = messages(stream, false).get(0);
        byte[] damaged = stream.clone();
        Arrays.fill(damaged, 8, (int) schema.end(), (byte) 0x7F);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Recovery.of(MemorySegment.ofArray(damaged), "damaged", IpcReadOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("nothing can be recovered: no schema message can be read: "), e.getMessage());
        assertTrue(e.getMessage().contains("(damaged, at byte "), e.getMessage());

        e = assertThrows(InvalidDataException.class, () -> Recovery.of(new byte[0]));
        assertEquals("nothing can be recovered: no schema message can be read: unexpected end of input in message "
                + "prefix: expected 4 bytes, found 0 (input, at byte 0)", e.getMessage());

        byte[] file = write(PLAIN, fivePlain(), true, IpcWriteOptions.DEFAULT);
        e = assertThrows(InvalidDataException.class, () -> Recovery.of(Arrays.copyOf(file, 12)));
        assertEquals("nothing can be recovered: no schema message can be read and the footer is unreadable: "
                + "unexpected end of input in metadata length: expected 4 bytes, found 0 (input, at byte 12)",
                e.getMessage());
    }

    @Test
    void recoveringFromAPathMapsItAndBatchesNeedTheRecoveryOpen(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path p = dir.resolve("cut.arrow");
        byte[] file = write(PLAIN, fivePlain(), true, IpcWriteOptions.DEFAULT);
        Files.write(p, Arrays.copyOf(file, file.length - 3));
        try (Recovery r = Recovery.open(p)) {
            assertEquals(RecoveryReport.Format.FILE, r.format());
            assertSameBatches(fivePlain(), r.readAll().batches());
            assertNull(r.readNext());
            assertEquals(p.toString(), r.report().resource());
            assertEquals("the footer is unreadable: not an Arrow IPC file: expected magic ARROW1 at the end, found "
                    + java.util.HexFormat.of().formatHex(file, file.length - 9, file.length - 3) + " (" + p
                    + ", at byte " + (file.length - 9) + ")",
                    r.report().footer().orElseThrow().lost());
        }
        RecordBatch kept;
        try (Recovery r = Recovery.open(p)) {
            kept = r.readNext();
        }
        assertThrows(IllegalStateException.class, () -> kept.column(0));
    }

    @Test
    void aPipeIsReadToItsEndFirst(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        int made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
        org.junit.jupiter.api.Assumptions.assumeTrue(made == 0, "mkfifo is not available");
        byte[] stream = write(PLAIN, fivePlain(), false, IpcWriteOptions.DEFAULT);
        byte[] cut = Arrays.copyOf(stream, stream.length - 20);
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, cut);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        try (Recovery r = Recovery.open(fifo)) {
            assertSameBatches(fivePlain().subList(0, 4), r.readAll().batches());
            assertEquals(cut.length, r.report().size());
        } finally {
            writer.join(10_000);
        }
    }

    @Test
    void goldDictionaryFileWithoutFooterKeepsItsDictionaries() throws IOException {
        Path gold = TestData.gold("cpp-21.0.0", "nested_dictionary", ".arrow_file");
        byte[] file = Files.readAllBytes(gold);
        long footerAt;
        List<RecordBatch> expected;
        try (RecordBatchFileReader reader = Ipc.openFile(file)) {
            footerAt = reader.footerOffset();
            expected = reader.readAll().batches().stream().map(RecordBatch::detach).toList();
        }
        Recovered r = recover(Arrays.copyOf(file, (int) footerAt));
        assertSameBatches(expected, r.batches());
        assertEquals(0, r.report().lostBytes());
    }
}
