package dev.quiver.interop;

import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonFile;
import dev.quiver.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What Arrow Java 19 cannot read, stated by name: the {@code decimal32} and {@code decimal64} gold cases
 * (Decimal of bit width 32 and 64). Arrow Java rejects their schema with "Library only supports 128-bit and
 * 256-bit decimal values", on Arrow C++'s gold files exactly as on Quiver's, so they are left out of the
 * exchange tests and the refusal is pinned here: if a later Arrow Java reads them, this test says so.
 */
class ArrowJavaLimitsTest {
    static final String REFUSAL = "Library only supports 128-bit and 256-bit decimal values";

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> narrowDecimalsAreRefusedByArrowJava() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : GoldCases.UNSUPPORTED_BY_ARROW_JAVA) {
            tests.add(DynamicTest.dynamicTest(name + " Arrow C++ file", () ->
                    assertRefusedFile(TestData.gold(GoldCases.FOLDER, name, ".arrow_file"))));
            tests.add(DynamicTest.dynamicTest(name + " Arrow C++ stream", () ->
                    assertRefusedStream(TestData.gold(GoldCases.FOLDER, name, ".stream"))));
            tests.add(DynamicTest.dynamicTest(name + " Quiver file", () ->
                    assertRefusedFile(writeWithQuiver(name, true))));
            tests.add(DynamicTest.dynamicTest(name + " Quiver stream", () ->
                    assertRefusedStream(writeWithQuiver(name, false))));
        }
        return tests;
    }

    private Path writeWithQuiver(String name, boolean file) throws IOException {
        JsonFile gold = IntegrationJson.read(TestData.gold(GoldCases.FOLDER, name, ".json.gz"));
        Path out = tmp.resolve(name + (file ? ".arrow" : ".arrows"));
        QuiverToArrowJavaTest.writeWithQuiver(gold, out, IpcWriteOptions.DEFAULT, file);
        return out;
    }

    private static void assertRefusedFile(Path path) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
             FileChannel ch = FileChannel.open(path);
             ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
            assertRefused(reader);
        }
    }

    private static void assertRefusedStream(Path path) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
             InputStream in = Files.newInputStream(path);
             ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
            assertRefused(reader);
        }
    }

    private static void assertRefused(ArrowReader reader) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, reader::getVectorSchemaRoot);
        assertEquals(REFUSAL, e.getMessage());
    }
}
