package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.memory.ReclaimableArena;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordBatchTest {

    @Test
    void builderKeepsOrder() {
        RecordBatch b = RecordBatch.builder().add("z", Arrow.int32(1, 2, 3)).add("a", Arrow.utf8("a", "b", "c"))
                .add("m", Arrow.bool(true, false, null)).build();
        assertEquals(List.of("z", "a", "m"), b.schema().fields().stream().map(Field::name).toList());
        assertEquals(3, b.numRows());
        assertEquals(List.of("a", "b", "c"), b.column("a").toList());
        assertEquals(ArrowTypes.UTF8, b.schema().field(1).type());
    }

    @Test
    void ofMapFollowsIterationOrder() {
        Map<String, Array> cols = new LinkedHashMap<>();
        cols.put("second", Arrow.int8(1));
        cols.put("first", Arrow.int8(2));
        assertEquals("second", RecordBatch.of(cols).schema().field(0).name());
    }

    @Test
    void builderRejectsUnequalLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordBatch.builder().add("x", Arrow.int32(1, 2)).add("y", Arrow.int32(1)).build());
        assertTrue(e.getMessage().contains("column 1 ('y') has length 1, expected 2"), e.getMessage());
    }

    @Test
    void inferredFieldsForNestedAndDictionaryColumns() {
        Field list = Field.nullable("l", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.INT32));
        Field dict = Field.nullable("d", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(7));
        RecordBatch b = RecordBatch.builder()
                .add("l", Arrow.of(list, List.of(List.of(1))))
                .add("d", Arrow.of(dict, List.of("x")))
                .add("e", Arrow.dictionary(Arrow.int8(0), Arrow.utf8("y")))
                .build();
        assertEquals(list, b.schema().field(0));
        Field d = b.schema().field(1);
        assertEquals(ArrowTypes.UTF8, d.type());
        assertEquals(new DictionaryEncoding(0, ArrowTypes.INT32, false), d.dictionary());
        assertEquals(new DictionaryEncoding(1, ArrowTypes.INT8, false), b.schema().field(2).dictionary());
        RecordBatch explicit = RecordBatch.builder().add(dict, Arrow.of(dict, List.of("x")))
                .add("e", Arrow.dictionary(Arrow.int8(0), Arrow.utf8("y"))).build();
        assertEquals(8, explicit.schema().field(1).dictionary().id());
    }

    @Test
    void accessAfterCloseThrows() {
        RecordBatch b = RecordBatch.builder().add("x", Arrow.int32(1)).build();
        b.close();
        b.close(); // idempotent
        assertTrue(b.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, b::columns);
        assertTrue(e.getMessage().contains("record batch is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> b.column(0));
        assertThrows(IllegalStateException.class, b::numRows);
        assertThrows(IllegalStateException.class, b::detach);
    }

    /** A batch whose int32 column lives in memory the owner tracks, as a reader would hand out. */
    private static RecordBatch borrowed(MemoryOwner owner, int... values) {
        ReclaimableArena memory = ReclaimableArena.ofShared();
        owner.track(memory);
        MemorySegment s = memory.allocate(values.length * 4L, 8);
        for (int i = 0; i < values.length; i++) s.set(LE.INT, i * 4L, values[i]);
        ArrayData d = new ArrayData(ArrowTypes.INT32, values.length, 0, 0, new MemorySegment[] {ArrayData.ABSENT, s}, null,
                null);
        return new RecordBatch(dev.quiver.type.Schema.of(Field.nullable("x", ArrowTypes.INT32)), values.length,
                List.of(Array.of(d)), null, null, owner);
    }

    @Test
    void closingTheOwnerClosesBorrowingBatches() {
        MemoryOwner owner = new MemoryOwner(Arena.ofShared());
        RecordBatch b = borrowed(owner, 1, 2, 3);
        assertEquals(List.of(1, 2, 3), b.column(0).toList());
        owner.close();
        assertTrue(b.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.column(0));
        assertTrue(e.getMessage().contains("it or its reader was closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> borrowed(owner, 1));
    }

    @Test
    void detachedBatchSurvivesTheOwner() {
        MemoryOwner owner = new MemoryOwner(Arena.ofShared());
        RecordBatch b = borrowed(owner, 4, 5, 6);
        RecordBatch sliced = b.slice(1, 2);
        assertSame(b, b.detach());
        owner.close();
        assertFalse(b.isClosed());
        assertEquals(List.of(4, 5, 6), b.column(0).toList());
        assertFalse(b.column(0).data().buffer(1).isNative() && !b.column(0).data().buffer(1).scope().isAlive());
        assertNull(ArrayEquality.compare(b.column(0), Arrow.int32(4, 5, 6)));
        // the slice borrowed the reader's memory and was closed with it
        assertTrue(sliced.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sliced.column(0));
        assertTrue(e.getMessage().contains("record batch is closed"), e.getMessage());
        b.close();
        assertThrows(IllegalStateException.class, b::columns);
    }

    @Test
    void detachCopiesNestedChildrenAndDictionaries() {
        Field list = Field.nullable("l", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.UTF8));
        Field dict = Field.nullable("d", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0));
        Array l = Arrow.of(list, java.util.Arrays.asList(List.of("a", "b"), null, List.of("c"))).slice(1, 2);
        Array d = Arrow.of(dict, java.util.Arrays.asList("x", null, "x"));
        try (Arena arena = Arena.ofConfined()) {
            ArrayData lc = ArrayCopier.copy(l.data(), arena);
            ArrayData dc = ArrayCopier.copy(d.data(), arena);
            assertTrue(lc.child(0).buffer(2).isNative());
            assertTrue(dc.dictionary().buffer(1).isNative());
            assertNull(ArrayEquality.compare(list, l.data(), lc));
            assertNull(ArrayEquality.compare(dict, d.data(), dc));
        }
    }
}
