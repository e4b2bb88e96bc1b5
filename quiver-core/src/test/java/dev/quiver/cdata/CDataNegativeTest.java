package dev.quiver.cdata;

import dev.quiver.InvalidDataException;
import dev.quiver.array.RecordBatch;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.validate.ValidationLevel;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.quiver.cdata.CStructs.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed structures, laid out by hand with FFM, are refused with an {@link InvalidDataException} that names the
 * field and says what is wrong; the producer's release is called exactly once all the same (the import owns the
 * structure from the call on).
 */
class CDataNegativeTest {
    static final Schema INTS = Schema.of(Field.nullable("x", ArrowTypes.INT32));

    private static InvalidDataException importFails(HandBuilt p, MemorySegment array, Schema schema,
                                                    ValidationLevel level) {
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> CData.importBatch(array, schema, level));
        assertEquals(1, p.arrayReleases.get(), "released once after the failed import");
        return e;
    }

    /** A batch (struct array) of one column. */
    private static MemorySegment batch(HandBuilt p, long rows, MemorySegment column) {
        return p.array(rows, 0, 0, new MemorySegment[] {null}, column);
    }

    @Test
    void wrongBufferCount() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(3, 0, 0, new MemorySegment[] {null}); // int32 needs 2
            InvalidDataException e = importFails(p, batch(p, 3, col), INTS, ValidationLevel.FULL);
            assertEquals("x", e.fieldPath());
            assertTrue(e.detail().contains("needs 2 buffers") && e.detail().contains("n_buffers is 1"), e.getMessage());
        }
    }

    @Test
    void nullValuesBuffer() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(3, 0, 0, new MemorySegment[] {null, null});
            InvalidDataException e = importFails(p, batch(p, 3, col), INTS, ValidationLevel.BASIC);
            assertEquals("x", e.fieldPath());
            assertTrue(e.detail().contains("buffer 1 (values) is null"), e.getMessage());
        }
    }

    @Test
    void nullBitmapWithNulls() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(3, 1, 0, new MemorySegment[] {null, p.ints(1, 2, 3)});
            InvalidDataException e = importFails(p, batch(p, 3, col), INTS, ValidationLevel.BASIC);
            assertTrue(e.detail().contains("validity bitmap is null"), e.getMessage());
        }
    }

    @Test
    void negativeLength() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(-1, 0, 0, new MemorySegment[] {null, p.ints(1)});
            InvalidDataException e = importFails(p, batch(p, 1, col), INTS, ValidationLevel.NONE);
            assertEquals("x", e.fieldPath());
            assertTrue(e.detail().contains("negative length -1"), e.getMessage());
        }
    }

    @Test
    void negativeOffset() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(1, 0, -4, new MemorySegment[] {null, p.ints(1)});
            InvalidDataException e = importFails(p, batch(p, 1, col), INTS, ValidationLevel.NONE);
            assertTrue(e.detail().contains("negative offset"), e.getMessage());
        }
    }

    @Test
    void columnShorterThanBatch() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(2, 0, 0, new MemorySegment[] {null, p.ints(1, 2)});
            InvalidDataException e = importFails(p, batch(p, 3, col), INTS, ValidationLevel.BASIC);
            assertEquals("x", e.fieldPath());
            assertTrue(e.detail().contains("column has length 2"), e.getMessage());
        }
    }

    @Test
    void releasedArray() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment a = batch(p, 1, p.array(1, 0, 0, new MemorySegment[] {null, p.ints(7)}));
            a.set(ADDRESS, A_RELEASE, MemorySegment.NULL);
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> CData.importBatch(a, INTS));
            assertTrue(e.detail().contains("released"), e.getMessage());
            assertEquals(0, p.arrayReleases.get(), "a released structure is not released again");
        }
    }

    @Test
    void releasedChildArray() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(1, 0, 0, new MemorySegment[] {null, p.ints(7)});
            col.set(ADDRESS, A_RELEASE, MemorySegment.NULL);
            InvalidDataException e = importFails(p, batch(p, 1, col), INTS, ValidationLevel.NONE);
            assertEquals("x", e.fieldPath());
            assertTrue(e.detail().contains("released"), e.getMessage());
        }
    }

    @Test
    void badFormatString() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment s = p.schema("+s", "", 0, p.schema("q", "x", FLAG_NULLABLE));
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> CData.importSchema(s));
            assertEquals("x", e.fieldPath());
            assertTrue(e.detail().contains("format string 'q'"), e.getMessage());
            assertEquals(1, p.schemaReleases.get());
        }
        for (String bad : new String[] {"", "d:", "d:x,1", "w:-1", "+w:", "tsx:", "+ud:1,500", "ii", "d:0,0"}) {
            assertThrows(InvalidDataException.class, () -> CDataFormat.parse(bad, 0, "f"), bad);
        }
    }

    @Test
    void nullFormat() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment s = p.schema(null, "x", 0);
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> CData.importField(s));
            assertTrue(e.detail().contains("format is null"), e.getMessage());
        }
    }

    @Test
    void wrongChildCountInSchema() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment s = p.schema("+s", "", 0, p.schema("+l", "list", FLAG_NULLABLE));
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> CData.importSchema(s));
            assertEquals("list", e.fieldPath());
            assertTrue(e.detail().contains("needs 1 child"), e.getMessage());
        }
    }

    @Test
    void releasedSchema() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment s = p.schema("+s", "", 0);
            s.set(ADDRESS, S_RELEASE, MemorySegment.NULL);
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> CData.importSchema(s));
            assertTrue(e.detail().contains("released"), e.getMessage());
        }
    }

    @Test
    void nestedErrorNamesThePath() {
        Schema schema = Schema.of(Field.nullable("s", new ArrowType.Struct(), Field.nullable("a", ArrowTypes.INT32)));
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment a = p.array(1, 0, 0, new MemorySegment[] {null, p.ints(1), null}); // 3 buffers
            MemorySegment s = p.array(1, 0, 0, new MemorySegment[] {null}, a);
            InvalidDataException e = importFails(p, batch(p, 1, s), schema, ValidationLevel.FULL);
            assertEquals("s.a", e.fieldPath());
        }
    }

    @Test
    void utf8OffsetsOutOfOrderAtFull() {
        Schema schema = Schema.of(Field.nullable("t", ArrowTypes.UTF8));
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment t = p.array(2, 0, 0, new MemorySegment[] {null, p.ints(0, 5, 3), p.bytes("abcde".getBytes())});
            InvalidDataException e = importFails(p, batch(p, 2, t), schema, ValidationLevel.FULL);
            assertEquals("t", e.fieldPath());
            assertTrue(e.detail().contains("offsets decrease"), e.getMessage());
        }
    }

    @Test
    void utf8NegativeLastOffset() {
        Schema schema = Schema.of(Field.nullable("t", ArrowTypes.UTF8));
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment t = p.array(1, 0, 0, new MemorySegment[] {null, p.ints(0, -3), null});
            InvalidDataException e = importFails(p, batch(p, 1, t), schema, ValidationLevel.NONE);
            assertTrue(e.detail().contains("last offset -3 is negative"), e.getMessage());
        }
    }

    @Test
    void invalidUtf8AtFull() {
        Schema schema = Schema.of(Field.nullable("t", ArrowTypes.UTF8));
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment t = p.array(1, 0, 0, new MemorySegment[] {null, p.ints(0, 2), p.bytes((byte) 0xC3, (byte) 0x28)});
            importFails(p, batch(p, 1, t), schema, ValidationLevel.FULL);
        }
    }

    @Test
    void dictionaryMissing() {
        Field f = new Field("d", ArrowTypes.UTF8, true, List.of(), new DictionaryEncoding(0, ArrowTypes.INT32, false), null);
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment idx = p.array(1, 0, 0, new MemorySegment[] {null, p.ints(0)});
            InvalidDataException e = importFails(p, batch(p, 1, idx), Schema.of(f), ValidationLevel.BASIC);
            assertTrue(e.detail().contains("ArrowArray.dictionary is null"), e.getMessage());
        }
    }

    @Test
    void dictionaryIndexOutsideDictionaryAtFull() {
        Field f = new Field("d", ArrowTypes.INT32, true, List.of(), new DictionaryEncoding(0, ArrowTypes.INT32, false), null);
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment idx = p.array(1, 0, 0, new MemorySegment[] {null, p.ints(5)});
            MemorySegment dict = p.array(1, 0, 0, new MemorySegment[] {null, p.ints(42)});
            idx.set(ADDRESS, A_DICTIONARY, dict);
            importFails(p, batch(p, 1, idx), Schema.of(f), ValidationLevel.FULL);
        }
    }

    @Test
    void nullCountBeyondLength() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(1, 5, 0, new MemorySegment[] {p.bytes((byte) 0), p.ints(7)});
            InvalidDataException e = importFails(p, batch(p, 1, col), INTS, ValidationLevel.NONE);
            assertTrue(e.detail().contains("null count 5"), e.getMessage());
        }
    }

    @Test
    void validImportReleasesOnceOnClose() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(3, 1, 0, new MemorySegment[] {p.bytes((byte) 0b101), p.ints(1, 2, 3)});
            MemorySegment a = batch(p, 3, col);
            RecordBatch b = CData.importBatch(a, INTS);
            assertTrue(a.get(ADDRESS, A_RELEASE).address() == 0, "the source is marked released (moved)");
            assertEquals(java.util.Arrays.asList(1, null, 3), b.column(0).toList());
            assertEquals(0, p.arrayReleases.get());
            b.close();
            assertEquals(1, p.arrayReleases.get());
            b.close();
            assertEquals(1, p.arrayReleases.get(), "exactly once");
            assertThrows(IllegalStateException.class, () -> b.column(0));
        }
    }

    @Test
    void nullCountUnknownIsComputed() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(3, -1, 0, new MemorySegment[] {p.bytes((byte) 0b001), p.ints(1, 2, 3)});
            try (RecordBatch b = CData.importBatch(batch(p, 3, col), INTS)) {
                assertEquals(2, b.column(0).nullCount());
            }
        }
    }

    @Test
    void droppedImportIsReleasedByTheCollector() throws Exception {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment col = p.array(2, 0, 0, new MemorySegment[] {null, p.ints(4, 5)});
            importAndDrop(p, batch(p, 2, col));
            for (int i = 0; i < 200 && p.arrayReleases.get() == 0; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(1, p.arrayReleases.get(), "released once the batch became unreachable");
        }
    }

    private static void importAndDrop(HandBuilt p, MemorySegment a) {
        RecordBatch b = CData.importBatch(a, INTS);
        assertEquals(List.of(4, 5), b.column(0).toList());
    }

    @Test
    void schemaMetadataIsBoundsChecked() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment s = p.schema("i", "x", 0);
            MemorySegment m = p.ints(1, -7);
            s.set(ADDRESS, S_METADATA, m);
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> CData.importField(s));
            assertTrue(e.detail().contains("negative length"), e.getMessage());
        }
    }

    @Test
    void nChildrenNegative() {
        try (HandBuilt p = new HandBuilt()) {
            MemorySegment s = p.schema("+s", "", 0);
            s.set(JAVA_LONG, S_N_CHILDREN, -2);
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> CData.importSchema(s));
            assertTrue(e.detail().contains("n_children is -2"), e.getMessage());
        }
    }
}
