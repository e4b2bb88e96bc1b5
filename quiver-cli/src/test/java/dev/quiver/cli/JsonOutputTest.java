package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.json.JsonParser;
import dev.quiver.json.JsonValue;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --json} of inspect, validate, schema and info: every document conforms to its documented schema
 * ({@code docs/json/*.schema.json}, checked by {@link JsonSchemaCheck}), for every gold file and stream and for damaged
 * input, and says what the readers say (messages, rows, offsets that cover the input).
 */
class JsonOutputTest {
    @TempDir
    Path dir;

    static JsonValue.Obj conforming(Cli r, String schema) {
        List<String> problems = JsonSchemaCheck.problems(r.out(), schema);
        assertEquals(List.of(), problems, r.out());
        return (JsonValue.Obj) JsonParser.parse(r.out(), "output");
    }

    static long num(JsonValue v) {
        return Long.parseLong(((JsonValue.Num) v).text());
    }

    static String str(JsonValue v) {
        return ((JsonValue.Str) v).value();
    }

    /** Parts in order, none empty, covering [0, size) exactly. */
    private static void partsCover(JsonValue.Obj doc) {
        long at = 0;
        for (JsonValue p : ((JsonValue.Arr) doc.get("parts")).items()) {
            JsonValue.Obj part = (JsonValue.Obj) p;
            assertEquals(at, num(part.get("offset")), "parts are contiguous: " + part);
            at += num(part.get("length"));
        }
        assertEquals(num(doc.get("size")), at, "parts cover the input");
    }

    @Test
    void inspectOfEveryGoldFileAndStreamConformsAndCoversTheBytes() throws IOException {
        for (TestData.GoldCase c : TestData.goldCases()) {
            for (Path p : List.of(c.file(), c.stream())) {
                Cli r = Cli.run("inspect", p, "--json", "--buffers", "--metadata");
                assertEquals(0, r.exit(), c + ": " + r);
                JsonValue.Obj doc = conforming(r, "inspect.schema.json");
                partsCover(doc);
                List<String> types = new ArrayList<>();
                for (JsonValue m : ((JsonValue.Arr) doc.get("messages")).items()) {
                    JsonValue.Obj msg = (JsonValue.Obj) m;
                    types.add(str(msg.get("type")));
                    assertEquals(num(msg.get("offset")) + num(msg.get("length")),
                            num(msg.get("body_offset")) + num(msg.get("body_length")), c + " " + msg);
                    assertTrue(num(msg.get("flatbuffer_length")) <= num(msg.get("metadata_length")), c + " " + msg);
                }
                long batches = types.stream().filter("RecordBatch"::equals).count();
                try (RecordBatchReader reader = Ipc.open(p)) {
                    long read = 0;
                    for (RecordBatch b; (b = reader.readNext()) != null; read++) b.close();
                    assertEquals(read, batches, c + " " + p);
                }
                assertEquals("Schema", types.getFirst(), c.toString());
                if (p.equals(c.file())) {
                    JsonValue.Obj footer = (JsonValue.Obj) doc.get("footer");
                    for (JsonValue b : ((JsonValue.Arr) footer.get("record_batches")).items()) {
                        assertEquals(Boolean.TRUE, ((JsonValue.Bool) ((JsonValue.Obj) b).get("matches")).value(), c + " " + b);
                    }
                }
            }
        }
    }

    @Test
    void inspectOfDamagedInputHasTheErrorAndExitsOne() throws IOException {
        byte[] file = Files.readAllBytes(Samples.file(dir, "f.arrow"));
        Path cut = Files.write(dir.resolve("cut.arrow"), Arrays.copyOf(file, 500));
        Cli r = Cli.run("inspect", cut, "--json");
        assertEquals(1, r.exit(), r.toString());
        JsonValue.Obj doc = conforming(r, "inspect.schema.json");
        partsCover(doc);
        JsonValue.Obj error = (JsonValue.Obj) doc.get("error");
        assertEquals("invalid_data", str(error.get("kind")));
        assertEquals(cut.toString(), str(error.get("resource")));
        assertTrue(r.err().startsWith("quiver: " + str(error.get("message"))), r.toString());
        assertEquals(JsonValue.Null.class, doc.get("footer").getClass());
    }

    @Test
    void inspectOfTheSeedStreamNamesEveryPart() throws IOException {
        Cli r = Cli.runBinaryText(LayoutGoldenTest.seedStream(), "inspect", "-", "--json");
        JsonValue.Obj doc = conforming(r, "inspect.schema.json");
        assertEquals(904, num(doc.get("size")));
        JsonValue.Obj eos = (JsonValue.Obj) doc.get("end_of_stream");
        assertEquals(896, num(eos.get("offset")));
        JsonValue.Obj schema = (JsonValue.Obj) ((JsonValue.Arr) doc.get("messages")).get(0);
        assertEquals(168, num(schema.get("metadata_length")));
        assertEquals(2, num(schema.get("fields")));
        List<String> kinds = ((JsonValue.Arr) doc.get("parts")).items().stream()
                .map(p -> str(((JsonValue.Obj) p).get("kind"))).limit(6).toList();
        assertEquals(List.of("continuation_marker", "metadata_length", "flatbuffer", "padding", "continuation_marker",
                "metadata_length"), kinds);
    }

    @Test
    void validateJsonSaysValidOrWhy() throws IOException {
        Cli ok = Cli.run("validate", Samples.stream(dir, "s.arrows"), "--json");
        assertEquals(0, ok.exit(), ok.toString());
        JsonValue.Obj doc = conforming(ok, "validate.schema.json");
        assertEquals(Boolean.TRUE, ((JsonValue.Bool) doc.get("valid")).value());
        assertEquals(2, num(doc.get("batches")));
        assertEquals(5, num(doc.get("rows")));
        assertEquals("stream", str(doc.get("format")));
        assertEquals("full", str(doc.get("level")));

        byte[] bytes = Files.readAllBytes(Samples.stream(dir, "t.arrows"));
        Path cut = Files.write(dir.resolve("cut.arrows"), Arrays.copyOf(bytes, bytes.length - 30));
        Cli bad = Cli.run("validate", cut, "--json", "--level", "basic");
        assertEquals(1, bad.exit(), bad.toString());
        JsonValue.Obj err = conforming(bad, "validate.schema.json");
        assertEquals(Boolean.FALSE, ((JsonValue.Bool) err.get("valid")).value());
        assertEquals(1, num(err.get("batches")));
        assertEquals("basic", str(err.get("level")));
        assertTrue(str(((JsonValue.Obj) err.get("error")).get("message")).startsWith("unexpected end of input"), bad.out());

        Cli text = Cli.run("validate", Samples.file(dir, "f.arrow"), "--json");
        assertEquals(0, text.exit());
        Cli notArrow = Cli.run("validate", Files.writeString(dir.resolve("x.txt"), "hello"), "--json");
        assertEquals(1, notArrow.exit(), notArrow.toString());
        JsonValue.Obj n = conforming(notArrow, "validate.schema.json");
        assertEquals(JsonValue.Null.class, n.get("format").getClass());
    }

    @Test
    void schemaJsonIsTheIntegrationJsonSchema() throws IOException {
        Cli r = Cli.run("schema", Samples.file(dir, "f.arrow"), "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonValue.Obj doc = conforming(r, "schema.schema.json");
        JsonValue.Obj schema = (JsonValue.Obj) doc.get("schema");
        JsonValue.Obj x = (JsonValue.Obj) ((JsonValue.Arr) schema.get("fields")).get(0);
        assertEquals("x", str(x.get("name")));
        assertEquals("int", str(((JsonValue.Obj) x.get("type")).get("name")));
        assertEquals(Boolean.FALSE, ((JsonValue.Bool) x.get("nullable")).value());
        assertEquals("unit", str(((JsonValue.Obj) ((JsonValue.Arr) x.get("metadata")).get(0)).get("key")));
        assertEquals("origin", str(((JsonValue.Obj) ((JsonValue.Arr) schema.get("metadata")).get(0)).get("key")));
        assertEquals("little", str(doc.get("endianness")));
        for (TestData.GoldCase c : TestData.goldCases()) {
            Cli g = Cli.run("schema", c.stream(), "--json");
            assertEquals(0, g.exit(), c + ": " + g);
            conforming(g, "schema.schema.json");
        }
    }

    @Test
    void infoJsonCountsWhatTheReadersRead() throws IOException {
        for (TestData.GoldCase c : TestData.goldCases()) {
            for (Path p : List.of(c.file(), c.stream())) {
                Cli r = Cli.run("info", p, "--json");
                assertEquals(0, r.exit(), c + ": " + r);
                JsonValue.Obj doc = conforming(r, "info.schema.json");
                long bytes = 0;
                for (JsonValue v : ((JsonValue.Obj) doc.get("bytes")).members().values()) bytes += num(v);
                assertEquals(num(doc.get("size")), bytes, c + ": the bytes add up");
                long rows = 0;
                long batches = 0;
                try (RecordBatchReader reader = Ipc.open(p)) {
                    for (RecordBatch b; (b = reader.readNext()) != null; batches++) {
                        rows += b.numRows();
                        b.close();
                    }
                }
                assertEquals(rows, num(doc.get("rows")), c.toString());
                assertEquals(batches, num(doc.get("record_batches")), c.toString());
            }
        }
    }
}
