package dev.quiver.json;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.UnsupportedFeatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad integration JSON: every error is a QuiverException saying what and where. */
class IntegrationJsonErrorsTest {

    /** A file with one field of {@code type} (JSON) and one batch holding {@code column} (JSON members). */
    static String doc(String type, String children, int count, String column) {
        return """
                {
                  "schema": {"fields": [
                    {"name": "f", "type": %s, "nullable": true, "children": [%s]}
                  ]},
                  "batches": [
                    {"count": %d, "columns": [
                      {"name": "f", "count": %d%s}
                    ]}
                  ]
                }
                """.formatted(type, children, count, count, column.isEmpty() ? "" : ", " + column);
    }

    static String intDoc(String column) {
        return doc("{\"name\": \"int\", \"isSigned\": true, \"bitWidth\": 32}", "", 3, column);
    }

    private static <T extends QuiverException> T fails(Class<T> type, String json, String... fragments) {
        T e = assertThrows(type, () -> IntegrationJson.parse(json, "bad.json"));
        for (String f : fragments) assertTrue(e.getMessage().contains(f), () -> "'" + f + "' not in: " + e.getMessage());
        assertEquals("bad.json", e.resource());
        return e;
    }

    @Test
    void dataCountDiffersFromCount() {
        InvalidDataException e = fails(InvalidDataException.class,
                intDoc("\"VALIDITY\": [1, 1, 1], \"DATA\": [1, 2]"),
                "batch 0: DATA has 2 values but count is 3 at line 7, column", "field 'f'");
        assertEquals("f", e.fieldPath());
    }

    @Test
    void validityOfWrongLength() {
        fails(InvalidDataException.class, intDoc("\"VALIDITY\": [1, 0], \"DATA\": [1, 2, 3]"),
                "VALIDITY has 2 entries but count is 3 at line 7", "field 'f'");
        fails(InvalidDataException.class, intDoc("\"VALIDITY\": [1, 2, 0], \"DATA\": [1, 2, 3]"),
                "VALIDITY entry 1 must be 0 or 1");
    }

    @Test
    void unknownTypeNameIsUnsupported() {
        UnsupportedFeatureException e = fails(UnsupportedFeatureException.class,
                doc("{\"name\": \"quaternion\"}", "", 0, "\"DATA\": []"),
                "unknown type name \"quaternion\" at line 3, column 27", "field 'f'");
        assertEquals("f", e.fieldPath());
    }

    @Test
    void badTypeParameters() {
        fails(InvalidDataException.class, doc("{\"name\": \"int\", \"isSigned\": true, \"bitWidth\": 12}", "", 0, ""),
                "invalid type: Int bit width must be 8, 16, 32 or 64: 12");
        fails(InvalidDataException.class, doc("{\"name\": \"int\", \"isSigned\": true}", "", 0, ""),
                "missing \"bitWidth\"");
        fails(InvalidDataException.class, doc("{\"name\": \"floatingpoint\", \"precision\": \"QUAD\"}", "", 0, ""),
                "unknown precision \"QUAD\"");
        fails(InvalidDataException.class, doc("{\"name\": \"time\", \"unit\": \"SECOND\", \"bitWidth\": 64}", "", 0, ""),
                "must be 32 bits wide");
        fails(InvalidDataException.class, doc("{\"name\": \"list\"}", "", 0, ""),
                "type list needs 1 child field, not 0");
        fails(InvalidDataException.class, doc("{\"name\": \"utf8\"}",
                "{\"name\": \"x\", \"type\": {\"name\": \"null\"}, \"nullable\": true, \"children\": []}", 0, ""),
                "type utf8 cannot have children");
    }

    @Test
    void integerOutOfRangeAndHugeNumbers() {
        fails(InvalidDataException.class, intDoc("\"VALIDITY\": [1, 1, 1], \"DATA\": [1, 2147483648, 3]"),
                "value 2147483648 is out of range [-2147483648, 2147483647] at line 7, column");
        fails(InvalidDataException.class, intDoc("\"VALIDITY\": [1, 1, 1], \"DATA\": [1, " + "9".repeat(500) + ", 3]"),
                "is out of range", "(500 characters)");
        fails(InvalidDataException.class, intDoc("\"VALIDITY\": [1, 1, 1], \"DATA\": [1, 2.5, 3]"),
                "value must be an integer, not 2.5");
        String uint64 = doc("{\"name\": \"int\", \"isSigned\": false, \"bitWidth\": 64}", "", 2,
                "\"VALIDITY\": [1, 1], \"DATA\": [\"18446744073709551616\", \"-1\"]");
        fails(InvalidDataException.class, uint64, "out of range [0, 18446744073709551615]");
        String decimal = doc("{\"name\": \"decimal\", \"precision\": 9, \"scale\": 2, \"bitWidth\": 32}", "", 1,
                "\"VALIDITY\": [1], \"DATA\": [\"2147483648\"]");
        fails(InvalidDataException.class, decimal, "decimal value 2147483648 does not fit in 32 bits");
        String float32 = doc("{\"name\": \"floatingpoint\", \"precision\": \"SINGLE\"}", "", 1,
                "\"VALIDITY\": [1], \"DATA\": [1e39]");
        fails(InvalidDataException.class, float32, "float32 1e39 is out of range");
    }

    @Test
    void inconsistentVariableSizeData() {
        String utf8 = "{\"name\": \"utf8\"}";
        fails(InvalidDataException.class, doc(utf8, "", 2, "\"VALIDITY\": [1, 1], \"OFFSET\": [0, 1, 3], \"DATA\": [\"a\", \"b\"]"),
                "value 1 has 1 bytes but OFFSET says 2");
        fails(InvalidDataException.class, doc(utf8, "", 2, "\"VALIDITY\": [1, 1], \"OFFSET\": [0, 1], \"DATA\": [\"a\", \"b\"]"),
                "OFFSET has 2 entries but needs count + 1 = 3");
        fails(InvalidDataException.class, doc(utf8, "", 2, "\"VALIDITY\": [1, 1], \"OFFSET\": [0, 2, 1], \"DATA\": [\"ab\", \"\"]"),
                "offsets decrease at entry 2");
        fails(InvalidDataException.class, doc("{\"name\": \"binary\"}", "", 1,
                "\"VALIDITY\": [1], \"OFFSET\": [0, 1], \"DATA\": [\"ZZ\"]"), "invalid hex digit");
        fails(InvalidDataException.class, doc("{\"name\": \"fixedsizebinary\", \"byteWidth\": 2}", "", 1,
                "\"VALIDITY\": [1], \"DATA\": [\"ABCDEF\"]"), "fixed-size binary value has 3 bytes, expected 2");
    }

    @Test
    void nestedErrorsNameTheChildField() {
        String list = "{\"name\": \"list\"}";
        String item = "{\"name\": \"item\", \"type\": {\"name\": \"int\", \"isSigned\": true, \"bitWidth\": 8}, "
                + "\"nullable\": true, \"children\": []}";
        InvalidDataException e = fails(InvalidDataException.class, doc(list, item, 1,
                "\"VALIDITY\": [1], \"OFFSET\": [0, 2], \"children\": [{\"name\": \"item\", \"count\": 2, "
                        + "\"VALIDITY\": [1, 1], \"DATA\": [1, 300]}]"),
                "value 300 is out of range [-128, 127]", "field 'f.item'");
        assertEquals("f.item", e.fieldPath());
        fails(InvalidDataException.class, doc(list, item, 1,
                "\"VALIDITY\": [1], \"OFFSET\": [0, 3], \"children\": [{\"name\": \"item\", \"count\": 2, "
                        + "\"VALIDITY\": [1, 1], \"DATA\": [1, 2]}]"),
                "last offset 3 is beyond the child's 2 values");
        fails(InvalidDataException.class, doc(list, item, 1, "\"VALIDITY\": [1], \"OFFSET\": [0, 0]"),
                "column has 0 children but its field has 1");
    }

    @Test
    void unionAndRunEndErrors() {
        String union = "{\"name\": \"union\", \"mode\": \"DENSE\", \"typeIds\": [5]}";
        String child = "{\"name\": \"a\", \"type\": {\"name\": \"null\"}, \"nullable\": true, \"children\": []}";
        fails(InvalidDataException.class, doc(union, child, 1,
                "\"TYPE_ID\": [6], \"OFFSET\": [0], \"children\": [{\"name\": \"a\", \"count\": 1}]"),
                "type id 6 is not one of the union's type ids");
        fails(InvalidDataException.class, doc(union, child, 1,
                "\"TYPE_ID\": [5], \"OFFSET\": [1], \"children\": [{\"name\": \"a\", \"count\": 1}]"),
                "union offset 1 is beyond child \"a\" of 1 values");
        String ree = "{\"name\": \"runendencoded\"}";
        String reeChildren = "{\"name\": \"run_ends\", \"type\": {\"name\": \"int\", \"isSigned\": true, \"bitWidth\": 32}, "
                + "\"nullable\": false, \"children\": []}, {\"name\": \"values\", \"type\": {\"name\": \"null\"}, "
                + "\"nullable\": true, \"children\": []}";
        fails(InvalidDataException.class, doc(ree, reeChildren, 4,
                "\"children\": [{\"name\": \"run_ends\", \"count\": 2, \"VALIDITY\": [1, 1], \"DATA\": [3, 2]}, "
                        + "{\"name\": \"values\", \"count\": 2}]"),
                "run ends must be positive and strictly increasing (entry 1 is 2)");
        fails(InvalidDataException.class, doc(ree, reeChildren, 4,
                "\"children\": [{\"name\": \"run_ends\", \"count\": 1, \"VALIDITY\": [1], \"DATA\": [3]}, "
                        + "{\"name\": \"values\", \"count\": 1}]"),
                "the last run end 3 is less than count 4");
    }

    @Test
    void dictionaryErrors() {
        String head = """
                {"schema": {"fields": [{"name": "d", "type": {"name": "utf8"}, "nullable": true, "children": [],
                  "dictionary": {"id": 7, "indexType": {"name": "int", "isSigned": true, "bitWidth": 8}, "isOrdered": false}}]},
                """;
        String dict = """
                "dictionaries": [{"id": 7, "data": {"count": 2, "columns": [
                  {"name": "DICT7", "count": 2, "VALIDITY": [1, 1], "OFFSET": [0, 1, 2], "DATA": ["a", "b"]}]}}],
                """;
        fails(InvalidDataException.class, head + dict
                        + "\"batches\": [{\"count\": 1, \"columns\": [{\"name\": \"d\", \"count\": 1, \"VALIDITY\": [1], \"DATA\": [2]}]}]}",
                "batch 0: dictionary index 2 is outside the dictionary of 2 values", "field 'd'");
        fails(InvalidDataException.class, head
                        + "\"batches\": [{\"count\": 1, \"columns\": [{\"name\": \"d\", \"count\": 1, \"VALIDITY\": [1], \"DATA\": [0]}]}]}",
                "dictionary id 7 has no entry in \"dictionaries\"");
        fails(InvalidDataException.class, head + dict.replace("\"id\": 7", "\"id\": 8") + "\"batches\": []}",
                "dictionary id 8 is not used by any field of the schema");
        fails(InvalidDataException.class, head + dict.replace("\"DATA\": [\"a\", \"b\"]", "\"DATA\": [\"a\"]")
                        + "\"batches\": []}",
                "dictionary 7: DATA has 1 values but count is 2");
    }

    /**
     * A schema's dictionary that no batch needs may have no entry in "dictionaries" (as an IPC stream without
     * batches has no dictionary batch): it reads, and writes back without one (found by quiver-fuzz: writing threw
     * IllegalArgumentException "no values for dictionary id 1").
     */
    @Test
    void aDictionaryNoBatchNeedsMayBeAbsent() {
        String json = """
                {"schema": {"fields": [{"name": "d", "type": {"name": "utf8"}, "nullable": true, "children": [],
                  "dictionary": {"id": 7, "indexType": {"name": "int", "isSigned": true, "bitWidth": 8}, "isOrdered": false}}]},
                 "batches": []}
                """;
        JsonFile f = IntegrationJson.parse(json, "empty.json");
        String written = IntegrationJson.toJson(f);
        JsonFile back = IntegrationJson.parse(written, "written.json");
        assertEquals(f.schema(), back.schema());
        assertTrue(back.batches().isEmpty() && back.dictionaries().isEmpty(), written);
    }

    @Test
    void structuralErrors() {
        fails(InvalidDataException.class, "[]", "the document must be an object, not array");
        fails(InvalidDataException.class, "{\"batches\": []}", "missing \"schema\" at line 1, column 1");
        fails(InvalidDataException.class, intDoc("\"VALIDITY\": [1, 1, 1], \"DATA\": [1, 2, 3]").replace("\"count\": 3, \"columns\"", "\"count\": 4, \"columns\""),
                "column count 3 differs from the batch count 4");
        fails(InvalidDataException.class, intDoc("\"VALIDITY\": [1, 1, 1], \"DATA\": [1, 2, 3]").replace("{\"name\": \"f\", \"count\"", "{\"name\": \"g\", \"count\""),
                "column is named \"g\" but its field is \"f\"");
        fails(InvalidDataException.class, intDoc("\"VALIDITY\": [1, 1, 1], \"DATA\": [1, 2, 3]").replace("\"count\": 3, \"VALIDITY\"", "\"count\": -3, \"VALIDITY\""),
                "\"count\" -3 is out of range [0, 2147483647]");
        fails(LimitExceededException.class, "{\"schema\": " + "[".repeat(600) + "]".repeat(600) + "}",
                "JSON nesting deeper than 512 levels");
    }

    @Test
    void fileLevelErrors(@TempDir Path dir) throws IOException {
        Path notGzip = dir.resolve("x.json.gz");
        Files.writeString(notGzip, "{}");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IntegrationJson.read(notGzip));
        assertTrue(e.getMessage().contains("file ends in .gz but is not gzip-compressed (x.json.gz"), e.getMessage());

        Path truncated = dir.resolve("t.json.gz");
        byte[] gz;
        try (var bytes = new java.io.ByteArrayOutputStream(); var out = new GZIPOutputStream(bytes)) {
            out.write(intDoc("\"VALIDITY\": [1, 1, 1], \"DATA\": [1, 2, 3]").getBytes());
            out.finish();
            gz = bytes.toByteArray();
        }
        Files.write(truncated, java.util.Arrays.copyOf(gz, gz.length / 2));
        e = assertThrows(InvalidDataException.class, () -> IntegrationJson.read(truncated));
        assertTrue(e.getMessage().contains("corrupt gzip data"), e.getMessage());

        Path badUtf8 = dir.resolve("u.json");
        Files.write(badUtf8, new byte[] {'[', '"', (byte) 0xC3, '"', ']'});
        e = assertThrows(InvalidDataException.class, () -> IntegrationJson.read(badUtf8));
        assertTrue(e.getMessage().contains("not valid UTF-8 (u.json)"), e.getMessage());

        Path truncatedText = dir.resolve("v.json");
        Files.writeString(truncatedText, intDoc("\"VALIDITY\": [1, 1, 1], \"DATA\": [1, 2, 3]").substring(0, 150));
        e = assertThrows(InvalidDataException.class, () -> IntegrationJson.read(truncatedText));
        assertTrue(e.getMessage().contains("unexpected end of input"), e.getMessage());
        assertTrue(e.getMessage().contains("(v.json)"), e.getMessage());
    }
}
