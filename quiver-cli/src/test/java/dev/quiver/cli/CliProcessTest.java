package dev.quiver.cli;

import dev.quiver.io.SafeOutput;
import dev.quiver.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code quiver} command in a process of its own, where what matters belongs to the process: its umask,
 * its standard output as a pipe or a regular file reached through {@code /dev/stdout}, its standard input as a
 * pipe reached through {@code /dev/stdin} or {@code -}. Bytes and modes are checked.
 */
class CliProcessTest {
    @TempDir
    Path dir;

    private static List<String> quiver(Object... args) {
        String[] s = new String[args.length];
        for (int i = 0; i < args.length; i++) s[i] = String.valueOf(args[i]);
        return ChildProcess.command(Main.class.getName(), s);
    }

    private static ChildProcess.Result run(ProcessBuilder pb, byte[] stdin) {
        ChildProcess.Result r = ChildProcess.run(pb, stdin);
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private List<Path> temps() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(SafeOutput.TEMP_SUFFIX)).toList();
        }
    }

    @Test
    void newFilesFollowTheUmaskAndReplacedFilesKeepTheirMode() throws IOException {
        Path in = Samples.file(dir, "in.arrow");
        Path fresh = dir.resolve("fresh.arrow");
        Path kept = Files.write(dir.resolve("kept.arrows"), new byte[] {1});
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw----r--"));
        run(new ProcessBuilder(ChildProcess.inBash("umask 027; exec", quiver("convert", in, fresh))), new byte[0]);
        assertEquals("rw-r-----", mode(fresh), "0666 & ~027");
        run(new ProcessBuilder(ChildProcess.inBash("umask 077; exec", quiver("convert", in, kept))), new byte[0]);
        assertEquals("rw----r--", mode(kept), "the replaced file's mode, whatever the umask");
        ConvertCommandTest.assertSameContent(ConvertCommandTest.read(in), ConvertCommandTest.read(kept));
        assertEquals(List.of(), temps());
    }

    @Test
    void devStdoutIsWrittenThroughToAPipeAndToAFileWithoutReplacingIt() throws IOException {
        Path in = Samples.file(dir, "in.arrow");
        byte[] expected = Cli.runBinary(new byte[0], "convert", in, "-", "--to", "stream").out();
        ChildProcess.Result pipe = run(new ProcessBuilder(quiver("convert", in, "/dev/stdout", "--to", "stream")),
                new byte[0]);
        assertArrayEquals(expected, pipe.out(), "only the stream on standard output");
        ChildProcess.Result dash = run(new ProcessBuilder(quiver("convert", in, "-", "--to", "stream")), new byte[0]);
        assertArrayEquals(expected, dash.out());

        // standard output a regular file, as `quiver convert in /dev/stdout --to stream >> out` makes it
        Path out = Files.write(dir.resolve("out.arrows"), new byte[0]);
        Object inode = Files.readAttributes(out, BasicFileAttributes.class).fileKey();
        ProcessBuilder pb = new ProcessBuilder(quiver("convert", in, "/dev/stdout", "--to", "stream"))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        run(pb, new byte[0]);
        assertArrayEquals(expected, Files.readAllBytes(out));
        assertEquals(inode, Files.readAttributes(out, BasicFileAttributes.class).fileKey(), "written, not replaced");
        assertTrue(Files.isSymbolicLink(Path.of("/dev/stdout")), "/dev/stdout is still a link");
        assertEquals(List.of(), temps());
    }

    @Test
    void devStdinAndDashReadAPipe() throws IOException {
        Path file = Samples.file(dir, "s.arrow");
        Path stream = Samples.stream(dir, "s.arrows");
        // every reading command through /dev/stdin (a pipe here); inspect on a pipe once reported an empty stream
        for (var c : List.of(List.of("print", file), List.of("inspect", file), List.of("validate", stream),
                List.of("inspect", stream), List.of("inspect", stream, "-"))) {
            String command = (String) c.get(0);
            Path p = (Path) c.get(1);
            String arg = c.size() > 2 ? "-" : "/dev/stdin";
            String expected = Cli.run(command, p).out().replace(p.toString(), "NAME");
            ChildProcess.Result r = run(new ProcessBuilder(quiver(command, arg)), Files.readAllBytes(p));
            assertEquals(expected, r.outText().replace(arg.equals("-") ? "standard input" : arg, "NAME"),
                    command + " " + arg + " on " + p);
        }
    }

    @Test
    void aFullStandardOutputFailsTheCommand() throws IOException {
        Path in = Samples.file(dir, "in.arrow");
        ChildProcess.Result binary = ChildProcess.run(new ProcessBuilder(quiver("file-to-stream", in))
                .redirectOutput(new java.io.File("/dev/full")), new byte[0]);
        assertEquals(1, binary.exit(), binary.toString());
        assertEquals("quiver: standard output: No space left on device\n", binary.err());
        ChildProcess.Result text = ChildProcess.run(new ProcessBuilder(quiver("print", in))
                .redirectOutput(new java.io.File("/dev/full")), new byte[0]);
        assertEquals(1, text.exit(), text.toString());
        assertEquals("quiver: standard output: the output could not be written\n", text.err());
    }

    @Test
    void streamToFileBetweenRealPipesAndFromARedirectedFile() throws IOException {
        Path stream = Samples.stream(dir, "s.arrows");
        byte[] expected = Cli.runBinary(Files.readAllBytes(stream), "stream-to-file").out();
        ChildProcess.Result piped = run(new ProcessBuilder(quiver("stream-to-file")), Files.readAllBytes(stream));
        assertArrayEquals(expected, piped.out());
        // standard input a regular file (`quiver stream-to-file < s.arrows`), reached as /dev/stdin
        ChildProcess.Result redirected = run(new ProcessBuilder(quiver("stream-to-file", "/dev/stdin"))
                .redirectInput(stream.toFile()), new byte[0]);
        assertArrayEquals(expected, redirected.out());
    }
}
