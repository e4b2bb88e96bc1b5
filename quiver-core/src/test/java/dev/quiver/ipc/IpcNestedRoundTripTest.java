package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.memory.LE;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.UnionMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Unions (sparse, dense), run-end encoded (16/32/64-bit run ends), utf8_view, binary_view, list_view and
 * large_list_view × {stream, file} × {none, LZ4, ZSTD} × {nulls, no nulls, empty, sliced}: written and read back
 * equal. Sliced arrays have offsets that are not multiples of 8.
 */
class IpcNestedRoundTripTest {
    enum Shape { NULLS, NO_NULLS, EMPTY, SLICED }

    /** Builds an array of n slots for a field, with nulls somewhere inside when asked. */
    interface Gen {
        Array make(Field f, int n, boolean nulls);
    }

    static final ArrowType.Union SPARSE = new ArrowType.Union(UnionMode.SPARSE, new int[] {5, 9});
    static final ArrowType.Union DENSE = new ArrowType.Union(UnionMode.DENSE, new int[] {5, 9});

    static Map<String, Map.Entry<Field, Gen>> cases() {
        Map<String, Map.Entry<Field, Gen>> m = new LinkedHashMap<>();
        List<Field> unionChildren = List.of(Field.nullable("i", ArrowTypes.INT32), Field.nullable("s", ArrowTypes.UTF8));
        m.put("sparse_union", Map.entry(new Field("v", SPARSE, true, unionChildren, null, null),
                IpcNestedRoundTripTest::sparse));
        m.put("dense_union", Map.entry(new Field("v", DENSE, true, unionChildren, null, null),
                IpcNestedRoundTripTest::dense));
        for (ArrowType ends : new ArrowType[] {ArrowTypes.INT16, ArrowTypes.INT32, ArrowTypes.INT64}) {
            Field f = new Field("v", new ArrowType.RunEndEncoded(), false,
                    List.of(Field.notNull("run_ends", ends), Field.nullable("values", ArrowTypes.UTF8)), null, null);
            m.put("run_end_encoded<" + ends + ">", Map.entry(f, (field, n, nulls) -> {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < n; i++) values.add(nulls && (i / 4) % 3 == 1 ? null : "run" + (i / 4));
                return Arrow.of(field, values);
            }));
        }
        m.put("utf8_view", Map.entry(Field.nullable("v", new ArrowType.Utf8View()), (f, n, nulls) -> {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(nulls && i % 3 == 1 ? null : i % 2 == 0 ? "s" + i : "a longer string, not inline " + i);
            }
            return Arrow.of(f, values);
        }));
        m.put("binary_view", Map.entry(Field.nullable("v", new ArrowType.BinaryView()), (f, n, nulls) -> {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(nulls && i % 3 == 1 ? null : ("b" + "x".repeat(i % 20) + i).getBytes(StandardCharsets.UTF_8));
            }
            return Arrow.of(f, values);
        }));
        for (ArrowType lv : new ArrowType[] {new ArrowType.ListView(), new ArrowType.LargeListView()}) {
            Field f = new Field("v", lv, true, List.of(Field.nullable("item", ArrowTypes.INT32)), null, null);
            m.put(lv.toString(), Map.entry(f, (field, n, nulls) -> {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    List<Object> l = new ArrayList<>();
                    for (int k = 0; k < i % 4; k++) l.add(nulls && k == 1 ? null : i * 10 + k);
                    values.add(nulls && i % 3 == 1 ? null : l);
                }
                return Arrow.of(field, values);
            }));
        }
        return m;
    }

    private static byte typeId(int i) {
        return (byte) (i % 3 == 2 ? 9 : 5);
    }

    private static Array sparse(Field f, int n, boolean nulls) {
        byte[] types = new byte[n];
        Integer[] ints = new Integer[n];
        String[] strings = new String[n];
        for (int i = 0; i < n; i++) {
            types[i] = typeId(i);
            ints[i] = nulls && i % 4 == 1 ? null : i * 7;
            strings[i] = nulls && i % 5 == 2 ? null : "u" + i;
        }
        return Arrow.sparseUnion(SPARSE, types, Arrow.int32(ints), Arrow.utf8(strings));
    }

    private static Array dense(Field f, int n, boolean nulls) {
        byte[] types = new byte[n];
        int[] offsets = new int[n];
        List<Integer> ints = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        strings.add("unused first value");
        for (int i = 0; i < n; i++) {
            types[i] = typeId(i);
            if (types[i] == 5) {
                offsets[i] = ints.size();
                ints.add(nulls && i % 4 == 1 ? null : i * 7);
            } else {
                offsets[i] = strings.size();
                strings.add(nulls && i % 5 == 2 ? null : "d" + i);
            }
        }
        return Arrow.denseUnion(DENSE, types, offsets, Arrow.int32(ints.toArray(new Integer[0])),
                Arrow.utf8(strings.toArray(new String[0])));
    }

    @TestFactory
    List<DynamicTest> everyTypeFormatCodecShape() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map.Entry<Field, Gen>> t : cases().entrySet()) {
            for (boolean file : new boolean[] {false, true}) {
                for (CompressionType codec : new CompressionType[] {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD}) {
                    for (Shape shape : Shape.values()) {
                        String name = t.getKey() + " / " + (file ? "file" : "stream") + " / "
                                + (codec == null ? "none" : codec) + " / " + shape;
                        tests.add(DynamicTest.dynamicTest(name,
                                () -> roundTrip(t.getValue().getKey(), t.getValue().getValue(), file, codec, shape)));
                    }
                }
            }
        }
        return tests;
    }

    private static void roundTrip(Field field, Gen gen, boolean file, CompressionType codec, Shape shape)
            throws IOException {
        Schema schema = Schema.of(field, Field.nullable("i", ArrowTypes.INT32));
        List<RecordBatch> batches = new ArrayList<>();
        switch (shape) {
            case NULLS -> {
                batches.add(batch(schema, gen.make(field, 37, true)));
                batches.add(batch(schema, gen.make(field, 5, true)));
            }
            case NO_NULLS -> batches.add(batch(schema, gen.make(field, 70, false)));
            case EMPTY -> {
                batches.add(batch(schema, gen.make(field, 0, true)));
                batches.add(batch(schema, gen.make(field, 3, true)));
            }
            case SLICED -> {
                Array full = gen.make(field, 101, true);
                batches.add(batch(schema, full.slice(3, 50)));
                batches.add(batch(schema, full.slice(16, 0)));
                batches.add(batch(schema, full.slice(57, 44)));
                batches.add(batch(schema, full.slice(98, 1)));
            }
        }
        byte[] bytes = write(schema, batches, file, IpcWriteOptions.DEFAULT.withCompression(codec));
        compareAll(batches, read(bytes, file));
    }

    static byte[] write(Schema schema, List<RecordBatch> batches, boolean file, IpcWriteOptions options)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = file ? Ipc.newFile(out, schema, options) : Ipc.newStream(out, schema, options)) {
            w.writeAll(batches);
        }
        return out.toByteArray();
    }

    /** Reads every batch (validated fully) and detaches it. */
    static List<RecordBatch> read(byte[] bytes, boolean file) throws IOException {
        IpcReadOptions full = IpcReadOptions.DEFAULT.withValidation(dev.quiver.validate.ValidationLevel.FULL);
        List<RecordBatch> read;
        if (file) {
            try (RecordBatchFileReader r = Ipc.openFile(MemorySegment.ofArray(bytes), full)) {
                read = r.readAll().batches();
                read.forEach(RecordBatch::detach);
            }
        } else {
            try (RecordBatchStreamReader r = Ipc.openStream(MemorySegment.ofArray(bytes), full)) {
                read = r.readAll().batches();
                read.forEach(RecordBatch::detach);
            }
        }
        return read;
    }

    static void compareAll(List<RecordBatch> expected, List<RecordBatch> actual) {
        assertEquals(expected.size(), actual.size(), "number of batches");
        for (int i = 0; i < expected.size(); i++) {
            assertNull(ArrayEquality.compare(expected.get(i), actual.get(i)), "batch " + i);
        }
    }

    private static RecordBatch batch(Schema schema, Array values) {
        Integer[] ints = new Integer[values.length()];
        for (int i = 0; i < ints.length; i++) ints[i] = i;
        return RecordBatch.of(schema, List.of(values, Arrow.int32(ints)));
    }

    // ---- specific layouts ----------------------------------------------------------------------

    @Test
    void viewArrayWithSeveralDataBuffersWritesItsVariadicCounts() throws IOException {
        // two view columns: 2 data buffers and 0 data buffers; the message lists both counts in order
        MemorySegment d0 = MemorySegment.ofArray("first data buffer with long values".getBytes(StandardCharsets.UTF_8));
        MemorySegment d1 = MemorySegment.ofArray("second buffer: more long values".getBytes(StandardCharsets.UTF_8));
        MemorySegment views = MemorySegment.ofArray(new byte[3 * 16]);
        view(views, 0, d0, 0, 0, 17);
        view(views, 1, d1, 1, 7, 20);
        views.set(LE.INT, 32, 3);
        views.set(LE.BYTE, 36, (byte) 'a');
        views.set(LE.BYTE, 37, (byte) 'b');
        views.set(LE.BYTE, 38, (byte) 'c');
        Array twoBuffers = Array.of(new ArrayData(new ArrowType.Utf8View(), 3, 0, 0,
                new MemorySegment[] {ArrayData.ABSENT, views, d0, d1}, null, null));
        Array inline = Arrow.of(Field.nullable("w", new ArrowType.BinaryView()),
                java.util.Arrays.asList(new byte[] {1}, null, new byte[] {2, 3}));
        Schema schema = Schema.of(Field.nullable("v", new ArrowType.Utf8View()),
                Field.nullable("w", new ArrowType.BinaryView()));
        RecordBatch b = RecordBatch.of(schema, List.of(twoBuffers, inline));
        assertEquals(List.of("first data buffer", "buffer: more long va", "abc"),
                java.util.stream.IntStream.range(0, 3).mapToObj(twoBuffers::getObject).toList());
        for (boolean file : new boolean[] {false, true}) {
            byte[] bytes = write(schema, List.of(b, b.slice(1, 2)), file, IpcWriteOptions.DEFAULT);
            compareAll(List.of(b, b.slice(1, 2)), read(bytes, file));
            Inspector.StreamLayout layout = Inspector.stream(MemorySegment.ofArray(bytes), file ? 8 : 0,
                    IpcLimits.DEFAULT);
            int batches = 0;
            for (MessageSummary m : layout.messages()) {
                if (m.message().header() instanceof MessageHeader.RecordBatchHeader h) {
                    assertArrayEquals(new long[] {2, 0}, h.variadicBufferCounts());
                    batches++;
                }
            }
            assertEquals(2, batches);
        }
    }

    private static void view(MemorySegment views, int i, MemorySegment data, int buffer, int offset, int length) {
        long at = i * 16L;
        views.set(LE.INT, at, length);
        MemorySegment.copy(data, offset, views, at + 4, 4);
        views.set(LE.INT, at + 8, buffer);
        views.set(LE.INT, at + 12, offset);
    }

    @Test
    void slicedDenseUnionKeepsOnlyTheChildRangesItUses() throws IOException {
        Array u = dense(null, 40, true);
        Schema schema = Schema.of(new Field("v", DENSE, true,
                List.of(Field.nullable("i", ArrowTypes.INT32), Field.nullable("s", ArrowTypes.UTF8)), null, null));
        RecordBatch sliced = RecordBatch.of(schema, List.of(u.slice(11, 9)));
        byte[] bytes = write(schema, List.of(sliced), false, IpcWriteOptions.DEFAULT);
        List<RecordBatch> read = read(bytes, false);
        compareAll(List.of(sliced), read);
        ArrayData d = read.get(0).column(0).data();
        // slots 11..19: type 9 at 11, 14, 17 (3 strings); type 5 at the other 6 slots
        assertEquals(6, d.child(0).length());
        assertEquals(3, d.child(1).length());
        assertEquals(0, d.buffer(1).get(LE.INT, 0), "offsets rebased to the first value used");
    }

    @Test
    void slicedRunEndEncodedClampsItsRuns() throws IOException {
        Field f = new Field("v", new ArrowType.RunEndEncoded(), false,
                List.of(Field.notNull("run_ends", ArrowTypes.INT32), Field.nullable("values", ArrowTypes.INT64)), null, null);
        // runs: [0,3) 1, [3,10) 2, [10,12) 3, [12,20) 4
        List<Object> values = new ArrayList<>();
        long[] runValues = {1, 2, 3, 4};
        int[] ends = {3, 10, 12, 20};
        for (int r = 0, i = 0; r < 4; r++) for (; i < ends[r]; i++) values.add(runValues[r]);
        Array a = Arrow.of(f, values);
        Schema schema = Schema.of(f);
        RecordBatch sliced = RecordBatch.of(schema, List.of(a.slice(5, 6)));  // 2,2,2,2,2,3
        List<RecordBatch> read = read(write(schema, List.of(sliced), false, IpcWriteOptions.DEFAULT), false);
        compareAll(List.of(sliced), read);
        ArrayData d = read.get(0).column(0).data();
        assertEquals(2, d.child(0).length(), "two runs cover the slice");
        assertEquals(5, d.child(0).buffer(1).get(LE.INT, 0));
        assertEquals(6, d.child(0).buffer(1).get(LE.INT, 4));
        assertEquals(List.of(2L, 2L, 2L, 2L, 2L, 3L),
                java.util.stream.IntStream.range(0, 6).mapToObj(read.get(0).column(0)::getObject).toList());
    }
}
