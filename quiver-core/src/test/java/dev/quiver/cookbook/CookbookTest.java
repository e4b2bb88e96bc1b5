package dev.quiver.cookbook;

import dev.quiver.array.Arrow;
import dev.quiver.array.ChunkedArray;
import dev.quiver.array.Float64Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.Table;
import dev.quiver.array.Utf8Array;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's cookbook as a test: what a PyArrow or Arrow Java user writes first. The code between the
 * {@code // cookbook:} markers is the README's, line for line ({@link #readmeShowsThisCode} checks it; the README
 * adds closing braces).
 */
class CookbookTest {
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    static RecordBatch build() {
        Instant t0 = T0;
        // cookbook: build
        RecordBatch batch = RecordBatch.builder()
                .add("id", Arrow.int64(new long[] {1, 2, 3}))
                .add("name", Arrow.utf8("ant", null, "cat"))
                .add("score", List.of(0.5, 1.5, 2.5))
                .add(Field.nullable("at", ArrowTypes.timestamp(ArrowTimeUnit.MICROSECOND, "Europe/Paris")),
                        List.of(t0, t0.plusSeconds(60), t0.plusSeconds(120)))
                .add("tags", List.of(List.of("a", "b"), List.of(), List.of("c")))
                .add("point", List.of(Map.of("x", 1.0, "y", 2.0), Map.of("x", 3.0, "y", 4.0), Map.of("x", 5.0)))
                .add("color", Arrow.dictionaryEncode(Arrow.utf8("red", "green", "red")))
                .build();
        // end
        return batch;
    }

    static void check(RecordBatch b) {
        // cookbook: read
        long id = b.int64("id").get(0);                                // 1
        boolean noName = b.utf8("name").isNull(1);                     // true
        String name = b.utf8("name").getString(2);                     // "cat"
        double score = b.float64("score").get(1);                      // 1.5
        Instant at = b.timestamp("at").getInstant(0);                  // 2024-05-01T08:00:00Z
        String zone = b.timestamp("at").timezone();                    // "Europe/Paris"
        Utf8Array tags = b.list("tags").get(0).as(Utf8Array.class);    // ["a", "b"]
        String tag = tags.getString(1);                                // "b"
        double x = b.struct("point").field("x", Float64Array.class).get(1);  // 3.0
        boolean noY = b.struct("point").field("y").isNull(2);          // true
        String color = b.column("color").getObject(2, String.class);   // "red"
        Map<String, Object> row = b.row(0);                            // {id=1, name=ant, score=0.5, ...}
        // end
        assertEquals(1L, id);
        assertTrue(noName);
        assertEquals("cat", name);
        assertEquals(1.5, score);
        assertEquals(T0, at);
        assertEquals("Europe/Paris", zone);
        assertEquals(List.of("a", "b"), tags.toList());
        assertEquals("b", tag);
        assertEquals(3.0, x);
        assertTrue(noY);
        assertEquals("red", color);
        assertEquals(List.of(0, 1, 0), b.dictionary("color").indices().toList());
        assertEquals(1L, row.get("id"));
        assertEquals(Arrays.asList(1.0, 2.0), row.get("point"));
        assertEquals(List.of("id", "name", "score", "at", "tags", "point", "color"),
                b.schema().fields().stream().map(Field::name).toList());
        assertEquals(List.of("x", "y"), b.schema().field(5).children().stream().map(Field::name).toList());
    }

    @Test
    void buildWriteAndReadBackWithoutCasts(@TempDir Path dir) throws IOException {
        RecordBatch batch = build();
        check(batch);
        Path path = dir.resolve("cookbook.arrow");
        // cookbook: file
        try (RecordBatchFileWriter w = Ipc.newFile(path, batch.schema())) {
            w.write(batch);
            w.write(batch.slice(1, 2));
        }
        try (RecordBatchReader r = Ipc.open(path)) {        // file or stream, told by the first bytes
            Table table = r.readAll();                          // schema + batches
            ChunkedArray ids = table.column("id");              // the column across batches
            List<Object> all = ids.toList();                    // [1, 2, 3, 2, 3]
            Table tail = table.slice(2, 2);                     // rows 2 and 3, zero-copy
            // end
            assertEquals(List.of(1L, 2L, 3L, 2L, 3L), all);
            assertEquals(5, table.numRows());
            assertEquals(List.of(3L, 2L), tail.column("id").toList());
            check(table.batch(0));
            assertEquals("cat", table.column("name").getObject(4, String.class));
            assertEquals("green", table.column("color").getObject(3, String.class));
            assertEquals("red", table.column("color").getObject(4, String.class));
        }
        // cookbook: stream
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, batch.schema())) {
            w.write(batch);
        }
        try (RecordBatchReader r = Ipc.open(new ByteArrayInputStream(out.toByteArray()))) {
            for (RecordBatch b : r) {
                System.out.println(b.toMap());                  // {id=[1, 2, 3], name=[ant, null, cat], ...}
                // end
                check(b);
                assertEquals(Arrays.asList("ant", null, "cat"), b.toMap().get("name"));
            }
        }
    }

    @Test
    void readmeShowsThisCode() throws IOException {
        Path readme = Path.of("..", "README.md");
        Path source = Path.of("src", "test", "java", "dev", "quiver", "cookbook", "CookbookTest.java");
        String md = Files.readString(readme);
        int at = md.indexOf("\n## Cookbook");
        assertTrue(at >= 0, "README.md has a Cookbook section");
        int end = md.indexOf("\n## ", at + 1);
        String section = md.substring(at, end < 0 ? md.length() : end);
        List<String> code = new ArrayList<>();
        boolean inJava = false;
        for (String line : section.split("\n")) {
            if (line.startsWith("```")) {
                inJava = line.equals("```java");
                continue;
            }
            if (inJava && !line.isBlank() && !line.strip().equals("}")) code.add(line.strip());
        }
        List<String> lines = Files.readAllLines(source).stream().map(String::strip).toList();
        List<String> cookbook = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("// cookbook:")) in = true;
            else if (l.equals("// end")) in = false;
            else if (in && !l.equals("}")) cookbook.add(l);
        }
        assertTrue(code.size() >= 20, "the README shows the cookbook code");
        for (String line : code) assertTrue(cookbook.contains(line), "README cookbook line not in CookbookTest: " + line);
        for (String line : cookbook) assertTrue(code.contains(line), "CookbookTest line not in the README: " + line);
    }
}
