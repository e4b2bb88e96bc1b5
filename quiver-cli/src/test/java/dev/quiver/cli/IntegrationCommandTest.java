package dev.quiver.cli;

import dev.quiver.testing.JsonMutation;
import dev.quiver.testing.TestData.GoldCase;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code quiver integration}, the archery-style driver, on every gold case of every folder (listed from disk, so a
 * new case is covered without editing this test): VALIDATE of the gold file and stream, JSON_TO_ARROW then VALIDATE,
 * ARROW_TO_JSON then JSON_TO_ARROW then VALIDATE; and its failures.
 */
class IntegrationCommandTest {
    @TempDir
    Path dir;

    static List<GoldCase> cases() {
        return TestData.goldCases();
    }

    static Cli validate(Path arrow, Path json) {
        return Cli.run("integration", "--mode", "VALIDATE", "--arrow", arrow, "--json", json);
    }

    static void assertValid(Path arrow, Path json) {
        Cli r = validate(arrow, json);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("equal: " + arrow + " matches " + json + " ("), r.toString());
        assertEquals("", r.err());
    }

    /** The listing misses nothing: every gold file belongs to a listed case, and each case has all three files. */
    @Test
    void everyGoldFileBelongsToAListedCase() throws IOException {
        List<GoldCase> cases = cases();
        Set<String> expected = new HashSet<>();
        for (GoldCase c : cases) {
            for (String suffix : new String[] {".json.gz", ".arrow_file", ".stream"}) {
                expected.add(c.folder() + "/generated_" + c.name() + suffix);
                assertTrue(Files.isRegularFile(TestData.root().resolve("integration").resolve(c.folder())
                        .resolve("generated_" + c.name() + suffix)), c + suffix);
            }
        }
        Set<String> found = new HashSet<>();
        for (String folder : TestData.FOLDERS) {
            try (Stream<Path> files = Files.list(TestData.root().resolve("integration").resolve(folder))) {
                files.forEach(p -> found.add(folder + "/" + p.getFileName()));
            }
        }
        assertEquals(expected, found);
        for (String folder : TestData.FOLDERS) {
            assertTrue(cases.stream().anyMatch(c -> c.folder().equals(folder)), "cases in " + folder);
        }
    }

    // ---- every gold case ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldFileEqualsItsJson(GoldCase c) {
        assertValid(c.file(), c.json());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldStreamEqualsItsJson(GoldCase c) {
        assertValid(c.stream(), c.json());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jsonToArrowThenValidate(GoldCase c) throws IOException {
        Path file = dir.resolve("out.arrow_file");
        Cli w = Cli.run("integration", "--mode", "JSON_TO_ARROW", "--arrow", file, "--json", c.json());
        assertEquals(0, w.exit(), w.toString());
        assertValid(file, c.json());

        Path stream = dir.resolve("out.stream");
        Cli s = Cli.run("integration", "--mode=JSON_TO_ARROW", "--arrow=" + stream, "--json=" + c.json(),
                "--format", "stream", "--compression", "zstd");
        assertEquals(0, s.exit(), s.toString());
        assertValid(stream, c.json());

        Path big = dir.resolve("big.arrow_file");
        Cli b = Cli.run("integration", "--mode", "JSON_TO_ARROW", "--arrow", big, "--json", c.json(),
                "--endianness", "big", "--compression", "lz4");
        assertEquals(0, b.exit(), b.toString());
        try (dev.quiver.ipc.RecordBatchFileReader r = dev.quiver.ipc.Ipc.openFile(big)) {
            assertEquals(dev.quiver.type.Endianness.BIG, r.footer().schema().endianness());
        }
        assertValid(big, c.json());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void arrowToJsonToArrowThenValidate(GoldCase c) {
        Path json = dir.resolve("from-file.json");
        Cli toJson = Cli.run("integration", "--mode", "ARROW_TO_JSON", "--arrow", c.file(), "--json", json);
        assertEquals(0, toJson.exit(), toJson.toString());
        assertValid(c.file(), json);
        Path file = dir.resolve("again.arrow_file");
        Cli toArrow = Cli.run("integration", "--mode", "JSON_TO_ARROW", "--arrow", file, "--json", json);
        assertEquals(0, toArrow.exit(), toArrow.toString());
        assertValid(file, c.json());

        // from the stream, to gzip-compressed JSON
        Path gz = dir.resolve("from-stream.json.gz");
        Cli fromStream = Cli.run("integration", "--mode", "ARROW_TO_JSON", "--arrow", c.stream(), "--json", gz);
        assertEquals(0, fromStream.exit(), fromStream.toString());
        assertValid(c.stream(), gz);
    }

    // ---- failures ----------------------------------------------------------------------------------

    private static String goldText(GoldCase c) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(c.json()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static GoldCase nested() {
        return new GoldCase("cpp-21.0.0", "nested");
    }

    @Test
    void aChangedValueFailsWithTheFirstDifference() throws IOException {
        JsonMutation.Mutated m = JsonMutation.incrementFirstValid(goldText(nested()), 1, "struct_nullable", "f1");
        Path json = Files.writeString(dir.resolve("mutated.json"), m.text());
        for (Path arrow : new Path[] {nested().file(), nested().stream()}) {
            Cli r = validate(arrow, json);
            assertEquals(1, r.exit(), r.toString());
            assertEquals("quiver: " + arrow + " does not match " + json + ": batch 1: struct_nullable.f1["
                    + m.index() + "]: expected " + m.newValue() + ", got " + m.oldValue() + "\n", r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void aChangedTopLevelValueNamesTheColumn() throws IOException {
        GoldCase primitive = new GoldCase("cpp-21.0.0", "primitive");
        JsonMutation.Mutated m = JsonMutation.incrementFirstValid(goldText(primitive), 0, "int32_nullable", null);
        Path json = Files.writeString(dir.resolve("mutated.json"), m.text());
        Cli r = validate(primitive.file(), json);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().endsWith(": batch 0: int32_nullable[" + m.index() + "]: expected " + m.newValue()
                + ", got " + m.oldValue() + "\n"), r.toString());
    }

    @Test
    void aSchemaDifferenceIsReported() throws IOException {
        Path json = Files.writeString(dir.resolve("renamed.json"),
                goldText(nested()).replace("\"struct_nullable\"", "\"struct_renamed\""));
        Cli r = validate(nested().file(), json);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().endsWith(": schema: field 'struct_renamed': name: expected \"struct_renamed\", got "
                + "\"struct_nullable\"\n"), r.toString());
    }

    @Test
    void rowAndBatchCountsAreCompared() {
        GoldCase primitive = new GoldCase("cpp-21.0.0", "primitive");
        GoldCase zeroLength = new GoldCase("cpp-21.0.0", "primitive_zerolength");
        Cli rows = validate(primitive.stream(), zeroLength.json());
        assertEquals(1, rows.exit(), rows.toString());
        assertTrue(rows.err().endsWith(": batch 0: row count: expected 0, got 17\n"), rows.toString());
        GoldCase noBatches = new GoldCase("cpp-21.0.0", "primitive_no_batches");
        Cli batches = validate(noBatches.file(), primitive.json());
        assertEquals(1, batches.exit(), batches.toString());
        assertTrue(batches.err().endsWith(": number of record batches: expected 2, got 0\n"), batches.toString());
    }

    @Test
    void gzipIsToldByItsMagicNotItsName() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(goldText(nested()).getBytes(StandardCharsets.UTF_8));
        }
        Path json = Files.write(dir.resolve("gold.data"), gz.toByteArray());
        assertValid(nested().file(), json);
        Path plain = Files.writeString(dir.resolve("plain.json"), goldText(nested()));
        assertValid(nested().stream(), plain);
    }

    @Test
    void arrowToJsonKeepsAGrowingDictionaryWhole() throws IOException {
        Path stream = Files.write(dir.resolve("deltas.arrows"),
                PipeCommandsTest.dictionaryStream(true, List.of("a", "b"), List.of("a", "b", "c")));
        Path json = dir.resolve("deltas.json");
        Cli r = Cli.run("integration", "--mode", "ARROW_TO_JSON", "--arrow", stream, "--json", json);
        assertEquals(0, r.exit(), r.toString());
        assertValid(stream, json);
        assertTrue(Files.readString(json).contains("\"DATA\": [\n              \"a\",\n              \"b\",\n"
                + "              \"c\"\n"), "one dictionary, a b c");
    }

    @Test
    void arrowToJsonRefusesAReplacedDictionary() throws IOException {
        Path stream = Files.write(dir.resolve("replaced.arrows"),
                PipeCommandsTest.dictionaryStream(false, List.of("a", "b"), List.of("x", "y", "z")));
        Path json = dir.resolve("replaced.json");
        Cli r = Cli.run("integration", "--mode", "ARROW_TO_JSON", "--arrow", stream, "--json", json);
        assertEquals(1, r.exit(), r.toString());
        assertEquals("quiver: batch 1 replaces dictionary id 0; integration JSON holds one dictionary per id ("
                + stream + ", field 'd')\n", r.err());
        assertFalse(Files.exists(json));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    /** The argument style archery uses for Arrow C++'s arrow-json-integration-test. */
    @Test
    void archeryStyleArguments() {
        Cli r = Cli.run("integration", "--integration", "--arrow=" + nested().file(), "--json=" + nested().json(),
                "--mode=VALIDATE");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("equal: "), r.toString());
    }

    @Test
    void usageErrors() {
        Cli none = Cli.run("integration");
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().startsWith("Missing required options: '--mode="), none.toString());
        Cli noJson = Cli.run("integration", "--mode", "VALIDATE", "--arrow", "x.arrow");
        assertEquals(2, noJson.exit(), noJson.toString());
        assertTrue(noJson.err().startsWith("Missing required option: '--json=JSON'"), noJson.toString());
        assertEquals(2, Cli.run("integration", "--mode", "COMPARE", "--arrow", "a", "--json", "j").exit());
        assertEquals(2, Cli.run("integration", "--mode", "JSON_TO_ARROW", "--arrow", "a", "--json", "j",
                "--format", "parquet").exit());
    }

    @Test
    void missingOrInvalidInputsExitOne() throws IOException {
        Path missing = dir.resolve("missing.json");
        Cli r = validate(nested().file(), missing);
        assertEquals(1, r.exit(), r.toString());
        assertEquals("quiver: " + missing + ": no such file\n", r.err());

        byte[] file = Files.readAllBytes(nested().file());
        Path cut = Files.write(dir.resolve("cut.arrow_file"), Arrays.copyOf(file, file.length / 2));
        Cli bad = validate(cut, nested().json());
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.err().startsWith("quiver: "), bad.toString());

        Path notJson = Files.writeString(dir.resolve("bad.json"), "{\"schema\": ");
        Cli badJson = validate(nested().file(), notJson);
        assertEquals(1, badJson.exit(), badJson.toString());
        assertTrue(badJson.err().startsWith("quiver: "), badJson.toString());
        Path out = dir.resolve("never.arrow_file");
        assertEquals(1, Cli.run("integration", "--mode", "JSON_TO_ARROW", "--arrow", out, "--json", notJson).exit());
        assertFalse(Files.exists(out));
    }
}
