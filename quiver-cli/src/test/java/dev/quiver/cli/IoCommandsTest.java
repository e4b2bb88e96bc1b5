package dev.quiver.cli;

import dev.quiver.io.SafeOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's input and output plumbing, in process: standard input ({@code -} or no path) and output
 * ({@code -}) for every command, named pipes both ways, symbolic links kept, inputs that are not Arrow IPC,
 * and one-line errors that name the path given.
 */
class IoCommandsTest {
    @TempDir
    Path dir;

    private Path file() throws IOException { return Samples.file(dir, "s.arrow"); }

    private Path stream() throws IOException { return Samples.stream(dir, "s.arrows"); }

    private static void ok(Cli.Binary r) {
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    private static String text(Cli.Binary r) {
        return new String(r.out(), StandardCharsets.UTF_8);
    }

    /** A single-line error message on standard error, exit 1. */
    private static String error(Cli.Binary r) {
        assertEquals(1, r.exit(), r.toString());
        assertEquals(0, r.out().length, r.toString());
        assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1, "one line: " + r);
        assertFalse(r.err().contains(SafeOutput.TEMP_SUFFIX), "never a temporary file: " + r);
        return r.err().strip();
    }

    private static List<Path> temps(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SafeOutput.TEMP_SUFFIX)).toList();
        }
    }

    // ---- standard input for every reading command -----------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"print", "inspect", "validate"})
    void readingCommandsTakeStandardInputAsDashOrNoPath(String command) throws IOException {
        for (Path p : List.of(file(), stream())) {
            byte[] bytes = Files.readAllBytes(p);
            String fromPath = text(Cli.runBinary(new byte[0], command, p)).replace(p.toString(), "NAME");
            Cli.Binary dash = Cli.runBinary(bytes, command, "-");
            ok(dash);
            assertEquals(fromPath, text(dash).replace("standard input", "NAME"), command + " - on " + p);
            Cli.Binary none = Cli.runBinary(bytes, command);
            ok(none);
            assertEquals(text(dash), text(none));
        }
    }

    @Test
    void pipeCommandsAndConvertTakeStandardInput() throws IOException {
        byte[] file = Files.readAllBytes(file());
        byte[] stream = Files.readAllBytes(stream());
        Cli.Binary f2s = Cli.runBinary(file, "file-to-stream");
        ok(f2s);
        assertArrayEquals(Cli.runBinary(new byte[0], "file-to-stream", file()).out(), f2s.out());
        assertArrayEquals(f2s.out(), Cli.runBinary(file, "file-to-stream", "-", "-").out());
        Cli.Binary s2f = Cli.runBinary(stream, "stream-to-file", "-");
        ok(s2f);
        assertArrayEquals(Cli.runBinary(new byte[0], "stream-to-file", stream()).out(), s2f.out());

        Path out = dir.resolve("from-stdin.arrow");
        Cli.Binary c = Cli.runBinary(stream, "convert", "-", out);
        ok(c);
        assertEquals("wrote " + out + ": Arrow IPC file, 2 batches, 5 rows, " + String.format("%,d", Files.size(out))
                + " bytes (from stream standard input)\n", text(c));
        ConvertCommandTest.assertSameContent(ConvertCommandTest.read(stream()), ConvertCommandTest.read(out));
    }

    @Test
    void integrationValidatesStandardInputAndReadsJsonFromIt() throws IOException {
        Path json = dir.resolve("s.json");
        ok(Cli.runBinary(new byte[0], "integration", "--mode", "ARROW_TO_JSON", "--arrow", file(), "--json", json));
        Cli.Binary v = Cli.runBinary(Files.readAllBytes(stream()), "integration", "--mode", "VALIDATE",
                "--arrow", "-", "--json", json);
        ok(v);
        assertEquals("equal: standard input matches " + json + " (2 batches, 5 rows)\n", text(v));
        Cli.Binary j = Cli.runBinary(Files.readAllBytes(json), "integration", "--mode", "VALIDATE",
                "--arrow", file(), "--json", "-");
        ok(j);
        Cli.Binary both = Cli.runBinary(new byte[0], "integration", "--mode", "VALIDATE", "--arrow", "-",
                "--json", "-");
        assertEquals(2, both.exit(), both.toString());
        assertTrue(both.err().startsWith("--arrow and --json cannot both be standard input"), both.toString());
    }

    // ---- standard output for every writing command --------------------------------------------------

    @Test
    void writingCommandsTakeStandardOutputAsDash() throws IOException {
        Path viaPath = dir.resolve("via-path.arrows");
        ok(Cli.runBinary(new byte[0], "convert", file(), viaPath, "--to", "stream"));
        Cli.Binary dash = Cli.runBinary(new byte[0], "convert", file(), "-", "--to", "stream");
        ok(dash);
        assertArrayEquals(Files.readAllBytes(viaPath), dash.out(), "only the stream on standard output");
        Cli.Binary keep = Cli.runBinary(new byte[0], "convert", file(), "-");
        ok(keep);
        assertArrayEquals("ARROW1".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(keep.out(), 6),
                "the input's format by default");

        Path json = dir.resolve("s.json");
        ok(Cli.runBinary(new byte[0], "integration", "--mode", "ARROW_TO_JSON", "--arrow", file(), "--json", json));
        Cli.Binary toJson = Cli.runBinary(new byte[0], "integration", "--mode", "ARROW_TO_JSON", "--arrow", file(),
                "--json", "-");
        ok(toJson);
        assertArrayEquals(Files.readAllBytes(json), toJson.out());
        Path arrow = dir.resolve("j.arrow");
        ok(Cli.runBinary(new byte[0], "integration", "--mode", "JSON_TO_ARROW", "--arrow", arrow, "--json", json));
        Cli.Binary toArrow = Cli.runBinary(new byte[0], "integration", "--mode", "JSON_TO_ARROW", "--arrow", "-",
                "--json", json);
        ok(toArrow);
        assertArrayEquals(Files.readAllBytes(arrow), toArrow.out());

        Path s2f = dir.resolve("s2f.arrow");
        ok(Cli.runBinary(new byte[0], "stream-to-file", stream(), s2f));
        assertArrayEquals(Cli.runBinary(Files.readAllBytes(stream()), "stream-to-file").out(), Files.readAllBytes(s2f));
        Path f2s = dir.resolve("f2s.arrows");
        ok(Cli.runBinary(new byte[0], "file-to-stream", file(), f2s));
        assertArrayEquals(Cli.runBinary(new byte[0], "file-to-stream", file()).out(), Files.readAllBytes(f2s));
        assertEquals(List.of(), temps(dir));
    }

    // ---- named pipes ----------------------------------------------------------------------------------

    private static void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo " + p);
    }

    /** A named pipe that a thread fills with {@code bytes} once a reader opens it. */
    private Path fifoWith(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        mkfifo(p);
        CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(p)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
        return p;
    }

    /** A named pipe that a thread drains once a writer opens it. */
    private CompletableFuture<byte[]> fifoReader(Path p) throws Exception {
        mkfifo(p);
        return dev.quiver.testing.ChildProcess.readInBackground(() -> Files.newInputStream(p));
    }

    @ParameterizedTest
    @ValueSource(strings = {"print", "inspect", "validate"})
    void readingCommandsReadNamedPipesOnce(String command) throws Exception {
        int i = 0;
        for (Path p : List.of(file(), stream())) {
            String expected = text(Cli.runBinary(new byte[0], command, p)).replace(p.toString(), "NAME");
            Path fifo = fifoWith("in" + i++ + ".fifo", Files.readAllBytes(p));
            Cli.Binary r = Cli.runBinary(new byte[0], command, fifo);
            ok(r);
            assertEquals(expected, text(r).replace(fifo.toString(), "NAME"), command + " on a pipe of " + p);
        }
    }

    @Test
    void inspectOnAnEmptyPipeIsAnEmptyInputNotAnEmptyStream() throws Exception {
        Path fifo = fifoWith("empty.fifo", new byte[0]);
        assertEquals("quiver: the input is empty (0 bytes), not an Arrow IPC stream or file (" + fifo
                + ", at byte 0)", error(Cli.runBinary(new byte[0], "inspect", fifo)));
    }

    @Test
    void pipeCommandsConvertAndIntegrationReadAndWriteNamedPipes() throws Exception {
        byte[] file = Files.readAllBytes(file());
        byte[] stream = Files.readAllBytes(stream());
        ok(Cli.runBinary(new byte[0], "file-to-stream", fifoWith("a.fifo", file)));
        ok(Cli.runBinary(new byte[0], "stream-to-file", fifoWith("b.fifo", stream)));

        CompletableFuture<byte[]> got = fifoReader(dir.resolve("out1.fifo"));
        Cli.Binary c = Cli.runBinary(new byte[0], "convert", fifoWith("c.fifo", file), dir.resolve("out1.fifo"),
                "--to", "stream");
        ok(c);
        assertEquals("", text(c), "nothing to say of an output written through");
        assertArrayEquals(Cli.runBinary(new byte[0], "convert", file(), "-", "--to", "stream").out(),
                got.get(10, TimeUnit.SECONDS));
        assertFalse(Files.isRegularFile(dir.resolve("out1.fifo")), "still a pipe");

        CompletableFuture<byte[]> s2f = fifoReader(dir.resolve("out2.fifo"));
        ok(Cli.runBinary(stream, "stream-to-file", "-", dir.resolve("out2.fifo")));
        assertArrayEquals(Cli.runBinary(stream, "stream-to-file").out(), s2f.get(10, TimeUnit.SECONDS));

        Path json = dir.resolve("s.json");
        ok(Cli.runBinary(new byte[0], "integration", "--mode", "ARROW_TO_JSON", "--arrow", file(), "--json", json));
        ok(Cli.runBinary(new byte[0], "integration", "--mode", "VALIDATE", "--arrow", fifoWith("d.fifo", stream),
                "--json", fifoWith("j.fifo", Files.readAllBytes(json))));
        assertEquals(List.of(), temps(dir));
    }

    // ---- links and permissions ------------------------------------------------------------------------

    @Test
    void aSymbolicLinkOutputStaysALinkAndTheModeOfTheReplacedFileIsKept() throws IOException {
        Path real = Files.write(dir.resolve("real.arrow"), new byte[] {1, 2, 3});
        Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(dir.resolve("link.arrow"), real.getFileName());
        ok(Cli.runBinary(new byte[0], "convert", stream(), link, "--to", "file"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(real)));
        ConvertCommandTest.assertSameContent(ConvertCommandTest.read(stream()), ConvertCommandTest.read(real));
        assertEquals(List.of(), temps(dir));
    }

    // ---- inputs that are not what the command expects ---------------------------------------------------

    @Test
    void inputsThatAreNotArrowSayWhatTheyAre() throws IOException {
        Path parquet = Files.write(dir.resolve("data.parquet"), new byte[] {'P', 'A', 'R', '1', 0x15, 4, 0, 0, 0, 0});
        String detail = "the input is a Parquet file (it starts with PAR1), not Arrow IPC: read it with a Parquet "
                + "reader (pyarrow.parquet, DuckDB)";
        for (String command : List.of("print", "inspect", "validate", "file-to-stream", "stream-to-file")) {
            assertEquals("quiver: " + detail + " (" + parquet + ", at byte 0)",
                    error(Cli.runBinary(new byte[0], command, parquet)), command);
        }
        assertEquals("quiver: " + detail + " (" + parquet + ", at byte 0)",
                error(Cli.runBinary(new byte[0], "convert", parquet, dir.resolve("x.arrow"))));
        assertFalse(Files.exists(dir.resolve("x.arrow")));
        assertEquals("quiver: " + detail + " (standard input, at byte 0)",
                error(Cli.runBinary(Files.readAllBytes(parquet), "print")));

        Path json = dir.resolve("s.json");
        ok(Cli.runBinary(new byte[0], "integration", "--mode", "ARROW_TO_JSON", "--arrow", file(), "--json", json));
        assertTrue(error(Cli.runBinary(new byte[0], "validate", json)).startsWith("quiver: the input is JSON text, "
                + "not Arrow IPC: Arrow's integration JSON is read with"));
        assertEquals("quiver: the input is empty (0 bytes), not an Arrow IPC stream or file (standard input, at byte 0)",
                error(Cli.runBinary(new byte[0], "print")));
    }

    @Test
    void aFileWhereAStreamIsExpectedAndTheReverse() throws IOException {
        assertEquals("quiver: the input is an Arrow IPC file (it starts with ARROW1), not a stream: open it with "
                + "Ipc.openFile or Ipc.open, or convert it with quiver file-to-stream (standard input, at byte 0)",
                error(Cli.runBinary(Files.readAllBytes(file()), "stream-to-file")));
        assertEquals("quiver: the input is an Arrow IPC stream (it starts with ffffffff), not a file: open it with "
                + "Ipc.openStream or Ipc.open, or convert it with quiver stream-to-file (" + stream() + ", at byte 0)",
                error(Cli.runBinary(new byte[0], "file-to-stream", stream())));
        assertEquals("quiver: the input is an Arrow IPC stream (it starts with ffffffff), not a file: open it with "
                + "Ipc.openStream or Ipc.open, or convert it with quiver stream-to-file (standard input, at byte 0)",
                error(Cli.runBinary(Files.readAllBytes(stream()), "file-to-stream", "-")));
    }

    // ---- errors name the path given, in one line --------------------------------------------------------

    @Test
    void missingFilesDirectoriesAndMissingOutputDirectoriesSaySoInOneLine() throws IOException {
        Path missing = dir.resolve("missing.arrow");
        for (String command : List.of("print", "inspect", "validate", "file-to-stream", "stream-to-file")) {
            assertEquals("quiver: " + missing + ": no such file", error(Cli.runBinary(new byte[0], command, missing)),
                    command);
            assertEquals("quiver: " + dir + ": is a directory", error(Cli.runBinary(new byte[0], command, dir)),
                    command);
        }
        assertEquals("quiver: " + missing + ": no such file",
                error(Cli.runBinary(new byte[0], "convert", missing, dir.resolve("o.arrow"))));
        assertEquals("quiver: " + missing + ": no such file", error(Cli.runBinary(new byte[0], "integration",
                "--mode", "VALIDATE", "--arrow", file(), "--json", missing)));
        assertEquals("quiver: " + dir + ": is a directory", error(Cli.runBinary(new byte[0], "integration",
                "--mode", "VALIDATE", "--arrow", file(), "--json", dir)));

        Path nowhere = Path.of(dir.toString(), "nowhere", "out.arrow");
        assertEquals("quiver: " + nowhere + ": the directory " + nowhere.getParent() + " does not exist",
                error(Cli.runBinary(new byte[0], "convert", file(), nowhere)));
        assertEquals("quiver: " + nowhere + ": the directory " + nowhere.getParent() + " does not exist",
                error(Cli.runBinary(Files.readAllBytes(stream()), "stream-to-file", "-", nowhere)));
        assertEquals("quiver: " + nowhere + ": the directory " + nowhere.getParent() + " does not exist",
                error(Cli.runBinary(new byte[0], "integration", "--mode", "ARROW_TO_JSON", "--arrow", file(),
                        "--json", nowhere)));
        assertEquals("quiver: " + dir + ": is a directory", error(Cli.runBinary(new byte[0], "convert", file(), dir)));
        assertFalse(Files.exists(dir.resolve("nowhere"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), temps(dir));
    }

    @Test
    void aFailedConvertLeavesTheOldOutputAndNoTemporaryFile() throws IOException {
        byte[] old = {9, 9, 9};
        Path out = Files.write(dir.resolve("out.arrow"), old);
        byte[] stream = Files.readAllBytes(stream());
        Path cut = Files.write(dir.resolve("cut.arrows"), java.util.Arrays.copyOf(stream, stream.length - 20));
        String err = error(Cli.runBinary(new byte[0], "convert", cut, out));
        assertTrue(err.startsWith("quiver: unexpected end of input") && err.contains(cut.toString()), err);
        assertArrayEquals(old, Files.readAllBytes(out));
        assertEquals(List.of(), temps(dir));
    }

    // ---- usage and help -----------------------------------------------------------------------------

    @Test
    void noArgumentsPrintsUsageOnStandardErrorAndExitsTwo() {
        Cli.Binary r = Cli.runBinary(new byte[0]);
        assertEquals(2, r.exit(), r.toString());
        assertEquals(0, r.out().length);
        assertTrue(r.err().startsWith("Usage: quiver"), r.toString());
    }

    @Test
    void everyCommandHasHelp() {
        List<String> names = new ArrayList<>(Main.commandLine(InputStream.nullInputStream(), OutputStream.nullOutputStream()).getSubcommands().keySet());
        assertTrue(names.containsAll(List.of("demo", "inspect", "print", "convert", "validate", "integration",
                "stream-to-file", "file-to-stream")), names.toString());
        for (String name : names) {
            for (String flag : List.of("--help", "-h")) {
                Cli.Binary r = Cli.runBinary(new byte[0], name, flag);
                assertEquals(0, r.exit(), name + " " + flag + ": " + r);
                assertTrue(text(r).contains("Usage: quiver " + name), name + " " + flag + ": " + text(r));
            }
        }
    }
}
