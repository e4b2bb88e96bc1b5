package dev.quiver.array;

import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed column access without casts, row views, and Table: columns across batches, slicing, concatenation. */
class TypedAccessTest {
    private static RecordBatch batch(long first, String... names) {
        long[] ids = new long[names.length];
        for (int i = 0; i < ids.length; i++) ids[i] = first + i;
        return RecordBatch.builder().add("id", Arrow.int64(ids)).add("name", Arrow.utf8(names)).build();
    }

    @Test
    void wrongTypeNamesTheColumnAndItsType() {
        RecordBatch b = batch(1, "a", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.int32("id"));
        assertEquals("column 0 ('id') is int64 (a Int64Array), not a Int32Array", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.utf8("nope"));
        assertEquals("no column named 'nope' (columns [id, name])", e.getMessage());
        RecordBatch d = RecordBatch.builder().add("c", Arrow.dictionaryEncode(Arrow.utf8("x"))).build();
        e = assertThrows(IllegalArgumentException.class, () -> d.utf8("c"));
        assertTrue(e.getMessage().contains("column 0 ('c') is dictionary<values=utf8, indices=int32>"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.column("name").getObject(0, Long.class));
        assertTrue(e.getMessage().contains("is a java.lang.String, not a java.lang.Long"), e.getMessage());
        StructArray s = Arrow.struct(Map.of("a", Arrow.int32(1)));
        e = assertThrows(IllegalArgumentException.class, () -> s.field("b"));
        assertEquals("no struct field named 'b' (fields [a])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.field("a", Utf8Array.class));
        assertTrue(e.getMessage().startsWith("struct field 'a' is int32"), e.getMessage());
    }

    @Test
    void typedAccessByNameAndIndex() {
        RecordBatch b = batch(7, "a", null);
        assertEquals(8L, b.int64("id").get(1));
        assertEquals("a", b.utf8(1).getString(0));
        assertTrue(b.utf8("name").isNull(1));
        assertEquals("a", b.column("name").getObject(0, String.class));
        DictionaryArray d = Arrow.dictionaryEncode(Arrow.utf8("x", "y", "x"));
        assertEquals(List.of("x", "y"), d.dictionary(Utf8Array.class).toList());
        assertEquals("x", d.getObject(2, String.class));
        assertEquals(List.of(0, 1, 0), d.indices().toList());
        Map<String, Object> row = b.row(1);
        assertEquals(Arrays.asList(8L, null), Arrays.asList(row.get("id"), row.get("name")));
        assertEquals(List.of(Map.of("id", 7L, "name", "a")), b.slice(0, 1).toList());
        Map<String, List<Object>> cols = b.toMap();
        assertEquals(List.of(7L, 8L), cols.get("id"));
        assertEquals(Arrays.asList("a", null), cols.get("name"));
    }

    @Test
    void tableRejectsMismatchedBatchesAndBadRanges() {
        RecordBatch other = RecordBatch.builder().add("id", Arrow.int32(1)).build();
        assertThrows(IllegalArgumentException.class, () -> Table.of(batch(0, "a"), other));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Table.concat(List.of(Table.of(batch(0, "a")), Table.of(other))));
        assertTrue(e.getMessage().startsWith("table 1 has fields"), e.getMessage());
        Table t = Table.of(batch(0, "a", "b"));
        assertThrows(IndexOutOfBoundsException.class, () -> t.slice(1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.column("id").getObject(2));
        assertThrows(IllegalArgumentException.class, () -> t.column("x"));
        assertThrows(IllegalArgumentException.class, () -> t.column("name").chunks(Int64Array.class));
    }

    @Test
    void tableColumnsSpanBatches() {
        Table t = Table.of(batch(0, "a", "b"), batch(2), batch(2, "c", null, "e"));
        assertEquals(5, t.numRows());
        assertEquals(2, t.numColumns());
        ChunkedArray ids = t.column("id");
        assertEquals(3, ids.numChunks());
        assertEquals(5, ids.length());
        assertEquals(1, t.column(1).nullCount());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ids.toList());
        assertEquals(2L, ids.getObject(2));
        assertEquals("c", t.column("name").getObject(2, String.class));
        assertTrue(t.column("name").isNull(3));
        long sum = 0;
        for (Int64Array chunk : ids.chunks(Int64Array.class)) for (int i = 0; i < chunk.length(); i++) sum += chunk.get(i);
        assertEquals(10, sum);
        assertEquals(List.of(1L, 2L, 3L), ids.slice(1, 3).toList());
        Array combined = ids.combineChunks();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), combined.toList());
        Table one = Table.of(batch(0, "x"));
        assertSame(one.batch(0).column(0).data(), one.column(0).combineChunks().data(), "one chunk: no copy");

        Table s = t.slice(1, 3);
        assertEquals(3, s.numRows());
        assertEquals(List.of(1L, 2L, 3L), s.column("id").toList());
        assertEquals(2, s.numBatches(), "the empty batch and untouched rows are dropped");
        Table c = Table.concat(List.of(s, t));
        assertEquals(8, c.numRows());
        assertEquals(Arrays.asList("b", "c", null, "a", "b", "c", null, "e"), c.column("name").toList());
        assertEquals(Map.of("id", 1L, "name", "b"), c.toList().get(0));
        assertEquals(List.of(1L, 2L, 3L), s.toMap().get("id"));
    }

    @Test
    void tableOfJavaValues() {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("n", List.of(1, 2));
        cols.put("s", Arrays.asList("x", null));
        Table t = Table.of(cols);
        assertEquals(2, t.numRows());
        assertEquals(List.of(Map.of("n", 1, "s", "x"), Arrays.asList(2, null)),
                List.of(t.toList().get(0), new java.util.ArrayList<>(t.toList().get(1).values())));
        assertEquals(ArrowTypes.INT32, t.schema().field(0).type());
    }

    @Test
    void tableColumnKeepsStructNames() {
        Map<String, Array> kids = new LinkedHashMap<>();
        kids.put("a", Arrow.int32(1, 2));
        RecordBatch b = RecordBatch.builder().add("s", Arrow.struct(kids)).build();
        Table t = Table.of(Schema.of(List.of(b.schema().field(0))), List.of(b, b));
        ChunkedArray s = t.column("s");
        assertEquals(List.of("a"), s.chunks(StructArray.class).get(1).fieldNames());
        assertEquals(Field.nullable("s", ArrowTypes.STRUCT, Field.nullable("a", ArrowTypes.INT32)), s.field());
    }
}
