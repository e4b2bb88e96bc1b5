package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.memory.LE;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.Footer;
import dev.quiver.metadata.FooterCodec;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageCodec;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Malformed streams and files: each raises the documented exception with a message that says where, and
 * none allocates memory in proportion to a declared size rather than to the input.
 */
class NegativeInputTest {

    private static final List<RecordBatch> BATCHES = List.of(
            RecordBatch.builder().add("x", Arrow.int32(1, 2, 3)).add("y", Arrow.utf8("a", "b", null)).build(),
            RecordBatch.builder().add("x", Arrow.int32(4, null)).add("y", Arrow.utf8("d", "e")).build());

    static byte[] stream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, BATCHES.get(0).schema())) {
            w.writeAll(BATCHES);
        }
        return out.toByteArray();
    }

    static byte[] file() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchFileWriter w = Ipc.newFile(out, BATCHES.get(0).schema(), IpcWriteOptions.DEFAULT)) {
            w.writeAll(BATCHES);
        }
        return out.toByteArray();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static List<RecordBatch> readStreamFromMemory(byte[] bytes) throws IOException {
        try (RecordBatchStreamReader r = Ipc.openStream(bytes)) {
            List<RecordBatch> all = r.readAll().batches();
            all.forEach(RecordBatch::detach);
            return all;
        }
    }

    private static List<RecordBatch> readStreamFromInput(byte[] bytes) throws IOException {
        try (RecordBatchStreamReader r = Ipc.openStream(new ByteArrayInputStream(bytes))) {
            List<RecordBatch> all = r.readAll().batches();
            all.forEach(RecordBatch::detach);
            return all;
        }
    }

    private static List<RecordBatch> readFile(byte[] bytes) {
        try (RecordBatchFileReader r = Ipc.openFile(bytes)) {
            List<RecordBatch> all = r.readAll().batches();
            all.forEach(RecordBatch::detach);
            return all;
        }
    }

    /** Runs {@code e}, expects {@code type}, checks the message names a byte offset, and bounds allocation. */
    private static <T extends QuiverException> T expect(Class<T> type, long inputSize, Executable e, String... fragments) {
        long before = allocatedBytes();
        T ex = assertThrows(type, e);
        long allocated = allocatedBytes() - before;
        assertTrue(ex.getMessage().contains("at byte") || ex.offset() >= 0,
                "message should say where: " + ex.getMessage());
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message should contain '" + f + "': " + ex.getMessage());
        }
        // Nothing may allocate from a declared size: heap allocation stays within a small multiple of the input.
        // The first run of a code path also counts loading and linking its classes (3.7 MB when this test ran
        // alone), so a run over the bound counts only if a second run allocates as much (as quiver-fuzz does).
        long bound = (1 << 20) + 4 * inputSize;
        if (allocated >= bound) {
            before = allocatedBytes();
            assertThrows(type, e);
            allocated = allocatedBytes() - before;
        }
        assertTrue(allocated < bound, "allocated " + allocated + " bytes for an input of " + inputSize + " bytes");
        return ex;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static int int32(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static void putInt32(byte[] b, int at, int v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
    }

    /** Message boundaries of a stream (offsets where a message or the EOS marker starts, and the end). */
    private static List<Long> boundaries(byte[] stream) {
        List<Long> b = new ArrayList<>();
        Inspector.StreamLayout layout = Inspector.stream(MemorySegment.ofArray(stream));
        for (MessageSummary m : layout.messages()) b.add(m.offset());
        b.add(layout.endOfStream());
        b.add((long) stream.length);
        return b;
    }

    /** The stream with the first record batch's metadata replaced by {@code edit} of it. */
    private static byte[] editFirstBatch(byte[] stream, UnaryOperator<Message> edit) {
        Inspector.StreamLayout layout = Inspector.stream(MemorySegment.ofArray(stream));
        MessageSummary m = layout.messages().get(1);
        assertInstanceOf(RecordBatchHeader.class, m.message().header());
        byte[] meta = MessageCodec.encode(edit.apply(m.message()));
        int framed = (meta.length + 8 + 7) & ~7;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream, 0, (int) m.offset());
        ByteBuffer head = ByteBuffer.allocate(framed).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(-1).putInt(framed - 8).put(meta);
        out.write(head.array(), 0, framed);
        int bodyStart = (int) m.offset() + 8 + m.metadataLength();
        out.write(stream, bodyStart, stream.length - bodyStart);
        return out.toByteArray();
    }

    private static Message withHeader(Message m, RecordBatchHeader h) {
        return new Message(m.version(), h, m.bodyLength(), m.metadata());
    }

    // ---- the valid inputs read back -------------------------------------------------------------

    @Test
    void validInputsReadBack() throws IOException {
        for (List<RecordBatch> read : List.of(readStreamFromMemory(stream()), readStreamFromInput(stream()), readFile(file()))) {
            assertEquals(2, read.size());
            for (int i = 0; i < 2; i++) assertNull(ArrayEquality.compare(BATCHES.get(i), read.get(i)));
        }
    }

    // ---- truncation -----------------------------------------------------------------------------

    @Test
    void streamTruncatedAtEveryByte() throws IOException {
        byte[] full = stream();
        List<Long> cuts = boundaries(full);
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            for (boolean memory : new boolean[] {true, false}) {
                try {
                    List<RecordBatch> read = memory ? readStreamFromMemory(cut) : readStreamFromInput(cut);
                    // Only a cut at a message boundary reads cleanly, as a shorter stream (no end-of-stream marker).
                    assertTrue(cuts.contains((long) n),
                            "truncation at " + n + " was read without error");
                    for (int i = 0; i < read.size(); i++) assertNull(ArrayEquality.compare(BATCHES.get(i), read.get(i)));
                } catch (QuiverException e) {
                    assertTrue(e.getMessage().contains("at byte"), "at " + n + ": " + e.getMessage());
                    assertTrue(e instanceof InvalidDataException, "at " + n + ": " + e);
                }
            }
        }
    }

    @Test
    void fileTruncatedAtEveryByte() throws IOException {
        byte[] full = file();
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            expect(InvalidDataException.class, n, () -> readFile(cut));
        }
    }

    @Test
    void truncatedFileOnDiskIsRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[] full = file();
        Path f = dir.resolve("t.arrow");
        Files.write(f, java.util.Arrays.copyOf(full, full.length - 3));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> Ipc.openFile(f).close());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("ARROW1"), e.getMessage());
    }

    // ---- framing --------------------------------------------------------------------------------

    @Test
    void badContinuationMarker() throws IOException {
        byte[] s = stream();
        s[0] = (byte) 0xFE; // 0xFFFFFFFE: not the marker; as a legacy length it is negative
        expect(InvalidDataException.class, s.length, () -> readStreamFromMemory(s), "negative metadata length", "at byte 0");
        byte[] t = stream();
        putInt32(t, 0, 0x7000_0000); // a legacy length of 1.8 GB
        expect(LimitExceededException.class, t.length, () -> readStreamFromInput(t), "metadata length");
    }

    @Test
    void metadataLengthPastTheEnd() throws IOException {
        byte[] s = stream();
        putInt32(s, 4, 1 << 20);
        expect(InvalidDataException.class, s.length, () -> readStreamFromMemory(s), "unexpected end of input", "at byte 8");
        expect(InvalidDataException.class, s.length, () -> readStreamFromInput(s), "unexpected end of input");
        putInt32(s, 4, -8);
        expect(InvalidDataException.class, s.length, () -> readStreamFromMemory(s), "negative metadata length");
    }

    // ---- record batch contents ------------------------------------------------------------------

    @Test
    void bufferRangeOutsideTheBody() throws IOException {
        byte[] s = editFirstBatch(stream(), m -> {
            RecordBatchHeader h = (RecordBatchHeader) m.header();
            long[] offsets = h.bufferOffsets().clone();
            offsets[1] = m.bodyLength() - 4; // values of x: 12 bytes cannot start 4 bytes before the end
            return withHeader(m, new RecordBatchHeader(h.length(), h.nodeLengths(), h.nodeNullCounts(), offsets,
                    h.bufferLengths(), h.compression(), h.variadicBufferCounts()));
        });
        expect(InvalidDataException.class, s.length, () -> readStreamFromMemory(s), "buffer 1", "field 'x'");
    }

    @Test
    void negativeAndHugeLengths() throws IOException {
        byte[] negNode = editFirstBatch(stream(), m -> {
            RecordBatchHeader h = (RecordBatchHeader) m.header();
            long[] lengths = h.nodeLengths().clone();
            lengths[0] = -3;
            return withHeader(m, new RecordBatchHeader(h.length(), lengths, h.nodeNullCounts(), h.bufferOffsets(),
                    h.bufferLengths(), h.compression(), h.variadicBufferCounts()));
        });
        expect(QuiverException.class, negNode.length, () -> readStreamFromMemory(negNode), "negative");

        byte[] hugeNode = editFirstBatch(stream(), m -> {
            RecordBatchHeader h = (RecordBatchHeader) m.header();
            long[] lengths = h.nodeLengths().clone();
            lengths[1] = 1L << 40;
            return withHeader(m, new RecordBatchHeader(1L << 40, lengths, h.nodeNullCounts(), h.bufferOffsets(),
                    h.bufferLengths(), h.compression(), h.variadicBufferCounts()));
        });
        expect(LimitExceededException.class, hugeNode.length, () -> readStreamFromMemory(hugeNode), "length");

        byte[] bigButShort = editFirstBatch(stream(), m -> {
            RecordBatchHeader h = (RecordBatchHeader) m.header();
            long[] lengths = h.nodeLengths().clone();
            lengths[0] = 1_000_000; // claims a million int32 values in a 12-byte buffer
            return withHeader(m, new RecordBatchHeader(1_000_000, lengths, h.nodeNullCounts(), h.bufferOffsets(),
                    h.bufferLengths(), h.compression(), h.variadicBufferCounts()));
        });
        expect(InvalidDataException.class, bigButShort.length, () -> readStreamFromMemory(bigButShort), "field 'x'");

        byte[] hugeBody = editFirstBatch(stream(), m -> new Message(m.version(), m.header(), 1L << 40, m.metadata()));
        expect(InvalidDataException.class, hugeBody.length, () -> readStreamFromInput(hugeBody), "message body");
        expect(InvalidDataException.class, hugeBody.length, () -> readStreamFromMemory(hugeBody), "message body");

        byte[] negBody = editFirstBatch(stream(), m -> new Message(m.version(), m.header(), -16, m.metadata()));
        expect(InvalidDataException.class, negBody.length, () -> readStreamFromMemory(negBody), "bodyLength is negative");
    }

    @Test
    void hugeBodyOnDiskDoesNotAllocate(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[] hugeBody = editFirstBatch(stream(), m -> new Message(m.version(), m.header(), 1L << 40, m.metadata()));
        Path f = dir.resolve("huge.arrows");
        Files.write(f, hugeBody);
        expect(InvalidDataException.class, hugeBody.length, () -> {
            try (RecordBatchStreamReader r = Ipc.openStream(f)) {
                r.readAll().batches();
            }
        }, "message body", f.toString());
    }

    // ---- file structure -------------------------------------------------------------------------

    @Test
    void wrongMagic() throws IOException {
        byte[] f = file();
        f[2] = 'X';
        expect(InvalidDataException.class, f.length, () -> readFile(f), "ARROW1", "at byte 0");
        byte[] g = file();
        g[g.length - 1] = '2';
        expect(InvalidDataException.class, g.length, () -> readFile(g), "ARROW1", "at byte " + (g.length - 6));
    }

    @Test
    void footerOffsetOutsideTheFile() throws IOException {
        byte[] f = file();
        putInt32(f, f.length - 10, f.length);
        expect(InvalidDataException.class, f.length, () -> readFile(f), "footer length");
        putInt32(f, f.length - 10, -1);
        expect(InvalidDataException.class, f.length, () -> readFile(f), "footer length");
    }

    @Test
    void blockOutsideTheFile() throws IOException {
        byte[] f = file();
        int footerLength = int32(f, f.length - 10);
        int footerOffset = f.length - 10 - footerLength;
        Footer footer = FooterCodec.decode(MemorySegment.ofArray(f).asSlice(footerOffset, footerLength), "file", footerOffset);
        // Negative numbers are rejected with the footer, when the file opens.
        for (Block bad : List.of(new Block(-8, 200, 24), new Block(8, -1, 0), new Block(8, 200, -5))) {
            byte[] g = withBlock(f, footer, footerOffset, bad);
            expect(InvalidDataException.class, g.length, () -> Ipc.openFile(g).close(), "negative");
        }
        // Blocks that point outside the data section are rejected when the batch is read; the others still read.
        for (Block bad : List.of(new Block(1L << 40, 200, 24), new Block(8, 200, 1L << 50),
                new Block(footerOffset - 8, 16, 64), new Block(8, 4, 0))) {
            byte[] g = withBlock(f, footer, footerOffset, bad);
            try (RecordBatchFileReader r = Ipc.openFile(g)) {
                assertNull(ArrayEquality.compare(BATCHES.get(0), r.recordBatch(0)), "batch 0 is still readable");
                expect(InvalidDataException.class, g.length, () -> r.recordBatch(1), "record batch 1");
            }
        }
    }

    private static byte[] withBlock(byte[] f, Footer footer, int footerOffset, Block bad) {
        List<Block> blocks = new ArrayList<>(footer.recordBatches());
        blocks.set(1, bad);
        byte[] newFooter = FooterCodec.encode(new Footer(footer.version(), footer.schema(), footer.dictionaries(),
                blocks, footer.metadata()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(f, 0, footerOffset);
        out.writeBytes(newFooter);
        ByteBuffer tail = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        tail.putInt(newFooter.length).put("ARROW1".getBytes());
        out.writeBytes(tail.array());
        return out.toByteArray();
    }

    @Test
    void schemaOnlyStreamAndEmptyInput() throws IOException {
        expect(InvalidDataException.class, 0, () -> readStreamFromMemory(new byte[0]), "the input is empty");
        byte[] eosOnly = {-1, -1, -1, -1, 0, 0, 0, 0};
        expect(InvalidDataException.class, 8, () -> readStreamFromMemory(eosOnly), "no schema");
    }

    @Test
    void accessAfterCloseIsAnIllegalStateException() throws IOException {
        byte[] f = file();
        RecordBatch b;
        try (RecordBatchFileReader r = Ipc.openFile(f)) {
            b = r.recordBatch(0);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.column(0));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void mappedBatchStaysValidWhenDetached(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path p = dir.resolve("f.arrow");
        Files.write(p, file());
        RecordBatch kept;
        RecordBatch dropped;
        dev.quiver.array.Array droppedColumn;
        try (RecordBatchFileReader r = Ipc.openFile(p)) {
            kept = r.recordBatch(1).detach();
            dropped = r.recordBatch(0);
            droppedColumn = dropped.column(0);
        }
        assertNull(ArrayEquality.compare(BATCHES.get(1), kept));
        assertThrows(IllegalStateException.class, () -> dropped.column(0));
        // an array kept past its reader fails cleanly, not with a crash
        assertThrows(IllegalStateException.class, () -> droppedColumn.getObject(0));
    }

    @Test
    void mappedBatchKeptPastItsReaderFailsOnceUnmappedInTheBackground(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path p = dir.resolve("f.arrow");
        Files.write(p, file());
        dev.quiver.array.Array column;
        RecordBatch batch;
        try (RecordBatchFileReader r = Ipc.openFile(p, IpcReadOptions.DEFAULT.withBackgroundUnmap(true))) {
            batch = r.recordBatch(0);
            column = batch.column(0);
        }
        assertThrows(IllegalStateException.class, () -> batch.column(0), "the batch refuses at once");
        // the kept array reads the file's values until the unmapping thread has run, then refuses too
        Object expected = BATCHES.get(0).column(0).getObject(0);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Object v;
            try {
                v = column.getObject(0);
            } catch (IllegalStateException unmapped) {
                break;
            }
            assertEquals(expected, v, "before the unmapping, the file's value");
            assertTrue(System.nanoTime() < deadline, "unmapped within 30 s of the close");
            Thread.onSpinWait();
        }
    }

    @Test
    void fuzzyBytesNeverEscapeAsOtherExceptions() throws IOException {
        byte[] s = stream();
        byte[] f = file();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] input = (trial % 2 == 0 ? s : f).clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) input[rnd.nextInt(input.length)] = (byte) rnd.nextInt(256);
            try {
                if (trial % 2 == 0) readStreamFromMemory(input);
                else readFile(input);
            } catch (QuiverException expected) {
                // fine: a documented error
            } catch (RuntimeException e) {
                fail("trial " + trial + " raised " + e, e);
            }
        }
    }

    static int readAt(byte[] b, int at) {
        return MemorySegment.ofArray(b).get(LE.INT, at);
    }

    @Test
    void corruptLargeCompressedBufferIsReportedInOrderWhenDecompressingInParallel() throws IOException {
        int n = 100_000; // two int64 columns of 800 KB: decompressed on the pool
        Long[] a = new Long[n];
        Long[] b = new Long[n];
        for (int i = 0; i < n; i++) {
            a[i] = (long) (i % 1000);
            b[i] = (long) (i % 777);
        }
        RecordBatch batch = RecordBatch.builder().add("a", Arrow.int64(a)).add("b", Arrow.int64(b)).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchFileWriter w = Ipc.newFile(out, batch.schema(),
                IpcWriteOptions.DEFAULT.withCompression(dev.quiver.compress.CompressionType.ZSTD))) {
            w.write(batch);
        }
        byte[] bytes = out.toByteArray();
        MemorySegment seg = MemorySegment.ofArray(bytes);
        MessageSummary m = Inspector.stream(seg, 8, IpcLimits.DEFAULT).messages().get(1);
        RecordBatchHeader h = (RecordBatchHeader) m.message().header();
        long bodyStart = m.offset() + 8 + m.metadataLength();
        // buffers: a validity, a values, b validity, b values; both value buffers declare a wrong length
        for (int buffer : new int[] {3, 1}) {
            int at = (int) (bodyStart + h.bufferOffsets()[buffer]);
            seg.set(LE.LONG, at, seg.get(LE.LONG, at) - 8);
        }
        QuiverException e = assertThrows(QuiverException.class, () -> {
            try (RecordBatchFileReader r = Ipc.openFile(bytes)) {
                r.recordBatch(0);
            }
        });
        // the first damaged buffer in reading order (column a) is the one reported
        long frame = bodyStart + h.bufferOffsets()[1] + 8;
        assertTrue(e.getMessage().endsWith("exceeds the declared uncompressed length 799992 (file, at byte " + frame
                + ")"), e.getMessage());
    }
}
