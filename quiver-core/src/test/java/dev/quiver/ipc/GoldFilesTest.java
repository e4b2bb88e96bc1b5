package dev.quiver.ipc;

import dev.quiver.array.RecordBatch;
import dev.quiver.json.IntegrationEquality;
import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonFile;
import dev.quiver.testing.TestData;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Apache Arrow's gold files (written by Arrow C++): for both the {@code .arrow_file} and the {@code .stream}
 * of each case, the schema and every value equal the case's JSON.
 */
class GoldFilesTest {
    static final String[] CPP21 = {"primitive", "primitive_zerolength", "primitive_no_batches", "binary",
            "binary_zerolength", "binary_no_batches", "large_binary", "datetime", "duration", "decimal", "decimal32",
            "decimal64", "decimal256", "interval", "interval_mdn", "null", "null_trivial", "custom_metadata"};
    static final String[] COMPRESSION = {"lz4", "zstd", "uncompressible_lz4", "uncompressible_zstd"};

    /**
     * Nested, view, union, run-end encoded, dictionary and extension cases, compared with their JSON here; they are
     * written back too, in {@link GoldWriteBackTest}.
     */
    static final String[] CPP21_READ_ONLY = {"nested", "recursive_nested", "nested_large_offsets", "list_view",
            "map", "map_non_canonical", "union", "run_end_encoded", "binary_view", "dictionary",
            "dictionary_unsigned", "nested_dictionary", "duplicate_fieldnames", "extension"};
    static final String[] V1_LITTLE_ENDIAN = {"primitive", "primitive_zerolength", "primitive_no_batches",
            "primitive_large_offsets", "datetime", "decimal", "decimal256", "interval", "null", "null_trivial",
            "custom_metadata", "nested", "recursive_nested", "nested_large_offsets", "map", "map_non_canonical", "union",
            "dictionary", "dictionary_unsigned", "nested_dictionary", "duplicate_fieldnames", "extension"};

    @TestFactory
    List<DynamicTest> goldCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : CPP21) add(tests, "cpp-21.0.0", c);
        for (String c : COMPRESSION) add(tests, "2.0.0-compression", c);
        return tests;
    }

    @TestFactory
    List<DynamicTest> goldCasesReadOnly() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : CPP21_READ_ONLY) add(tests, "cpp-21.0.0", c);
        for (String c : V1_LITTLE_ENDIAN) add(tests, "1.0.0-littleendian", c);
        add(tests, "4.0.0-shareddict", "shared_dict");
        return tests;
    }

    private static void add(List<DynamicTest> tests, String folder, String name) {
        tests.add(DynamicTest.dynamicTest(folder + "/" + name + ".arrow_file", () -> checkFile(folder, name)));
        tests.add(DynamicTest.dynamicTest(folder + "/" + name + ".stream", () -> checkStream(folder, name)));
    }

    static void checkFile(String folder, String name) throws IOException {
        JsonFile expected = IntegrationJson.read(TestData.gold(folder, name, ".json.gz"));
        Path file = TestData.gold(folder, name, ".arrow_file");
        try (RecordBatchFileReader r = Ipc.openFile(file)) {
            compare(expected, r.schema(), r.readAll().batches());
        }
    }

    static void checkStream(String folder, String name) throws IOException {
        JsonFile expected = IntegrationJson.read(TestData.gold(folder, name, ".json.gz"));
        Path stream = TestData.gold(folder, name, ".stream");
        try (RecordBatchStreamReader r = Ipc.openStream(stream)) {
            compare(expected, r.schema(), r.readAll().batches());
        }
    }

    /** As Arrow's integration tests compare (see {@link IntegrationEquality}: dictionary ids, map entry names aside). */
    static void compare(JsonFile expected, Schema schema, List<RecordBatch> batches) {
        String diff = IntegrationEquality.compare(expected, schema, batches);
        if (diff != null) fail(diff);
    }
}
