package dev.quiver.cli;

import dev.quiver.cli.CliTestData.GoldCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return CliTestData.goldCases();
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
        assertEquals(IpcFormat.STREAM, IpcFormat.detect(out));
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

    // ---- failures ----------------------------------------------------------------------------------

    @Test
    void truncatedOrEmptyInputExitsOne() throws IOException {
        byte[] stream = Files.readAllBytes(Samples.stream(dir, "s.arrows"));
        Cli.Binary cut = Cli.runBinary(Arrays.copyOf(stream, stream.length - 20), "stream-to-file");
        assertEquals(1, cut.exit(), cut.toString());
        assertTrue(cut.err().startsWith("quiver: unexpected end of input"), cut.toString());
        Cli.Binary empty = Cli.runBinary(new byte[0], "stream-to-file");
        assertEquals(1, empty.exit(), empty.toString());
        assertTrue(empty.err().startsWith("quiver: the stream has no schema message"), empty.toString());

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
        assertEquals(2, Cli.runBinary(new byte[0], "file-to-stream").exit());
        assertEquals(2, Cli.runBinary(new byte[0], "stream-to-file", "extra").exit());
        assertEquals(2, Cli.runBinary(new byte[0], "file-to-stream", "a", "b").exit());
    }
}
