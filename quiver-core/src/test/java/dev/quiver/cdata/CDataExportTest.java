package dev.quiver.cdata;

import dev.quiver.array.Array;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DateUnit;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.ExtensionTypes;
import dev.quiver.type.Field;
import dev.quiver.type.FloatPrecision;
import dev.quiver.type.IntervalUnit;
import dev.quiver.type.Schema;
import dev.quiver.type.UnionMode;
import dev.quiver.validate.ValidationLevel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.quiver.cdata.CStructs.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export details: format strings, schema flags and metadata, release from other threads, moved children, streams. */
class CDataExportTest {

    static final List<ArrowType> TYPES = List.of(ArrowTypes.NULL, ArrowTypes.BOOL, ArrowTypes.INT8, ArrowTypes.UINT8,
            ArrowTypes.INT16, ArrowTypes.UINT16, ArrowTypes.INT32, ArrowTypes.UINT32, ArrowTypes.INT64, ArrowTypes.UINT64,
            new ArrowType.FloatingPoint(FloatPrecision.HALF), ArrowTypes.FLOAT32, ArrowTypes.FLOAT64, ArrowTypes.BINARY,
            ArrowTypes.LARGE_BINARY, ArrowTypes.BINARY_VIEW, ArrowTypes.UTF8, ArrowTypes.LARGE_UTF8, ArrowTypes.UTF8_VIEW,
            new ArrowType.Decimal(19, 10, 128), new ArrowType.Decimal(7, 2, 32), new ArrowType.Decimal(15, -3, 64),
            new ArrowType.Decimal(40, 5, 256), new ArrowType.FixedSizeBinary(42), new ArrowType.Date(DateUnit.DAY),
            new ArrowType.Date(DateUnit.MILLISECOND), new ArrowType.Time(ArrowTimeUnit.SECOND),
            new ArrowType.Time(ArrowTimeUnit.MILLISECOND), new ArrowType.Time(ArrowTimeUnit.MICROSECOND),
            new ArrowType.Time(ArrowTimeUnit.NANOSECOND), new ArrowType.Timestamp(ArrowTimeUnit.SECOND, null),
            new ArrowType.Timestamp(ArrowTimeUnit.MILLISECOND, "Europe/Paris"),
            new ArrowType.Timestamp(ArrowTimeUnit.MICROSECOND, "+07:30"), new ArrowType.Timestamp(ArrowTimeUnit.NANOSECOND, "UTC"),
            new ArrowType.Duration(ArrowTimeUnit.SECOND), new ArrowType.Duration(ArrowTimeUnit.MILLISECOND),
            new ArrowType.Duration(ArrowTimeUnit.MICROSECOND), new ArrowType.Duration(ArrowTimeUnit.NANOSECOND),
            new ArrowType.Interval(IntervalUnit.YEAR_MONTH), new ArrowType.Interval(IntervalUnit.DAY_TIME),
            new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO), new ArrowType.List(), new ArrowType.LargeList(),
            new ArrowType.ListView(), new ArrowType.LargeListView(), new ArrowType.FixedSizeList(123),
            new ArrowType.Struct(), new ArrowType.Map(false), new ArrowType.RunEndEncoded(),
            new ArrowType.Union(UnionMode.DENSE, new int[] {4, 5}), new ArrowType.Union(UnionMode.SPARSE, new int[] {0, 1, 7}));

    @Test
    void everyFormatStringRoundTrips() {
        for (ArrowType t : TYPES) {
            int children = t instanceof ArrowType.Union u ? u.typeIds().length : 0;
            assertEquals(t, CDataFormat.parse(CDataFormat.of(t), children, "f"), CDataFormat.of(t));
        }
        assertEquals("d:12,5", CDataFormat.of(new ArrowType.Decimal(12, 5, 128)));
        assertEquals("d:12,5,256", CDataFormat.of(new ArrowType.Decimal(12, 5, 256)));
        assertEquals("tsu:", CDataFormat.of(new ArrowType.Timestamp(ArrowTimeUnit.MICROSECOND, null)));
        assertEquals("tsn:America/New_York", CDataFormat.of(new ArrowType.Timestamp(ArrowTimeUnit.NANOSECOND, "America/New_York")));
        assertEquals("+us:4,5", CDataFormat.of(new ArrowType.Union(UnionMode.SPARSE, new int[] {4, 5})));
        assertEquals("+w:123", CDataFormat.of(new ArrowType.FixedSizeList(123)));
        assertEquals("vu", CDataFormat.of(ArrowTypes.UTF8_VIEW));
        assertEquals("+r", CDataFormat.of(new ArrowType.RunEndEncoded()));
    }

    @Test
    void schemaRoundTripKeepsFlagsMetadataDictionariesAndExtensions() {
        Map<String, String> md = new LinkedHashMap<>();
        md.put("k", "v");
        md.put("ключ", "значение ✓");
        Field entries = Field.notNull("entries", ArrowTypes.STRUCT, Field.notNull("key", ArrowTypes.UTF8),
                Field.nullable("value", ArrowTypes.INT64));
        Field ext = Field.nullable("uuid", new ArrowType.FixedSizeBinary(16))
                .withMetadata(Map.of(ExtensionTypes.NAME_KEY, "arrow.uuid", ExtensionTypes.METADATA_KEY, ""));
        Schema schema = new Schema(List.of(
                Field.notNull("id", ArrowTypes.INT64).withMetadata(md),
                new Field("dict", ArrowTypes.UTF8, true, List.of(), new DictionaryEncoding(0, ArrowTypes.INT8, true), null),
                new Field("dlist", ArrowTypes.LIST, false, List.of(Field.nullable("item", ArrowTypes.FLOAT32)),
                        new DictionaryEncoding(1, ArrowTypes.UINT16, false), null),
                Field.nullable("m", new ArrowType.Map(true), entries),
                Field.nullable("ts", new ArrowType.Timestamp(ArrowTimeUnit.MICROSECOND, "Asia/Tokyo")),
                Field.nullable("u", new ArrowType.Union(UnionMode.DENSE, new int[] {3, 9}),
                        Field.nullable("a", ArrowTypes.INT32), Field.nullable("b", ArrowTypes.UTF8)),
                Field.nullable("ree", new ArrowType.RunEndEncoded(), Field.notNull("run_ends", ArrowTypes.INT32),
                        Field.nullable("values", ArrowTypes.UTF8_VIEW)),
                ext), Map.of("schema-level", "yes"), null);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = CData.allocateSchema(a);
            CData.exportSchema(schema, s);
            assertEquals("+s", CStructs.string(ptr(s, S_FORMAT)));
            assertFalse(CData.isReleased(s, CData.StructKind.SCHEMA));
            Schema back = CData.importSchema(s);
            assertTrue(CData.isReleased(s, CData.StructKind.SCHEMA));
            assertEquals(schema, back);
            assertEquals("arrow.uuid", back.field(7).extensionName());
        }
    }

    @Test
    void dictionaryFlagsAndFormats() {
        Field f = new Field("d", ArrowTypes.UTF8, false, List.of(), new DictionaryEncoding(0, ArrowTypes.INT16, true), null);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = CData.allocateSchema(a);
            CData.exportField(f, s);
            assertEquals("s", CStructs.string(ptr(s, S_FORMAT)), "the index type");
            assertEquals(FLAG_DICTIONARY_ORDERED, s.get(java.lang.foreign.ValueLayout.JAVA_LONG, S_FLAGS));
            MemorySegment dict = CStructs.at(ptr(s, S_DICTIONARY), ARROW_SCHEMA);
            assertEquals("u", CStructs.string(ptr(dict, S_FORMAT)), "the value type");
            assertEquals(f, CData.importField(s));
        }
    }

    @Test
    void heapBuiltArraysAreCopiedOnceAndReadBack() {
        RecordBatch b = RecordBatch.builder()
                .add("i", Arrow.int32(1, null, 3))
                .add("s", Arrow.utf8("a", null, "ccc"))
                .add("d", Arrow.dictionary(Arrow.int8(0, 1, 0), Arrow.utf8("x", "y")))
                .build();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment arr = CData.allocateArray(a);
            MemorySegment sch = CData.allocateSchema(a);
            CData.exportBatch(b, arr, sch);
            try (RecordBatch back = CData.importBatch(arr, sch, ValidationLevel.FULL)) {
                assertEquals(b.schema(), back.schema());
                for (int c = 0; c < 3; c++) assertEquals(b.column(c).toList(), back.column(c).toList());
            }
        }
    }

    @Test
    void singleArrayRoundTrip() {
        Array arr = Arrow.utf8("p", null, "q").slice(1, 2);
        Field f = Field.nullable("t", ArrowTypes.UTF8);
        int before = CData.liveExports();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment as = CData.allocateArray(a);
            MemorySegment ss = CData.allocateSchema(a);
            CData.exportArray(f, arr, as, ss);
            try (ImportedArray back = CData.importArray(as, ss, ValidationLevel.FULL)) {
                assertEquals(f, back.field());
                assertEquals(Arrays.asList(null, "q"), back.array().toList());
            }
        }
        assertEquals(before, CData.liveExports());
    }

    @Test
    void releaseOnAnotherThread() throws Exception {
        RecordBatch b = RecordBatch.builder().add("x", Arrow.int64(5L, 6L)).build();
        int before = CData.liveExports();
        try (Arena a = Arena.ofShared()) {
            MemorySegment arr = CData.allocateArray(a);
            CData.exportBatch(b, arr);
            assertEquals(before + 1, CData.liveExports());
            Thread t = new Thread(() -> callRelease(arr, A_RELEASE));
            t.start();
            t.join();
            assertTrue(CData.isReleased(arr, CData.StructKind.ARRAY));
            assertEquals(before, CData.liveExports(), "released from another thread");
        }
        assertEquals(List.of(5L, 6L), b.column(0).toList(), "the batch itself is untouched");
    }

    @Test
    void aMovedChildOutlivesItsParent() {
        RecordBatch b = RecordBatch.builder().add("x", Arrow.int32(1, 2)).add("y", Arrow.utf8("a", "b")).build();
        int before = CData.liveExports();
        try (Arena a = Arena.ofShared()) {
            MemorySegment arr = CData.allocateArray(a);
            CData.exportBatch(b, arr);
            // move child 1 out (bitwise copy, mark the source released), then release the parent
            MemorySegment child = CStructs.at(MemorySegment.ofAddress(ptr(arr, A_CHILDREN)).reinterpret(16)
                    .getAtIndex(ADDRESS, 1).address(), ARROW_ARRAY);
            MemorySegment moved = CData.allocateArray(a);
            moved.copyFrom(child);
            setPtr(child, A_RELEASE, 0);
            callRelease(arr, A_RELEASE);
            assertEquals(before + 1, CData.liveExports(), "the moved child still holds the export");
            ImportedArray y = CData.importArray(moved, Field.nullable("y", ArrowTypes.UTF8), ValidationLevel.FULL);
            assertEquals(List.of("a", "b"), y.array().toList());
            y.close();
            assertEquals(before, CData.liveExports());
        }
    }

    @Test
    void streamErrorsReachTheConsumer() throws Exception {
        Schema schema = Schema.of(Field.nullable("x", ArrowTypes.INT32));
        AtomicBoolean closed = new AtomicBoolean();
        RecordBatchReader failing = new RecordBatchReader() {
            int n;
            @Override public Schema schema() { return schema; }
            @Override public RecordBatch readNext() throws IOException {
                if (n++ == 0) return RecordBatch.of(schema, List.of(Arrow.int32(1, 2)));
                throw new IOException("disk on fire");
            }
            @Override public void close() { closed.set(true); }
        };
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = CData.allocateStream(a);
            CData.exportStream(failing, st);
            try (CDataStreamReader in = CData.importStream(st, ValidationLevel.FULL)) {
                assertEquals(schema, in.schema());
                try (RecordBatch first = in.readNext()) {
                    assertEquals(List.of(1, 2), first.column(0).toList());
                }
                IOException e = assertThrows(IOException.class, in::readNext);
                assertTrue(e.getMessage().contains("disk on fire") && e.getMessage().contains("error code 5"),
                        e.getMessage());
            }
        }
        assertTrue(closed.get(), "the reader closes with the stream");
    }

    @Test
    void theReaderClosesOnlyAfterItsLastBatchIsReleased() throws Exception {
        Schema schema = Schema.of(Field.nullable("x", ArrowTypes.INT32));
        AtomicBoolean closed = new AtomicBoolean();
        RecordBatchReader one = new RecordBatchReader() {
            boolean done;
            @Override public Schema schema() { return schema; }
            @Override public RecordBatch readNext() {
                if (done) return null;
                done = true;
                return RecordBatch.of(schema, List.of(Arrow.int32(9)));
            }
            @Override public void close() { closed.set(true); }
        };
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = CData.allocateStream(a);
            CData.exportStream(one, st);
            RecordBatch b;
            try (CDataStreamReader in = CData.importStream(st, ValidationLevel.FULL)) {
                b = in.readNext();
                assertEquals(null, in.readNext());
            }
            assertFalse(closed.get(), "a batch is still out");
            assertEquals(List.of(9), b.column(0).toList());
            b.close();
            assertTrue(closed.get());
        }
    }

    @Test
    void exportsIntoAddresses() {
        RecordBatch b = RecordBatch.builder().add("x", Arrow.float64(1.5, 2.5)).build();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment arr = CData.allocateArray(a);
            MemorySegment sch = CData.allocateSchema(a);
            CData.exportBatch(b, arr.address(), sch.address());
            try (RecordBatch back = CData.importBatch(arr.address(), sch.address())) {
                assertEquals(List.of(1.5, 2.5), back.column(0).toList());
            }
        }
    }
}
