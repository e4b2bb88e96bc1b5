package dev.quiver.interop;

import dev.quiver.array.Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.json.JsonBatch;
import dev.quiver.json.JsonFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Quiver writes, Arrow Java reads: every gold case of every folder ({@link GoldCases#supported}: all but those
 * Arrow Java itself cannot handle, named in {@link GoldCases#ARROW_JAVA_CANNOT}) is read from its JSON by Quiver,
 * written by Quiver as an IPC file and as a stream (uncompressed, LZ4_FRAME, ZSTD; 8- and 64-byte alignment), then
 * read by Arrow Java 19, and must equal Arrow Java's own reading of the same JSON: schema with its metadata and
 * dictionary encodings, every batch value by value, every dictionary.
 */
class QuiverToArrowJavaTest {
    static final CompressionType[] CODECS = {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD};

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> goldCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldCases.Case gold : GoldCases.supported(GoldCases.Direction.QUIVER_WRITES)) {
            for (CompressionType c : CODECS) {
                for (int alignment : new int[] {8, 64}) {
                    String label = gold + " " + ArrowJava.codecName(c) + (alignment == 8 ? "" : " align64");
                    IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(c).withAlignment(alignment);
                    tests.add(DynamicTest.dynamicTest(label + " file", () -> check(gold, options, true)));
                    tests.add(DynamicTest.dynamicTest(label + " stream", () -> check(gold, options, false)));
                }
            }
        }
        return tests;
    }

    private void check(GoldCases.Case c, IpcWriteOptions options, boolean file) throws IOException {
        JsonFile gold = GoldCases.quiverJson(c);
        Path written = tmp.resolve(c.name() + (file ? ".arrow" : ".arrows"));
        writeWithQuiver(gold, written, options, file);
        ArrowJava.checkAgainstJson(c, written, file, tmp);
    }

    static void writeWithQuiver(JsonFile gold, Path path, IpcWriteOptions options, boolean file) throws IOException {
        try (RecordBatchStreamWriter w = file ? Ipc.newFile(path, gold.schema(), options)
                : Ipc.newStream(path, gold.schema(), options)) {
            for (JsonBatch b : gold.batches()) {
                List<Array> columns = b.columns().stream().map(Array::of).toList();
                w.write(new RecordBatch(gold.schema(), b.length(), columns, null, null, null));
            }
        }
    }

}
