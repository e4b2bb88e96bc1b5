package dev.quiver.cli;

import dev.quiver.ipc.MessageSummary;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {
    @TempDir
    Path dir;

    /**
     * The sample file with offset 1 of column y in batch 0 set to 3: offsets 0, 3, 1, 4 go backwards. The
     * first and last offsets still fit, so only full validation sees it.
     */
    private Path nonMonotonicOffsets() throws IOException {
        byte[] bytes = Files.readAllBytes(Samples.file(dir, "f.arrow"));
        int footer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 10);
        List<MessageSummary> messages = Samples.messages(bytes, 8, bytes.length - 10 - footer);
        MessageSummary batch0 = messages.get(1);
        var h = (MessageHeader.RecordBatchHeader) batch0.message().header();
        assertEquals(5, h.bufferCount()); // x: validity, values; y: validity, offsets, data
        long offsets = Samples.bufferStart(batch0, 3);
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, le.getInt((int) offsets));
        assertEquals(1, le.getInt((int) offsets + 4));
        le.putInt((int) offsets + 4, 3);
        return Files.write(dir.resolve("bad-offsets.arrow"), bytes);
    }

    @Test
    void fullValidationRejectsBackwardOffsets() throws IOException {
        Path bad = nonMonotonicOffsets();
        Cli r = Cli.run("validate", bad);
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("quiver: "), r.toString());
        assertTrue(r.err().contains("at byte"), r.toString());
        assertTrue(r.err().contains("field 'y'"), r.toString());
        Cli full = Cli.run("validate", bad, "--level", "full");
        assertEquals(r, full);
    }

    @Test
    void basicValidationOnlyChecksTheStructure() throws IOException {
        Cli r = Cli.run("validate", nonMonotonicOffsets(), "--level", "basic");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("valid: 2 batches, 5 rows\n", r.out());
    }

    @Test
    void truncatedFileIsInvalid() throws IOException {
        byte[] bytes = Files.readAllBytes(Samples.file(dir, "f.arrow"));
        Path cut = Files.write(dir.resolve("cut.arrow"), java.util.Arrays.copyOf(bytes, bytes.length - 1));
        Cli r = Cli.run("validate", cut);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("quiver: not an Arrow IPC file: expected magic ARROW1 at the end"), r.toString());
        assertTrue(r.err().contains("at byte " + (bytes.length - 7)), r.toString());
    }

    @Test
    void missingFileIsReported() {
        Cli r = Cli.run("validate", dir.resolve("nope.arrow"));
        assertEquals(1, r.exit(), r.toString());
        assertEquals("quiver: " + dir.resolve("nope.arrow") + ": no such file\n", r.err());
    }

    @Test
    void badLevelIsAUsageError() throws IOException {
        assertEquals(2, Cli.run("validate", Samples.file(dir, "f.arrow"), "--level", "paranoid").exit());
    }

    @Test
    void samplesAreValid() throws IOException {
        assertEquals("valid: 2 batches, 5 rows\n", Cli.run("validate", Samples.file(dir, "f.arrow")).out());
        assertEquals("valid: 2 batches, 5 rows\n", Cli.run("validate", Samples.stream(dir, "s.arrows")).out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"primitive.arrow_file", "primitive.stream", "nested.stream", "dictionary.arrow_file",
            "union.arrow_file", "map.stream", "binary_view.stream", "primitive_no_batches.arrow_file"})
    void goldFilesAreValid(String name) {
        int dot = name.indexOf('.');
        Path gold = TestData.gold("cpp-21.0.0", name.substring(0, dot), name.substring(dot));
        Cli r = Cli.run("validate", gold);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().matches("valid: \\d+ batches, \\d+ rows\n"), r.toString());
    }

    @Test
    void goldRowCountsAreCounted() {
        Cli r = Cli.run("validate", TestData.gold("cpp-21.0.0", "primitive", ".arrow_file"), "--level", "basic");
        assertEquals("valid: 2 batches, 37 rows\n", r.out()); // 17 + 20 in generated_primitive.json.gz
    }
}
