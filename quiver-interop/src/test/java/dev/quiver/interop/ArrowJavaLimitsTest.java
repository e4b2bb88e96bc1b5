package dev.quiver.interop;

import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonFile;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.MetadataVersion;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exclusions of the interop matrix ({@link GoldCases#ARROW_JAVA_CANNOT}) are Arrow Java's own limits, not
 * hidden Quiver failures: for each excluded case, Arrow Java alone (reading the case's JSON with its JSON reader
 * and Arrow C++'s gold file or stream with its IPC reader) fails with the stated error; where Quiver's writing is
 * excluded too, Arrow Java's IPC reader fails on Quiver's file and stream the same way. Conversely every case not
 * excluded passes that Arrow-Java-only check on the gold file, so the check itself is not what fails.
 */
class ArrowJavaLimitsTest {
    @TempDir
    Path tmp;

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) sb.append(c.getMessage()).append(" | ");
        return sb.toString();
    }

    private static void assertFailsWith(String error, org.junit.jupiter.api.function.Executable check) {
        Throwable t = assertThrows(Throwable.class, check);
        assertTrue(messages(t).contains(error), () -> "expected Arrow Java to fail with '" + error + "', got: " + t);
    }

    @Test
    void everyExclusionNamesACaseThatExists() {
        Set<String> names = GoldCases.all().stream().map(GoldCases.Case::name).collect(Collectors.toSet());
        for (String excluded : GoldCases.ARROW_JAVA_CANNOT.keySet()) {
            assertTrue(names.contains(excluded), excluded + " is a gold case");
        }
    }

    @TestFactory
    List<DynamicTest> excludedCasesFailInArrowJavaItself() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldCases.Case c : GoldCases.all()) {
            GoldCases.Exclusion e = GoldCases.ARROW_JAVA_CANNOT.get(c.name());
            if (e == null) continue;
            tests.add(DynamicTest.dynamicTest(c + " Arrow C++ file, Arrow Java alone", () ->
                    assertFailsWith(e.arrowJavaError(), () -> ArrowJava.checkAgainstJson(c, c.file(), true, tmp))));
            tests.add(DynamicTest.dynamicTest(c + " Arrow C++ stream, Arrow Java alone", () ->
                    assertFailsWith(e.arrowJavaError(), () -> ArrowJava.checkAgainstJson(c, c.stream(), false, tmp))));
            if (e.directions().contains(GoldCases.Direction.QUIVER_WRITES)) {
                tests.add(DynamicTest.dynamicTest(c + " Quiver file, Arrow Java's IPC reader", () ->
                        assertFailsWith(e.ipcReaderError(), () -> readAll(writeWithQuiver(c, true), true))));
                tests.add(DynamicTest.dynamicTest(c + " Quiver stream, Arrow Java's IPC reader", () ->
                        assertFailsWith(e.ipcReaderError(), () -> readAll(writeWithQuiver(c, false), false))));
            }
        }
        return tests;
    }

    /**
     * nested_dictionary, written by Arrow Java: its JSON reader already loses the name of the dictionary-encoded
     * child of dictionary 1's list ("str_dict" in the JSON), so everything it writes of this case carries
     * {@code $data$} instead; Quiver, reading the same JSON, keeps the name.
     */
    @Test
    void arrowJavaLosesTheNameOfANestedDictionaryField() throws IOException {
        GoldCases.Case c = new GoldCases.Case("cpp-21.0.0", "nested_dictionary");
        JsonFile quiver = IntegrationJson.read(c.json());
        assertEquals(1, quiver.schema().field(0).dictionary().id());
        assertEquals("str_dict", quiver.schema().field(0).child(0).name());
        try (BufferAllocator allocator = new RootAllocator();
             ArrowJava.Json java = ArrowJava.readGoldJson(allocator, c, tmp)) {
            Field list = java.dictionaries().lookup(1).getVector().getField();
            assertEquals("$data$", list.getChildren().get(0).getName());
        }
    }

    /** Unions changed layout in metadata V5; Arrow Java will not write them as V4, so V4 is not exchanged for them. */
    @TestFactory
    List<DynamicTest> arrowJavaWritesNoUnionWithV4Metadata() {
        List<DynamicTest> tests = new ArrayList<>();
        IpcOption v4 = new IpcOption(false, MetadataVersion.V4);
        for (GoldCases.Case c : GoldCases.all()) {
            if (!GoldCases.hasUnion(c)) continue;
            for (boolean file : new boolean[] {true, false}) {
                tests.add(DynamicTest.dynamicTest(c + (file ? " file" : " stream"), () ->
                        assertFailsWith("Cannot write union with V4 metadata version, use V5 instead", () ->
                                ArrowJavaToQuiverTest.writeWithArrowJava(c, null, v4, file,
                                        tmp.resolve("v4" + (file ? ".arrow" : ".arrows")), tmp))));
            }
        }
        assertEquals(4, tests.size(), "the union cases of cpp-21.0.0 and 1.0.0-littleendian, file and stream");
        return tests;
    }

    @TestFactory
    List<DynamicTest> casesNotExcludedPassArrowJavasOwnCheck() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldCases.Case c : GoldCases.all()) {
            if (GoldCases.ARROW_JAVA_CANNOT.containsKey(c.name())) continue;
            tests.add(DynamicTest.dynamicTest(c + " Arrow C++ file", () -> ArrowJava.checkAgainstJson(c, c.file(), true, tmp)));
        }
        return tests;
    }

    private Path writeWithQuiver(GoldCases.Case c, boolean file) throws IOException {
        JsonFile gold = IntegrationJson.read(c.json());
        Path out = tmp.resolve(c.name() + (file ? ".arrow" : ".arrows"));
        QuiverToArrowJavaTest.writeWithQuiver(gold, out, IpcWriteOptions.DEFAULT, file);
        return out;
    }

    /** Arrow Java's IPC reader alone: the schema, then every batch. */
    private static void readAll(Path path, boolean file) throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            if (file) {
                try (FileChannel ch = FileChannel.open(path); ArrowFileReader r = new ArrowFileReader(ch, allocator)) {
                    load(r);
                }
            } else {
                try (InputStream in = Files.newInputStream(path); ArrowStreamReader r = new ArrowStreamReader(in, allocator)) {
                    load(r);
                }
            }
        }
    }

    private static void load(ArrowReader r) throws IOException {
        r.getVectorSchemaRoot();
        int n = 0;
        while (r.loadNextBatch()) n++;
        assertEquals(-1, n, "Arrow Java read every batch");
    }
}
