package dev.quiver.array;

import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Building arrays and batches keeps what the caller stated: child names, and no silently dropped values. */
class BuildingTest {
    private static final Field POINT = Field.nullable("point", ArrowTypes.STRUCT,
            Field.nullable("x", ArrowTypes.FLOAT64), Field.notNull("y", ArrowTypes.FLOAT64));

    @Test
    void structFromMapRejectsUnknownKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arrow.of(POINT, List.of(Map.of("x", 1.0, "y", 2.0), Map.of("x", 1.0, "yy", 2.0))));
        assertTrue(e.getMessage().contains("value 1 of struct field 'point' has the key 'yy', which is not one of its "
                + "fields [x, y]"), e.getMessage());
    }

    @Test
    void structFromMapRejectsNonStringKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arrow.of(POINT, List.of(Map.of(1, 1.0))));
        assertTrue(e.getMessage().contains("has the key Integer 1"), e.getMessage());
    }

    @Test
    void nestedStructKeysAreCheckedToo() {
        Field outer = Field.nullable("o", ArrowTypes.LIST, POINT.withName("item"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arrow.of(outer, List.of(List.of(Map.of("x", 1.0, "z", 0.0)))));
        assertTrue(e.getMessage().contains("has the key 'z'"), e.getMessage());
    }

    @Test
    void structFromChildrenRejectsUnequalLengths() {
        Map<String, Array> children = new LinkedHashMap<>();
        children.put("a", Arrow.int32(1, 2));
        children.put("b", Arrow.int32(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arrow.struct(children));
        assertTrue(e.getMessage().contains("struct child 'b' has length 1, the first child 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Arrow.struct(Map.of()));
    }

    @Test
    void fieldThatDoesNotDescribeTheDataIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Array.of(Arrow.int32(1).data(), Field.nullable("x", ArrowTypes.INT64)));
        assertTrue(e.getMessage().contains("differs from the array's"), e.getMessage());

    }

    @Test
    void addKeepsStructChildNamesAsBuilt() {
        Array point = Arrow.of(POINT, List.of(Map.of("x", 1.0, "y", 2.0), Map.of("y", 4.0)));
        RecordBatch b = RecordBatch.builder().add("p", point).build();
        Field f = b.schema().field(0);
        assertEquals("p", f.name());
        assertEquals(List.of(POINT.child(0), POINT.child(1)), f.children());
        StructArray s = (StructArray) b.column(0);
        assertEquals(List.of("x", "y"), s.fieldNames());
        assertEquals(4.0, ((Float64Array) s.field("y")).get(1));
        assertEquals(java.util.Arrays.asList(1.0, null), s.field("x").toList());
        assertEquals(Map.of("x", 1.0, "y", 2.0), s.getMap(0));
    }

    @Test
    void structOfNamedChildrenKeepsNamesThroughSliceAndBatch() {
        Map<String, Array> children = new LinkedHashMap<>();
        children.put("lat", Arrow.float64(1.5, 2.5, 3.5));
        children.put("city", Arrow.utf8("a", null, "c"));
        StructArray s = Arrow.struct(children);
        RecordBatch b = RecordBatch.builder().add("where", s.slice(1, 2)).build();
        Field f = b.schema().field(0);
        assertEquals(List.of("lat", "city"), f.children().stream().map(Field::name).toList());
        StructArray col = b.struct("where");
        assertEquals(java.util.Arrays.asList(null, "c"), col.field("city").toList());
        assertEquals(2.5, col.field("lat", Float64Array.class).get(0));
    }

    @Test
    void nestedNamesSurviveListsAndDictionariesGetFreshIds() {
        Field list = Field.nullable("l", ArrowTypes.LIST, POINT.withName("item"));
        Array l = Arrow.of(list, List.of(List.of(Map.of("x", 1.0, "y", 2.0))));
        Field dict = Field.nullable("d", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(5));
        RecordBatch b = RecordBatch.builder().add("a", Arrow.of(dict, List.of("x")))
                .add("b", Arrow.of(dict, List.of("y"))).add("l", l).build();
        assertEquals(0, b.schema().field(0).dictionary().id());
        assertEquals(1, b.schema().field(1).dictionary().id());
        assertEquals(list.withName("l"), b.schema().field(2));
        StructArray inner = b.list("l").values(StructArray.class);
        assertEquals(List.of("x", "y"), inner.fieldNames());
    }
}
