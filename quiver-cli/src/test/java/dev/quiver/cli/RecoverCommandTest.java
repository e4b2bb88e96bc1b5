package dev.quiver.cli;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.ipc.RecordBatchStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code quiver recover}: what it prints, what it writes, and when it writes nothing. */
class RecoverCommandTest {
    @TempDir
    Path dir;

    private static String row(String range, String part, String status) {
        return String.format("  %-20s  %-48s  %s", range, part, status);
    }

    /** Every file in the test directory, by name. */
    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFileCutInsideItsLastBatchIsSalvagedAsAFileWithAFreshFooter() throws IOException {
        byte[] bytes = Files.readAllBytes(Samples.file(dir, "f.arrow"));
        List<MessageSummary> ms = Samples.messages(bytes, 8, bytes.length);   // schema, b0, b1, then EOS
        long b1 = ms.get(2).offset();
        int cut = (int) (b1 + 8 + ms.get(2).metadataLength() + 3);
        Path in = Files.write(dir.resolve("cut.arrow"), Arrays.copyOf(bytes, cut));
        Path out = dir.resolve("saved.arrow");
        Cli r = Cli.run("recover", in, out);
        assertEquals(0, r.exit(), r.toString());
        long bodyAt = b1 + 8 + ms.get(2).metadataLength();
        List<String> expected = List.of(
                in + ": Arrow IPC file, " + String.format("%,d", cut) + " bytes",
                "  bytes                 part",
                row("[0..8)", "magic ARROW1", "kept"),
                row("[8.." + ms.get(1).offset() + ")", "schema", "kept"),
                row("[" + ms.get(1).offset() + ".." + b1 + ")", "record batch 0 (3 rows)", "kept"),
                row("[" + b1 + ".." + cut + ")", "record batch 1 (2 rows)", "lost: unexpected end of input in message "
                        + "body: expected " + ms.get(2).bodyLength() + " bytes, found 3 (" + in + ", at byte " + bodyAt
                        + ")"),
                "  footer: missing (the input ends before it)",
                "kept: 1 record batch (3 rows), 0 dictionary batches",
                "lost: 1 record batch (2 rows), " + (cut - b1) + " bytes in all",
                "wrote " + out + ": Arrow IPC file, 1 batch, 3 rows, " + String.format("%,d", Files.size(out))
                        + " bytes");
        assertEquals(expected, r.out().lines().toList());
        assertEquals("", r.err());
        ConvertCommandTest.Content saved = ConvertCommandTest.read(out);
        assertEquals(IpcFormat.FILE, Samples.format(out));
        ConvertCommandTest.Content original = ConvertCommandTest.read(Samples.file(dir, "g.arrow"));
        assertEquals(original.schema(), saved.schema());
        assertEquals(original.columns().subList(0, 1), saved.columns());
        assertEquals(original.batchMetadata().subList(0, 1), saved.batchMetadata());
    }

    @Test
    void garbageInAStreamIsSkippedAndTheSalvageWrittenAsAFileOnRequest() throws IOException {
        byte[] bytes = Files.readAllBytes(Samples.stream(dir, "s.arrows"));
        List<MessageSummary> ms = Samples.messages(bytes, 0, bytes.length);
        int at = (int) ms.get(2).offset();
        byte[] damaged = new byte[bytes.length + 11];
        System.arraycopy(bytes, 0, damaged, 0, at);
        Arrays.fill(damaged, at, at + 11, (byte) 'x');
        System.arraycopy(bytes, at, damaged, at + 11, bytes.length - at);
        Path in = Files.write(dir.resolve("damaged.arrows"), damaged);
        Path out = dir.resolve("saved.bin");
        Cli r = Cli.run("recover", in, out, "--to", "file");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        // "xxxx" read as a length (the framing of Arrow before 0.15)
        assertEquals(row("[" + at + ".." + (at + 11) + ")", "unreadable bytes", "lost: metadata length 2021161080 "
                + "exceeds the limit of 67108864 bytes (" + in + ", at byte " + at + ")"), lines.get(4), r.toString());
        assertEquals(row("[" + (at + 11) + ".." + (ms.get(2).offset() + 11 + 8 + ms.get(2).metadataLength()
                        + ms.get(2).bodyLength()) + ")", "record batch 1 (2 rows), found by scanning", "kept"),
                lines.get(5), r.toString());
        assertEquals("lost: 11 bytes in all", lines.get(lines.size() - 2));
        assertEquals(IpcFormat.FILE, Samples.format(out));
        ConvertCommandTest.assertSameContent(ConvertCommandTest.read(Samples.stream(dir, "t.arrows")),
                ConvertCommandTest.read(out));
    }

    @Test
    void anIntactFileLosesNothingAndAnArrowsNameGivesAStream() throws IOException {
        Path in = Samples.file(dir, "f.arrow");
        Path out = dir.resolve("out.arrows");
        Cli r = Cli.run("recover", in, out);
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(4).contains("record batches 0-1 (5 rows)"), r.toString());
        assertEquals("lost: nothing", lines.get(lines.size() - 2), r.toString());
        assertEquals(IpcFormat.STREAM, Samples.format(out));
        ConvertCommandTest.assertSameContent(ConvertCommandTest.read(in), ConvertCommandTest.read(out));
    }

    @Test
    void nothingRecoverableFailsAndWritesNothing() throws IOException {
        Path in = Files.write(dir.resolve("text.arrows"), "just some text, no Arrow at all".getBytes());
        Cli r = Cli.run("recover", in, dir.resolve("out.arrows"));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("quiver: nothing can be recovered: no schema message can be read: "), r.toString());
        assertTrue(r.err().contains("(" + in + ", at byte 0)"), r.toString());
        assertEquals("", r.out());
        assertEquals(List.of("text.arrows"), files());
    }

    @Test
    void aStreamReplacingItsDictionaryCannotBeSalvagedAsAFile() throws IOException {
        Path in = dir.resolve("replaced.arrows");
        RecordBatch first = words("a", "b");
        try (RecordBatchStreamWriter w = Ipc.newStream(in, first.schema(), IpcWriteOptions.DEFAULT)) {
            w.write(first);
            w.write(words("x", "y"));   // not an extension of [a, b]: written as a replacement
        }
        Path out = dir.resolve("out.arrow");
        Cli r = Cli.run("recover", in, out);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("quiver: the recovered batches cannot be written as a file ("), r.toString());
        assertTrue(r.err().contains("): use --to stream"), r.toString());
        assertFalse(Files.exists(out));
        Cli ok = Cli.run("recover", in, out, "--to", "stream");
        assertEquals(0, ok.exit(), ok.toString());
        ConvertCommandTest.assertSameContent(ConvertCommandTest.read(in), ConvertCommandTest.read(out));
    }

    private static RecordBatch words(String... dictionary) {
        return RecordBatch.builder().add("d", Arrow.dictionary(Arrow.int8(0, 1, 0), Arrow.utf8(dictionary))).build();
    }

    @Test
    void usageErrors() throws IOException {
        Path in = Samples.file(dir, "f.arrow");
        assertEquals(2, Cli.run("recover", in).exit());
        assertEquals(2, Cli.run("recover", in, dir.resolve("o"), "--to", "parquet").exit());
        Cli same = Cli.run("recover", in, in);
        assertEquals(2, same.exit(), same.toString());
        assertTrue(same.err().startsWith("IN and OUT are the same file"), same.toString());
    }
}
