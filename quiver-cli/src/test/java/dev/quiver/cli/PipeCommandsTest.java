package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.testing.TestData.GoldCase;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code quiver stream-to-file} and {@code quiver file-to-stream} on binary standard input and output: every gold
 * case converted both ways still VALIDATEs against its JSON; metadata survives; bad input exits 1.
 */
class PipeCommandsTest {
    @TempDir
    Path dir;

    static List<GoldCase> cases() {
        return TestData.goldCases();
    }

    private static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    private Path streamToFile(byte[] stream, String name) {
        Cli.Binary r = Cli.runBinary(stream, "stream-to-file");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
        assertArrayEquals(MAGIC, Arrays.copyOf(r.out(), 6), "starts with ARROW1");
        assertArrayEquals(MAGIC, Arrays.copyOfRange(r.out(), r.out().length - 6, r.out().length), "ends with ARROW1");
        try {
            return Files.write(dir.resolve(name), r.out());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path fileToStream(Path file, String name) throws IOException {
        Cli.Binary r = Cli.runBinary(new byte[0], "file-to-stream", file);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
        Path out = Files.write(dir.resolve(name), r.out());
        assertEquals(IpcFormat.STREAM, Samples.format(out));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void streamToFileKeepsEverything(GoldCase c) throws IOException {
        Path file = streamToFile(Files.readAllBytes(c.stream()), "x.arrow_file");
        IntegrationCommandTest.assertValid(file, c.json());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fileToStreamKeepsEverything(GoldCase c) throws IOException {
        Path stream = fileToStream(c.file(), "x.stream");
        IntegrationCommandTest.assertValid(stream, c.json());
        // and back again, through both pipes
        Path file = streamToFile(Files.readAllBytes(stream), "y.arrow_file");
        IntegrationCommandTest.assertValid(file, c.json());
    }

    @Test
    void schemaFieldAndBatchMetadataSurvive() throws IOException {
        Path stream = Samples.stream(dir, "s.arrows");
        Path file = streamToFile(Files.readAllBytes(stream), "s.arrow");
        ConvertCommandTest.Content expected = ConvertCommandTest.read(stream);
        assertEquals(java.util.Map.of("part", "one"), expected.batchMetadata().get(0));
        ConvertCommandTest.assertSameContent(expected, ConvertCommandTest.read(file));
        ConvertCommandTest.assertSameContent(expected, ConvertCommandTest.read(fileToStream(file, "t.arrows")));
    }

    /** A stream of two batches of one dictionary-encoded column: dictionary {@code first}, then {@code second}. */
    static byte[] dictionaryStream(boolean deltas, List<String> first, List<String> second) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RecordBatch a = RecordBatch.builder().add("d", dev.quiver.array.Arrow.dictionary(
                dev.quiver.array.Arrow.int8(0, 1, 0), dev.quiver.array.Arrow.utf8(first.toArray(String[]::new))))
                .build();
        RecordBatch b = RecordBatch.builder().add("d", dev.quiver.array.Arrow.dictionary(
                dev.quiver.array.Arrow.int8(2, 0), dev.quiver.array.Arrow.utf8(second.toArray(String[]::new))))
                .build();
        try (RecordBatchStreamWriter w = Ipc.newStream(bytes, a.schema(), IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(deltas))) {
            w.write(a);
            w.write(b);
        }
        return bytes.toByteArray();
    }

    /** Dictionary batch messages as "id full" / "id delta", in order. */
    private static List<String> dictionaryMessages(byte[] bytes, boolean file) {
        long start = file ? 8 : 0;
        long end = bytes.length;
        if (file) end = bytes.length - 10 - ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 10);
        List<String> out = new ArrayList<>();
        for (MessageSummary m : Samples.messages(bytes, start, end)) {
            if (m.message().header() instanceof MessageHeader.DictionaryBatchHeader d) {
                out.add(d.id() + (d.isDelta() ? " delta" : " full"));
            }
        }
        return out;
    }

    @Test
    void deltaDictionariesStayDeltasInFilesAndValuesSurviveBothWays() throws IOException {
        byte[] stream = dictionaryStream(true, List.of("a", "b"), List.of("a", "b", "c"));
        assertEquals(List.of("0 full", "0 delta"), dictionaryMessages(stream, false));
        Path in = Files.write(dir.resolve("in.arrows"), stream);
        ConvertCommandTest.Content expected = ConvertCommandTest.read(in);
        assertEquals(List.of(List.of(List.of("a", "b", "a")), List.of(List.of("c", "a"))), expected.columns());

        Path file = streamToFile(stream, "deltas.arrow");
        assertEquals(List.of("0 full", "0 delta"), dictionaryMessages(Files.readAllBytes(file), true));
        ConvertCommandTest.assertSameContent(expected, ConvertCommandTest.read(file));

        // the file's dictionary batches go into the stream as they are, where they are: the delta stays a delta
        Path back = fileToStream(file, "back.arrows");
        assertEquals(List.of("0 full", "0 delta"), dictionaryMessages(Files.readAllBytes(back), false));
        ConvertCommandTest.assertSameContent(expected, ConvertCommandTest.read(back));
    }

    @Test
    void aReplacedDictionaryCannotGoIntoAFile() throws IOException {
        byte[] stream = dictionaryStream(false, List.of("a", "b"), List.of("x", "y", "z"));
        assertEquals(List.of("0 full", "0 full"), dictionaryMessages(stream, false));
        Cli.Binary r = Cli.runBinary(stream, "stream-to-file");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("quiver: batch 1: the dictionary with id 0 (field 'd') changed and does not "
                + "start with the 2 values written before: the IPC file format allows delta dictionaries but no "
                + "replacement (use a stream)"), r.toString());
    }

    // ---- failures ----------------------------------------------------------------------------------

    @Test
    void truncatedOrEmptyInputExitsOne() throws IOException {
        byte[] stream = Files.readAllBytes(Samples.stream(dir, "s.arrows"));
        Cli.Binary cut = Cli.runBinary(Arrays.copyOf(stream, stream.length - 20), "stream-to-file");
        assertEquals(1, cut.exit(), cut.toString());
        assertTrue(cut.err().startsWith("quiver: unexpected end of input"), cut.toString());
        Cli.Binary empty = Cli.runBinary(new byte[0], "stream-to-file");
        assertEquals(1, empty.exit(), empty.toString());
        assertEquals("quiver: the input is empty (0 bytes), not an Arrow IPC stream (standard input, at byte 0)\n",
                empty.err());

        Path notAFile = Samples.stream(dir, "t.arrows");
        Cli.Binary wrong = Cli.runBinary(new byte[0], "file-to-stream", notAFile);
        assertEquals(1, wrong.exit(), wrong.toString());
        assertTrue(wrong.err().startsWith("quiver: "), wrong.toString());
        Path missing = dir.resolve("missing.arrow");
        Cli.Binary none = Cli.runBinary(new byte[0], "file-to-stream", missing);
        assertEquals(1, none.exit(), none.toString());
        assertEquals("quiver: " + missing + ": no such file\n", none.err());
    }

    @Test
    void usageErrors() {
        // IN and OUT are optional (standard input and output); a third argument is a usage error
        assertEquals(2, Cli.runBinary(new byte[0], "file-to-stream", "a", "b", "c").exit());
        assertEquals(2, Cli.runBinary(new byte[0], "stream-to-file", "a", "b", "c").exit());
        assertEquals(2, Cli.runBinary(new byte[0], "file-to-stream", "--bogus").exit());
    }
}
