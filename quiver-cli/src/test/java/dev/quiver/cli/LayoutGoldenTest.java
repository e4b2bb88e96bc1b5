package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code quiver inspect --layout} (and {@code --buffers}, {@code --metadata}, colour) against golden output files in
 * {@code src/test/resources/layout}: the demo's seed example as a stream and as a file, a ZSTD gold file with its
 * buffers' compression prefixes, a gold file with dictionaries, a stream in the legacy framing, a file cut inside a
 * body. Inputs go through standard input, so that their name is "standard input" whatever the machine; the width is
 * fixed ({@code --width 100}).
 *
 * <p>To regenerate the golden files after a deliberate change of the output, run
 * {@code ./mvnw -o test -pl quiver-cli -am -Dtest=LayoutGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dquiver.regenerateGolden=true}, then read the diff ({@code git diff quiver-cli/src/test/resources/layout}) before
 * committing it: the test then writes what the command prints instead of comparing.
 */
class LayoutGoldenTest {
    private static final Path DIR = Path.of("src", "test", "resources", "layout");

    static byte[] seedStream() throws IOException {
        List<RecordBatch> batches = DemoCommand.seedBatches();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, batches.getFirst().schema(), IpcWriteOptions.DEFAULT)) {
            for (RecordBatch b : batches) w.write(b);
        }
        return out.toByteArray();
    }

    static byte[] seedFile() throws IOException {
        List<RecordBatch> batches = DemoCommand.seedBatches();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchFileWriter w = Ipc.newFile(out, batches.getFirst().schema(), IpcWriteOptions.DEFAULT)) {
            for (RecordBatch b : batches) w.write(b);
        }
        return out.toByteArray();
    }

    private static void golden(String name, byte[] input, int exit, String... args) throws IOException {
        String[] all = new String[args.length + 2];
        all[0] = "inspect";
        all[1] = "-";
        System.arraycopy(args, 0, all, 2, args.length);
        Cli.Binary r = Cli.runBinary(input, (Object[]) all);
        assertEquals(exit, r.exit(), r.toString());
        String out = new String(r.out(), StandardCharsets.UTF_8);
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("quiver.regenerateGolden")) {
            Files.createDirectories(DIR);
            Files.writeString(file, out);
            return;
        }
        assertTrue(Files.isRegularFile(file), "golden file missing: " + file + " (see this test's class comment)");
        assertEquals(Files.readString(file), out, "inspect " + String.join(" ", args) + " differs from " + file
                + " (to regenerate it, see LayoutGoldenTest's class comment)");
    }

    @Test
    void seedStream100Columns() throws IOException {
        golden("seed-stream.txt", seedStream(), 0, "--layout", "--width", "100");
    }

    @Test
    void seedFileWithBuffers() throws IOException {
        golden("seed-file-buffers.txt", seedFile(), 0, "--buffers", "--width", "100");
    }

    @Test
    void narrowTerminalDropsTheMap() throws IOException {
        golden("seed-file-60-columns.txt", seedFile(), 0, "--layout", "--width", "60");
    }

    @Test
    void colourMarksEachKindOfPart() throws IOException {
        golden("seed-stream-color.txt", seedStream(), 0, "--layout", "--width", "100", "--color", "always");
    }

    @Test
    void metadataDecodesEveryFlatbuffer() throws IOException {
        golden("seed-file-metadata.txt", seedFile(), 0, "--metadata");
    }

    @Test
    void zstdBuffersShowTheirPrefixes() throws IOException {
        golden("zstd-buffers.txt", Files.readAllBytes(TestData.gold("2.0.0-compression", "zstd", ".arrow_file")), 0,
                "--buffers", "--width", "120");
    }

    @Test
    void dictionaries() throws IOException {
        golden("dictionary-file.txt", Files.readAllBytes(TestData.gold("cpp-21.0.0", "dictionary", ".arrow_file")), 0,
                "--layout", "--width", "100");
    }

    @Test
    void legacyFraming() throws IOException {
        List<RecordBatch> batches = DemoCommand.seedBatches();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, batches.getFirst().schema(),
                IpcWriteOptions.DEFAULT.withLegacyFraming(true))) {
            for (RecordBatch b : batches) w.write(b);
        }
        golden("legacy-stream.txt", out.toByteArray(), 0, "--layout", "--width", "100");
    }

    @Test
    void aFileCutInsideABodyShowsWhatCanBeRead() throws IOException {
        byte[] file = seedFile();
        golden("cut-file.txt", Arrays.copyOf(file, 420), 1, "--layout", "--width", "100");
    }
}
