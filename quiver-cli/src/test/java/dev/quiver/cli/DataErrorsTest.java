package dev.quiver.cli;

import dev.quiver.array.ArrayData;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.InvalidDataException;
import dev.quiver.ipc.HandWrittenStreams;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command that reads data reports a data problem as one line on standard error ({@code quiver: <what and
 * where>}) with exit status 1, never a stack trace; so does an unexpected runtime error (issue 8, defect 3).
 */
class DataErrorsTest {
    @TempDir
    Path dir;

    /** A stream whose delta dictionary makes the dictionary longer than an int (issue 8, defect 3). */
    private static byte[] overflowingDelta() {
        ArrayData max = new ArrayData(ArrowTypes.NULL, Integer.MAX_VALUE, 0, Integer.MAX_VALUE, new MemorySegment[0],
                null, null);
        ArrayData one = new ArrayData(ArrowTypes.NULL, 1, 0, 1, new MemorySegment[0], null, null);
        Field f = Field.nullable("d", ArrowTypes.NULL).withDictionary(DictionaryEncoding.of(0));
        return HandWrittenStreams.dictionaryThenDelta(Schema.of(f), max, one, List.of(Arrow.int32(0).data()));
    }

    /** A file whose utf8 column, named with a line break, holds invalid UTF-8. */
    private Path badUtf8File() throws IOException {
        Path p = dir.resolve("bad-utf8.arrow");
        RecordBatch b = RecordBatch.builder().add("line\nbreak", Arrow.utf8("okay", "MARKER")).build();
        try (RecordBatchFileWriter w = Ipc.newFile(p, b.schema(), IpcWriteOptions.DEFAULT)) {
            w.write(b);
        }
        byte[] bytes = Files.readAllBytes(p);
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        bytes[s.indexOf("MARKER")] = (byte) 0xFF;
        return Files.write(p, bytes);
    }

    private static void oneLine(Cli.Binary r, String... fragments) {
        assertEquals(Main.INVALID, r.exit(), r.toString());
        assertTrue(r.err().startsWith("quiver: "), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' not in:\n" + r);
    }

    @Test
    void everyCommandReportsAnOverflowingDeltaInOneLine() throws IOException {
        byte[] stream = overflowingDelta();
        Path file = Files.write(dir.resolve("delta.arrows"), stream);
        String expected = "delta dictionary batch for id 0: the concatenated array would hold 2147483648 values";
        oneLine(Cli.runBinary(stream, "stream-to-file"), expected, "field 'd'");
        oneLine(Cli.runBinary(new byte[0], "print", file), expected);
        oneLine(Cli.runBinary(new byte[0], "validate", file), expected);
        oneLine(Cli.runBinary(new byte[0], "validate", "--level", "basic", file), expected);
        oneLine(Cli.runBinary(new byte[0], "convert", file, dir.resolve("out.arrow")), expected);
        oneLine(Cli.runBinary(new byte[0], "integration", "--mode", "ARROW_TO_JSON", "--arrow", file, "--json",
                dir.resolve("out.json")), expected);
    }

    @Test
    void everyCommandReportsInvalidDataInOneLineEvenWhenTheFieldNameHasALineBreak() throws IOException {
        Path file = badUtf8File();
        String expected = "invalid UTF-8 in value 1 at byte 0 (byte 0xff)";
        oneLine(Cli.runBinary(new byte[0], "print", file), expected, "field 'line\\nbreak'");
        oneLine(Cli.runBinary(new byte[0], "validate", file), expected);
        oneLine(Cli.runBinary(new byte[0], "convert", file, dir.resolve("out.arrows")), expected);
        oneLine(Cli.runBinary(new byte[0], "integration", "--mode", "ARROW_TO_JSON", "--arrow", file, "--json",
                dir.resolve("out.json")), expected);
        oneLine(Cli.runBinary(Files.readAllBytes(file), "file-to-stream", file), expected);
    }

    @Test
    void inspectReportsWhatItFindsWithoutAStackTrace() throws IOException {
        for (Path p : new Path[] {Files.write(dir.resolve("delta.arrows"), overflowingDelta()), badUtf8File()}) {
            Cli.Binary r = Cli.runBinary(new byte[0], "inspect", p);
            assertEquals(0, r.exit(), r.toString()); // the messages themselves are well-formed
            assertEquals("", r.err(), r.toString());
            assertFalse(new String(r.out(), StandardCharsets.UTF_8).contains("\tat "), r.toString());
        }
    }

    @Test
    void anUnexpectedRuntimeErrorIsOneLineNamingItAsABug() {
        assertEquals("unexpected java.lang.ArithmeticException: integer overflow (a bug in Quiver: please report it "
                + "with the input; QUIVER_DEBUG=1 prints the stack trace)",
                Main.errorLine(new ArithmeticException("integer overflow")));
        assertEquals("unexpected java.lang.IllegalStateException: a\\nb (a bug in Quiver: please report it with the "
                + "input; QUIVER_DEBUG=1 prints the stack trace)", Main.errorLine(new IllegalStateException("a\nb")));
        assertEquals("bad \\n thing (field 'x\\ty')",
                Main.errorLine(new InvalidDataException("bad \n thing", null, -1, "x\ty")));
    }
}
