package dev.quiver.interop;

import dev.quiver.array.Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.StreamWriter;
import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonBatch;
import dev.quiver.json.JsonFile;
import dev.quiver.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Quiver writes, Arrow Java reads: each gold case is read from its JSON by Quiver, written by Quiver as an IPC
 * file and as a stream (uncompressed, LZ4_FRAME, ZSTD; 8- and 64-byte alignment), then read by Arrow Java 19,
 * and must equal Arrow Java's own reading of the same JSON: schema with its metadata, and every batch value by
 * value.
 */
class QuiverToArrowJavaTest {
    static final CompressionType[] CODECS = {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD};

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> goldCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : GoldCases.with(GoldCases.QUIVER_TO_ARROW_JAVA)) {
            for (CompressionType c : CODECS) {
                for (int alignment : new int[] {8, 64}) {
                    String label = name + " " + ArrowJava.codecName(c) + (alignment == 8 ? "" : " align64");
                    IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(c).withAlignment(alignment);
                    tests.add(DynamicTest.dynamicTest(label + " file", () -> check(name, options, true)));
                    tests.add(DynamicTest.dynamicTest(label + " stream", () -> check(name, options, false)));
                }
            }
        }
        return tests;
    }

    private void check(String name, IpcWriteOptions options, boolean file) throws IOException {
        JsonFile gold = IntegrationJson.read(TestData.gold(GoldCases.FOLDER, name, ".json.gz"));
        Path written = tmp.resolve(name + (file ? ".arrow" : ".arrows"));
        writeWithQuiver(gold, written, options, file);
        try (BufferAllocator allocator = new RootAllocator();
             ArrowJava.Json expected = ArrowJava.readGoldJson(allocator, name, tmp)) {
            if (file) {
                try (FileChannel ch = FileChannel.open(written, StandardOpenOption.READ);
                     ArrowFileReader reader = new ArrowFileReader(ch, allocator, ArrowJava.CODECS)) {
                    ArrowJava.assertSameAs(expected, reader);
                }
            } else {
                try (InputStream in = Files.newInputStream(written);
                     ArrowStreamReader reader = new ArrowStreamReader(in, allocator, ArrowJava.CODECS)) {
                    ArrowJava.assertSameAs(expected, reader);
                }
            }
        }
    }

    static void writeWithQuiver(JsonFile gold, Path path, IpcWriteOptions options, boolean file) throws IOException {
        try (StreamWriter w = file ? Ipc.newFile(path, gold.schema(), options)
                : Ipc.newStream(path, gold.schema(), options)) {
            for (JsonBatch b : gold.batches()) {
                List<Array> columns = b.columns().stream().map(Array::of).toList();
                w.write(new RecordBatch(gold.schema(), b.length(), columns, null, null, null));
            }
        }
    }

}
