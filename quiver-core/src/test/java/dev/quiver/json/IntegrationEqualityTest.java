package dev.quiver.json;

import dev.quiver.array.Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.testing.JsonMutation;
import dev.quiver.testing.TestData;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What {@link IntegrationEquality} tells apart and what it deliberately does not. */
class IntegrationEqualityTest {

    static List<RecordBatch> batches(JsonFile f) {
        return f.batches().stream()
                .map(b -> new RecordBatch(f.schema(), b.length(), b.columns().stream().map(Array::of).toList(),
                        null, null, null))
                .toList();
    }

    // ---- differences are found, first one reported with batch, path, index, expected and actual ----

    @Test
    void aChangedValueIsReportedWithBatchPathIndexAndBothValues() throws IOException {
        String text = IntegrationJsonGoldTest.text(TestData.gold("cpp-21.0.0", "nested", ".json.gz"));
        JsonFile gold = IntegrationJson.parse(text, "gold");
        JsonMutation.Mutated m = JsonMutation.incrementFirstValid(text, 1, "struct_nullable", "f1");
        JsonFile mutated = IntegrationJson.parse(m.text(), "mutated");
        assertEquals("batch 1: struct_nullable.f1[" + m.index() + "]: expected " + m.newValue() + ", got "
                + m.oldValue(), IntegrationEquality.compare(mutated, gold.schema(), batches(gold)));
        assertNull(IntegrationEquality.compare(gold, gold.schema(), batches(gold)));
    }

    @Test
    void batchAndRowCounts() {
        JsonFile gold = IntegrationJson.read(TestData.gold("cpp-21.0.0", "primitive", ".json.gz"));
        List<RecordBatch> all = batches(gold);
        assertEquals("number of record batches: expected 2, got 1",
                IntegrationEquality.compare(gold, gold.schema(), all.subList(0, 1)));
        assertEquals("batch 0: row count: expected 17, got 16",
                IntegrationEquality.compareBatch(0, gold.schema(), gold.batches().get(0), all.get(0).slice(0, 16)));
    }

    private static Schema schema(Field... fields) {
        return Schema.of(fields);
    }

    @Test
    void schemaDifferences() {
        Field f = Field.nullable("f", ArrowTypes.INT32);
        assertNull(IntegrationEquality.compareSchemas(schema(f), schema(f)));
        assertEquals("schema: field 'f': name: expected \"f\", got \"g\"",
                IntegrationEquality.compareSchemas(schema(f), schema(f.withName("g"))));
        assertEquals("schema: field 'f': type: expected int32, got int64",
                IntegrationEquality.compareSchemas(schema(f), schema(f.withType(ArrowTypes.INT64))));
        assertEquals("schema: field 'f': expected nullable, got not nullable",
                IntegrationEquality.compareSchemas(schema(f), schema(f.withNullable(false))));
        assertEquals("schema: field 'f': custom metadata: expected {}, got {k=v}",
                IntegrationEquality.compareSchemas(schema(f), schema(f.withMetadata(Map.of("k", "v")))));
        assertEquals("schema metadata: expected {a=1}, got {a=2}",
                IntegrationEquality.compareSchemas(schema(f).withMetadata(Map.of("a", "1")),
                        schema(f).withMetadata(Map.of("a", "2"))));
        assertEquals("schema: expected 1 fields, got 2", IntegrationEquality.compareSchemas(schema(f), schema(f, f)));
        Field s = Field.nullable("s", new ArrowType.Struct(), f, Field.nullable("x", ArrowTypes.UTF8));
        assertEquals("schema: field 's.x': name: expected \"x\", got \"y\"", IntegrationEquality.compareSchemas(
                schema(s), schema(s.withChildren(List.of(f, Field.nullable("y", ArrowTypes.UTF8))))));
    }

    @Test
    void dictionaryEncodingIsComparedButNotItsId() {
        Field d = Field.nullable("d", ArrowTypes.UTF8).withDictionary(new DictionaryEncoding(0, ArrowTypes.INT8, false));
        assertNull(IntegrationEquality.compareSchemas(schema(d),
                schema(d.withDictionary(new DictionaryEncoding(7, ArrowTypes.INT8, false)))));
        assertEquals("schema: field 'd': dictionary encoding: expected indices int8, unordered, got indices int16, "
                        + "unordered", IntegrationEquality.compareSchemas(schema(d),
                schema(d.withDictionary(new DictionaryEncoding(0, ArrowTypes.INT16, false)))));
        assertEquals("schema: field 'd': dictionary encoding: expected indices int8, unordered, got indices int8, "
                        + "ordered", IntegrationEquality.compareSchemas(schema(d),
                schema(d.withDictionary(new DictionaryEncoding(0, ArrowTypes.INT8, true)))));
        assertEquals("schema: field 'd': expected dictionary encoding indices int8, unordered, got none",
                IntegrationEquality.compareSchemas(schema(d), schema(d.withDictionary(null))));
    }

    /** Arrow C++ renumbers the dictionaries of this case: the file's ids are not the JSON's, the contents are. */
    @Test
    void nestedDictionaryGoldFileEqualsItsJsonDespiteOtherIds() throws IOException {
        JsonFile json = IntegrationJson.read(TestData.gold("cpp-21.0.0", "nested_dictionary", ".json.gz"));
        try (RecordBatchFileReader r = Ipc.openFile(TestData.gold("cpp-21.0.0", "nested_dictionary", ".arrow_file"))) {
            assertNotEquals(json.schema().field(0).dictionary().id(), r.schema().field(0).dictionary().id());
            assertNull(IntegrationEquality.compare(json, r.schema(), r.readAll().batches()));
        }
    }

    /** The gold stream carries the canonical map names (Arrow C++'s IPC reader restored them), the JSON others. */
    @Test
    void mapEntryNamesAreNotComparedButTheirTypesAre() throws IOException {
        JsonFile json = IntegrationJson.read(TestData.gold("cpp-21.0.0", "map_non_canonical", ".json.gz"));
        try (RecordBatchStreamReader r = Ipc.openStream(TestData.gold("cpp-21.0.0", "map_non_canonical", ".stream"))) {
            Field entries = r.schema().field(0).child(0);
            assertEquals("entries", entries.name());
            assertEquals("some_entries", json.schema().field(0).child(0).name());
            assertNull(IntegrationEquality.compare(json, r.schema(), r.readAll().batches()));

            Field key = entries.child(0);
            Field otherKey = entries.withChildren(List.of(key.withType(ArrowTypes.BINARY), entries.child(1)));
            Field map = r.schema().field(0).withChildren(List.of(otherKey));
            assertEquals("schema: field 'map_other_names.some_entries.some_key': type: expected utf8, got binary",
                    IntegrationEquality.compareSchemas(json.schema(), schema(map)));
            Field valueNotNull = entries.withChildren(List.of(key, entries.child(1).withNullable(false)));
            assertEquals("schema: field 'map_other_names.some_entries.some_value': expected nullable, got not nullable",
                    IntegrationEquality.compareSchemas(json.schema(),
                            schema(r.schema().field(0).withChildren(List.of(valueNotNull)))));
        }
    }

    @Test
    void namesBelowAMapValueAreCompared() {
        Field inner = Field.nullable("s", new ArrowType.Struct(), Field.nullable("a", ArrowTypes.INT32));
        Field entries = Field.notNull("entries", new ArrowType.Struct(), Field.notNull("key", ArrowTypes.UTF8), inner);
        Field map = Field.nullable("m", new ArrowType.Map(false), entries);
        Field renamed = map.withChildren(List.of(entries.withChildren(List.of(entries.child(0),
                inner.withChildren(List.of(Field.nullable("b", ArrowTypes.INT32)))))));
        assertEquals("schema: field 'm.entries.s.a': name: expected \"a\", got \"b\"",
                IntegrationEquality.compareSchemas(schema(map), schema(renamed)));
    }
}
