package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectCommandTest {
    private static final Pattern FOOTER = Pattern.compile("footer: offset ([\\d,]+), length ([\\d,]+)");

    @TempDir
    Path dir;

    // ---- damaged inputs first ----------------------------------------------------------------------

    @Test
    void emptyInputIsInvalid() throws IOException {
        Path p = Files.write(dir.resolve("empty.arrows"), new byte[0]);
        Cli r = Cli.run("inspect", p);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("quiver: the input is empty"), r.toString());
        assertTrue(r.err().contains("at byte 0"), r.toString());
    }

    @Test
    void truncatedStreamShowsTheMessagesBeforeTheDamageThenFails() throws IOException {
        byte[] bytes = Files.readAllBytes(Samples.stream(dir, "s.arrows"));
        List<MessageSummary> all = Samples.messages(bytes, 0, bytes.length);
        MessageSummary second = all.get(2);
        long bodyStart = second.offset() + 8 + second.metadataLength();
        Path cut = Files.write(dir.resolve("cut.arrows"), Arrays.copyOf(bytes, (int) bodyStart + 3));

        Cli r = Cli.run("inspect", cut);

        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("Arrow IPC stream"), r.toString());
        assertEquals(1, count(r.out(), " Schema "), r.toString());
        assertEquals(1, count(r.out(), " RecordBatch "), r.toString()); // the first batch, intact
        assertTrue(r.out().contains("!! unexpected end of input in message body"), r.toString());
        assertEquals("quiver: unexpected end of input in message body: expected " + second.bodyLength()
                + " bytes, found 3 (" + cut + ", at byte " + bodyStart + ")", r.err().strip());
    }

    @Test
    void garbageMetadataLengthFailsWithItsOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(Samples.stream(dir, "s.arrows"));
        long at = Samples.messages(bytes, 0, bytes.length).get(1).offset();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) at + 4, -5);
        Path bad = Files.write(dir.resolve("bad.arrows"), bytes);

        Cli r = Cli.run("inspect", bad);

        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, count(r.out(), " Schema "), r.toString());
        assertEquals("quiver: negative metadata length -5 (" + bad + ", at byte " + (at + 4) + ")", r.err().strip());
    }

    @Test
    void damagedFooterStillShowsTheMessages() throws IOException {
        byte[] bytes = Files.readAllBytes(Samples.file(dir, "f.arrow"));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 10, 1 << 30);
        Path bad = Files.write(dir.resolve("bad.arrow"), bytes);

        Cli r = Cli.run("inspect", bad);

        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("Arrow IPC file"), r.toString());
        assertEquals(2, count(r.out(), " RecordBatch "), r.toString());
        assertTrue(r.out().contains("end of stream"), r.toString());
        assertTrue(r.out().contains("footer: length 1,073,741,824 (int32 at byte " + String.format("%,d", bytes.length - 10)),
                r.toString());
        assertTrue(r.err().startsWith("quiver: footer length 1073741824 does not fit"), r.toString());
        assertTrue(r.err().contains("at byte " + (bytes.length - 10)), r.toString());
    }

    @Test
    void streamWithoutEndMarkerIsFine() throws IOException {
        byte[] bytes = Files.readAllBytes(Samples.stream(dir, "s.arrows"));
        Path p = Files.write(dir.resolve("noeos.arrows"), Arrays.copyOf(bytes, bytes.length - 8));
        Cli r = Cli.run("inspect", p);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("no end-of-stream marker"), r.toString());
    }

    // ---- layouts -----------------------------------------------------------------------------------

    @Test
    void goldFileLayout() throws IOException {
        Path gold = TestData.gold("cpp-21.0.0", "primitive", ".arrow_file");
        long size = Files.size(gold);
        Cli r = Cli.run("inspect", gold);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith(gold + ": Arrow IPC file, " + String.format("%,d", size) + " bytes"), r.toString());
        assertTrue(r.out().contains("magic at byte 0: 41 52 52 4f 57 31 00 00"), r.toString());
        assertEquals(1, count(r.out(), " Schema "), r.toString());
        try (RecordBatchFileReader f = Ipc.openFile(gold)) {
            int batches = f.numRecordBatches();
            assertEquals(2, batches);
            assertEquals(batches, count(r.out(), " RecordBatch "), r.toString());
            assertEquals(batches, count(r.out(), "  ok"), r.toString()); // every block matches its message
            Matcher m = FOOTER.matcher(r.out());
            assertTrue(m.find(), r.toString());
            long offset = number(m.group(1));
            long length = number(m.group(2));
            assertEquals(size - 10 - length, offset);
            assertEquals(f.footerOffset(), offset);
            for (var b : f.footer().recordBatches()) {
                // the block's metaDataLength counts the 8-byte prefix; the message rows show the metadata without it
                assertTrue(r.out().contains(String.format("offset %,d, metadata %,d + 8-byte prefix = metaDataLength "
                        + "%,d, body %,d  ok", b.offset(), b.metaDataLength() - 8, b.metaDataLength(), b.bodyLength())),
                        r.toString());
            }
        }
        assertTrue(r.out().contains("end of stream (8-byte marker ffffffff 00000000)"), r.toString());
        assertEquals("", r.err());
    }

    @Test
    void goldStreamLayout() throws IOException {
        Path gold = TestData.gold("cpp-21.0.0", "primitive", ".stream");
        Cli r = Cli.run("inspect", gold);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Arrow IPC stream"), r.toString());
        int batches = 0;
        try (RecordBatchStreamReader s = Ipc.openStream(gold)) {
            for (RecordBatch b : s) {
                batches++;
                b.close();
            }
        }
        assertEquals(batches, count(r.out(), " RecordBatch "), r.toString());
        assertTrue(r.out().contains(String.format("%,d  end of stream", Files.size(gold) - 8)), r.toString());
    }

    @Test
    void dictionaryBatchesAreListedWithTheirIds() throws IOException {
        Path gold = TestData.gold("cpp-21.0.0", "dictionary", ".arrow_file");
        Cli r = Cli.run("inspect", gold);
        assertEquals(0, r.exit(), r.toString());
        try (RecordBatchFileReader f = Ipc.openFile(gold)) {
            assertEquals(f.numDictionaries(), count(r.out(), " DictionaryBatch "), r.toString());
            assertTrue(r.out().contains("dictionary blocks: " + f.numDictionaries()), r.toString());
        }
        assertTrue(r.out().contains("dictionary id 0"), r.toString());
    }

    @Test
    void compressionIsShownPerMessage() throws IOException {
        Path gold = TestData.gold("2.0.0-compression", "zstd", ".arrow_file");
        Cli r = Cli.run("inspect", gold);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.contains(" RecordBatch ") && l.contains(" zstd ")), r.toString());
    }

    static int count(String text, String needle) {
        return (int) text.lines().filter(l -> l.contains(needle)).count();
    }

    private static long number(String s) {
        return Long.parseLong(s.replace(",", ""));
    }
}
