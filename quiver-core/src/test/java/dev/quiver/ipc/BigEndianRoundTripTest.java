package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.DayTime;
import dev.quiver.array.MonthDayNano;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.testing.TestData;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Endianness;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.UnionMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Big-endian data: written with {@code IpcWriteOptions.withEndianness(BIG)} (schema says Big, every buffer
 * swapped), read back (stream reader from memory and from a channel, push decoder, file reader) swapped to
 * little-endian with a little-endian schema, equal to what was written. Covers
 * every type of {@link SampleData}, nested and dictionary-encoded fields, and every gold case's batches the
 * (unions, views, list views, run-end encoded, nested dictionaries included); the raw bytes are checked to
 * really be big-endian.
 */
class BigEndianRoundTripTest {
    private static final IpcWriteOptions BIG = IpcWriteOptions.DEFAULT.withEndianness(Endianness.BIG);
    private static final CompressionType[] CODECS = {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD};

    @TestFactory
    List<DynamicTest> everySampleType() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map.Entry<ArrowType, IntFunction<Object>>> t : SampleData.types().entrySet()) {
            ArrowType type = t.getValue().getKey();
            IntFunction<Object> gen = t.getValue().getValue();
            tests.add(DynamicTest.dynamicTest(t.getKey(), () -> {
                Schema schema = Schema.of(Field.nullable("v", type), Field.nullable("i", ArrowTypes.INT32));
                Array full = SampleData.array(type, gen, 101, true);
                List<RecordBatch> batches = List.of(
                        batch(schema, SampleData.array(type, gen, 37, true)),
                        batch(schema, SampleData.array(type, gen, 0, true)),
                        batch(schema, full.slice(3, 50)),
                        batch(schema, SampleData.array(type, gen, 70, false)));
                roundTripAllWays(schema, batches);
            }));
        }
        return tests;
    }

    /** Nested, dictionary-encoded, view, list-view and run-end encoded fields, built from Java values. */
    @TestFactory
    List<DynamicTest> nestedAndDictionaryFields() {
        Map<String, Map.Entry<Field, List<?>>> cases = new LinkedHashMap<>();
        Field item = Field.nullable("item", ArrowTypes.INT32);
        cases.put("list<int32>", Map.entry(Field.nullable("l", ArrowTypes.LIST, item),
                java.util.Arrays.asList(List.of(1, 2, 3), null, List.of(), java.util.Arrays.asList(4, null), List.of(70000))));
        cases.put("large_list<utf8>", Map.entry(Field.nullable("l", ArrowTypes.LARGE_LIST, Field.nullable("item", ArrowTypes.UTF8)),
                java.util.Arrays.asList(List.of("a", "bc"), null, List.of("d"))));
        cases.put("struct<int16, utf8, decimal128>", Map.entry(Field.nullable("s", ArrowTypes.STRUCT,
                        Field.nullable("a", ArrowTypes.INT16), Field.nullable("b", ArrowTypes.UTF8),
                        Field.nullable("c", ArrowTypes.decimal128(20, 2))),
                java.util.Arrays.asList(Map.of("a", (short) 258, "b", "x", "c", new BigDecimal("1.01")), null,
                        Map.of("a", (short) -2, "b", "yz", "c", new BigDecimal("-123456789012345.67")))));
        cases.put("map<utf8, int64>", Map.entry(Field.nullable("m", new ArrowType.Map(false),
                        Field.notNull("entries", ArrowTypes.STRUCT, Field.notNull("key", ArrowTypes.UTF8),
                                Field.nullable("value", ArrowTypes.INT64))),
                java.util.Arrays.asList(Map.of("k", 1L), null, Map.of(), Map.of("a", 1L << 40))));
        cases.put("fixed_size_list<float64>[2]", Map.entry(Field.nullable("f", new ArrowType.FixedSizeList(2),
                        Field.nullable("item", ArrowTypes.FLOAT64)),
                java.util.Arrays.asList(List.of(1.5, -2.0), null, java.util.Arrays.asList(null, 3.25))));
        cases.put("list<struct<interval_dt, interval_mdn>>", Map.entry(Field.nullable("l", ArrowTypes.LIST,
                        Field.nullable("item", ArrowTypes.STRUCT, Field.nullable("dt", ArrowTypes.DAY_TIME_INTERVAL),
                                Field.nullable("mdn", ArrowTypes.MONTH_DAY_NANO_INTERVAL))),
                java.util.Arrays.asList(List.of(Map.of("dt", new DayTime(1, -2), "mdn", new MonthDayNano(3, 4, 5L << 33))),
                        null, List.of())));
        cases.put("dictionary<int16, utf8>", Map.entry(
                Field.nullable("d", ArrowTypes.UTF8).withDictionary(new DictionaryEncoding(7, ArrowTypes.INT16, false)),
                java.util.Arrays.asList("x", "y", null, "x", "zzz")));
        cases.put("dictionary<int64, decimal256>", Map.entry(
                Field.nullable("d", ArrowTypes.decimal256(40, 1)).withDictionary(new DictionaryEncoding(8, ArrowTypes.INT64, false)),
                java.util.Arrays.asList(new BigDecimal("1.5"), null, new BigDecimal("-99999999999999999999.9"))));
        cases.put("list<dictionary<int32, int64>>", Map.entry(Field.nullable("l", ArrowTypes.LIST,
                        Field.nullable("item", ArrowTypes.INT64).withDictionary(new DictionaryEncoding(9, ArrowTypes.INT32, false))),
                java.util.Arrays.asList(List.of(5L, 6L, 5L), null, List.of(1L << 50))));
        cases.put("utf8_view", Map.entry(Field.nullable("v", ArrowTypes.UTF8_VIEW),
                java.util.Arrays.asList("short", null, "a string longer than twelve bytes", "")));
        cases.put("binary_view", Map.entry(Field.nullable("v", ArrowTypes.BINARY_VIEW),
                java.util.Arrays.asList(new byte[] {1, 2}, new byte[40], null)));
        cases.put("list_view<int16>", Map.entry(Field.nullable("l", new ArrowType.ListView(),
                        Field.nullable("item", ArrowTypes.INT16)),
                java.util.Arrays.asList(List.of((short) 1, (short) 2), null, List.of((short) 300))));
        cases.put("large_list_view<int16>", Map.entry(Field.nullable("l", new ArrowType.LargeListView(),
                        Field.nullable("item", ArrowTypes.INT16)),
                java.util.Arrays.asList(List.of((short) 1, (short) 2), null, List.of((short) 300))));
        cases.put("run_end_encoded<int32, float32>", Map.entry(Field.nullable("r", new ArrowType.RunEndEncoded(),
                        Field.notNull("run_ends", ArrowTypes.INT32), Field.nullable("values", ArrowTypes.FLOAT32)),
                java.util.Arrays.asList(1.5f, 1.5f, null, 2f, 2f, 2f)));
        List<DynamicTest> tests = new ArrayList<>();
        for (var c : cases.entrySet()) {
            tests.add(DynamicTest.dynamicTest(c.getKey(), () -> {
                Field f = c.getValue().getKey();
                Schema schema = Schema.of(f, Field.nullable("i", ArrowTypes.INT32));
                Array a = Arrow.of(f, c.getValue().getValue());
                roundTripViaLittleEndian(schema, List.of(batch(schema, a), batch(schema, a.slice(1, a.length() - 1))));
            }));
        }
        return tests;
    }

    /**
     * Every gold case's batches (unions, views, run-end encoded, dictionaries, ... as Arrow C++ wrote them),
     * rewritten big-endian and read back: equal to the same batches written little-endian and read back.
     */
    @TestFactory
    List<DynamicTest> goldCasesRewrittenBigEndian() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String folder : new String[] {"cpp-21.0.0", "1.0.0-littleendian", "2.0.0-compression", "4.0.0-shareddict"}) {
            try (var files = Files.list(TestData.integration(folder))) {
                for (Path p : files.filter(x -> x.getFileName().toString().endsWith(".stream")).sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(folder + "/" + p.getFileName(), () -> goldCase(p)));
                }
            }
        }
        return tests;
    }

    private static void goldCase(Path stream) throws IOException {
        Schema schema;
        List<RecordBatch> batches;
        try (RecordBatchStreamReader r = Ipc.openStream(stream)) {
            schema = r.schema();
            batches = r.readAll().batches();
            batches.forEach(RecordBatch::detach);
        }
        roundTripViaLittleEndian(schema, batches);
    }

    /**
     * The batches written little-endian and read back, then written big-endian every way and read back: equal
     * to the little-endian round trip (so only the byte order differs).
     */
    private static void roundTripViaLittleEndian(Schema schema, List<RecordBatch> batches) throws IOException {
        byte[] little = write(schema, batches, IpcWriteOptions.DEFAULT, false);
        List<RecordBatch> expected;
        try (RecordBatchStreamReader r = Ipc.openStream(little)) {
            expected = r.readAll().batches();
            expected.forEach(RecordBatch::detach);
        }
        roundTripAllWays(schema, expected);
    }

    /** Stream and file, every codec: big-endian bytes read back equal to {@code batches}. */
    private static void roundTripAllWays(Schema schema, List<RecordBatch> batches) throws IOException {
        for (CompressionType codec : CODECS) {
            IpcWriteOptions options = BIG.withCompression(codec);
            byte[] stream = write(schema, batches, options, false);
            assertEquals(Endianness.BIG, wireSchema(stream, 0).endianness());
            try (RecordBatchStreamReader r = Ipc.openStream(stream)) {
                assertEquals(schema.withEndianness(Endianness.LITTLE), r.schema());
                compareAll(batches, r.readAll().batches(), "stream " + codec);
            }
            try (RecordBatchStreamReader r = Ipc.openStream(new java.io.ByteArrayInputStream(stream))) {
                compareAll(batches, r.readAll().batches(), "stream from a channel " + codec);
            }
            StreamDecoderTest.Outcome pushed = StreamDecoderTest.pushed(stream, 61, IpcReadOptions.DEFAULT);
            assertNull(pushed.error(), "push decoder");
            assertEquals(schema.withEndianness(Endianness.LITTLE), pushed.schema());
            compareAll(batches, pushed.batches(), "pushed in chunks of 61 " + codec);
            byte[] file = write(schema, batches, options, true);
            try (RecordBatchFileReader r = Ipc.openFile(file)) {
                assertEquals(Endianness.BIG, r.footer().schema().endianness());
                assertEquals(Endianness.BIG, wireSchema(file, 8).endianness());
                assertEquals(schema.withEndianness(Endianness.LITTLE), r.schema());
                compareAll(batches, r.readAll().batches(), "file " + codec);
            }
            if (codec == null) { // and memory-mapped from disk
                Path tmp = Files.createTempFile("quiver-be", ".arrow");
                try {
                    Files.write(tmp, file);
                    try (RecordBatchFileReader r = Ipc.openFile(tmp)) {
                        compareAll(batches, r.readAll().batches(), "mapped file");
                    }
                } finally {
                    Files.delete(tmp);
                }
            }
        }
    }

    private static Schema wireSchema(byte[] bytes, long start) {
        var layout = Inspector.stream(MemorySegment.ofArray(bytes), start, IpcLimits.DEFAULT);
        return ((MessageHeader.SchemaHeader) layout.messages().get(0).message().header()).schema();
    }

    // ---- the bytes really are big-endian ----

    @Test
    void int32OneIsWrittenAs00000001() throws IOException {
        Schema schema = Schema.of(Field.notNull("v", ArrowTypes.INT32));
        RecordBatch b = RecordBatch.of(schema, List.of(Arrow.int32(1, 0x01020304)));
        List<byte[]> little = buffers(write(schema, List.of(b), IpcWriteOptions.DEFAULT, false));
        List<byte[]> big = buffers(write(schema, List.of(b), BIG, false));
        assertEquals("0100000004030201", hex(little.get(1)));
        assertEquals("0000000101020304", hex(big.get(1)));
        assertEquals(0, big.get(0).length, "no validity bitmap");
    }

    @Test
    void everyLayoutIsSwappedAsTheSpecSays() throws IOException {
        Field list = Field.nullable("l", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.INT16));
        Schema schema = Schema.of(
                Field.nullable("b", ArrowTypes.BOOL),
                Field.nullable("s", ArrowTypes.UTF8),
                Field.nullable("ls", ArrowTypes.LARGE_UTF8),
                list,
                Field.nullable("f16", ArrowTypes.FLOAT16),
                Field.nullable("d128", ArrowTypes.decimal128(38, 0)),
                Field.nullable("d32", ArrowTypes.decimal32(9, 0)),
                Field.nullable("dt", ArrowTypes.DAY_TIME_INTERVAL),
                Field.nullable("mdn", ArrowTypes.MONTH_DAY_NANO_INTERVAL),
                Field.nullable("fsb", ArrowTypes.fixedSizeBinary(3)),
                Field.nullable("i8", ArrowTypes.INT8));
        RecordBatch b = RecordBatch.of(schema, List.of(
                Arrow.bool(true, null),
                Arrow.utf8("ab", "c"),
                Arrow.largeUtf8("ab", "c"),
                Arrow.of(list, List.of(List.of((short) 1), List.of((short) 2, (short) 0x0102))),
                Arrow.float16(1.0, 2.0),
                Arrow.decimal128(38, 0, BigDecimal.ONE, BigDecimal.valueOf(0x0102)),
                Arrow.of(ArrowTypes.decimal32(9, 0), List.of(BigDecimal.ONE, BigDecimal.valueOf(-2))),
                Arrow.of(ArrowTypes.DAY_TIME_INTERVAL, List.of(new DayTime(1, 2), new DayTime(-1, 0))),
                Arrow.of(ArrowTypes.MONTH_DAY_NANO_INTERVAL, List.of(new MonthDayNano(1, 2, 3), new MonthDayNano(0, 0, 0))),
                Arrow.of(ArrowTypes.fixedSizeBinary(3), List.of(new byte[] {1, 2, 3}, new byte[] {4, 5, 6})),
                Arrow.int8(1, 2)));
        List<byte[]> big = buffers(write(schema, List.of(b), BIG, false));
        int i = 0;
        assertEquals("01", hex(big.get(i++)), "bool validity: not swapped");
        assertEquals("01", hex(big.get(i++)), "bool values: not swapped");
        i++; // utf8 validity (absent)
        assertEquals("000000000000000200000003", hex(big.get(i++)), "utf8 offsets");
        assertEquals("616263", hex(big.get(i++)), "utf8 data: not swapped");
        i++;
        assertEquals("000000000000000000000000000000020000000000000003", hex(big.get(i++)), "large_utf8 offsets");
        assertEquals("616263", hex(big.get(i++)));
        i++;
        assertEquals("000000000000000100000003", hex(big.get(i++)), "list offsets");
        i++;
        assertEquals("000100020102", hex(big.get(i++)), "int16 child values");
        i++;
        assertEquals("3c004000", hex(big.get(i++)), "float16 1.0 and 2.0");
        i++;
        assertEquals("00000000000000000000000000000001" + "00000000000000000000000000000102", hex(big.get(i++)),
                "decimal128: one 16-byte integer each");
        i++;
        assertEquals("00000001fffffffe", hex(big.get(i++)), "decimal32");
        i++;
        assertEquals("0000000100000002" + "ffffffff00000000", hex(big.get(i++)), "day_time: two int32");
        i++;
        assertEquals("00000001" + "00000002" + "0000000000000003" + "00".repeat(16), hex(big.get(i++)),
                "month_day_nano: int32, int32, int64");
        i++;
        assertEquals("010203040506", hex(big.get(i++)), "fixed_size_binary: not swapped");
        i++;
        assertEquals("0102", hex(big.get(i++)), "int8: nothing to swap");
        assertEquals(i, big.size());
        try (RecordBatchStreamReader r = Ipc.openStream(write(schema, List.of(b), BIG, false))) {
            compareAll(List.of(b), r.readAll().batches(), "read back");
        }
    }

    @Test
    void unionRunEndViewAndListViewBuffersAreBigEndianOnTheWire() throws IOException {
        ArrowType.Union dense = new ArrowType.Union(UnionMode.DENSE, new int[] {5, 9});
        Field union = Field.nullable("u", dense, Field.nullable("a", ArrowTypes.INT16), Field.nullable("b", ArrowTypes.UTF8));
        Field ree = Field.nullable("r", new ArrowType.RunEndEncoded(), Field.notNull("run_ends", ArrowTypes.INT16),
                Field.nullable("values", ArrowTypes.INT32));
        Field view = Field.nullable("v", ArrowTypes.UTF8_VIEW);
        Field listView = Field.nullable("lv", new ArrowType.ListView(), Field.nullable("item", ArrowTypes.INT8));
        Schema schema = Schema.of(union, ree, view, listView);
        RecordBatch b = RecordBatch.of(schema, List.of(
                Arrow.denseUnion(dense, new byte[] {5, 9, 5}, new int[] {0, 0, 1}, Arrow.int16(1, 2), Arrow.utf8("x")),
                Arrow.of(ree, List.of(7, 7, 8)),
                Arrow.of(view, List.of("abc", "0123456789abcdef", "z")),
                Arrow.of(listView, List.of(List.of((byte) 1), List.of(), List.of((byte) 2, (byte) 3)))));
        List<byte[]> big = buffers(write(schema, List.of(b), BIG, false));
        int i = 0;
        assertEquals("050905", hex(big.get(i++)), "union type ids: int8, not swapped");
        assertEquals("000000000000000000000001", hex(big.get(i++)), "dense union offsets: int32");
        i++;
        assertEquals("00010002", hex(big.get(i++)), "union child int16");
        i++;
        assertEquals("0000000000000001", hex(big.get(i++)), "union child utf8 offsets");
        assertEquals("78", hex(big.get(i++)));
        i++;
        assertEquals("00020003", hex(big.get(i++)), "run ends: int16");
        i++;
        assertEquals("0000000700000008", hex(big.get(i++)), "REE values");
        i++;
        String views = hex(big.get(i++));
        assertEquals("00000003" + "616263" + "00".repeat(9), views.substring(0, 32), "inline view");
        assertEquals("00000010" + "30313233" + "00000000" + "00000000", views.substring(32, 64), "out-of-line view");
        assertEquals("30313233343536373839616263646566", hex(big.get(i++)), "variadic data: not swapped");
        i++;
        assertEquals("000000000000000100000001", hex(big.get(i++)), "list_view offsets");
        assertEquals("000000010000000000000002", hex(big.get(i++)), "list_view sizes");
        i++;
        assertEquals("010203", hex(big.get(i++)), "int8 items");
        assertEquals(i, big.size());
        try (RecordBatchStreamReader r = Ipc.openStream(write(schema, List.of(b), BIG.withCompression(CompressionType.ZSTD), false))) {
            compareAll(List.of(b), r.readAll().batches(), "read back");
        }
    }

    /** Little-endian buffers under a schema that says Big: the swapped offsets are caught by validation. */
    @Test
    void littleEndianBodyDeclaredBigEndianIsRejectedNotMisread() throws IOException {
        Schema schema = Schema.of(Field.nullable("s", ArrowTypes.UTF8));
        RecordBatch b = RecordBatch.of(schema, List.of(Arrow.utf8("ab", "c", null)));
        byte[] little = write(schema, List.of(b), IpcWriteOptions.DEFAULT, false);
        var layout = Inspector.stream(MemorySegment.ofArray(little));
        byte[] meta = dev.quiver.metadata.MessageCodec.encode(new dev.quiver.metadata.Message(
                dev.quiver.type.MetadataVersion.V5, new MessageHeader.SchemaHeader(schema.withEndianness(Endianness.BIG)),
                0, Map.of()));
        int padded = (meta.length + 7) & -8;
        java.nio.ByteBuffer lie = java.nio.ByteBuffer.allocate(8 + padded + little.length - (int) layout.messages().get(1).offset())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        lie.putInt(-1).putInt(padded).put(meta).position(8 + padded);
        lie.put(little, (int) layout.messages().get(1).offset(), little.length - (int) layout.messages().get(1).offset());
        byte[] bytes = lie.array();
        try (RecordBatchStreamReader r = Ipc.openStream(bytes)) {
            dev.quiver.InvalidDataException e = assertThrows(dev.quiver.InvalidDataException.class, r::readNext);
            assertEquals("s", e.fieldPath());
            assertTrue(e.detail().contains("offset"), e.detail());
        }
        var d = new StreamDecoder(new StreamDecoder.Listener() {});
        assertThrows(dev.quiver.InvalidDataException.class, () -> d.consume(bytes));
        d.close();
    }

    @Test
    void viewsSwapLengthBufferIndexAndOffsetButNotPrefixOrInlineBytes() {
        MemorySegment views = MemorySegment.ofArray(new byte[32]);
        // inline view: length 3, bytes "abc"
        views.set(dev.quiver.memory.LE.INT, 0, 3);
        views.set(dev.quiver.memory.LE.BYTE, 4, (byte) 'a');
        views.set(dev.quiver.memory.LE.BYTE, 5, (byte) 'b');
        views.set(dev.quiver.memory.LE.BYTE, 6, (byte) 'c');
        // out-of-line view: length 20, prefix "wxyz", buffer 1, offset 258
        views.set(dev.quiver.memory.LE.INT, 16, 20);
        MemorySegment.copy(MemorySegment.ofArray("wxyz".getBytes()), 0, views, 20, 4);
        views.set(dev.quiver.memory.LE.INT, 24, 1);
        views.set(dev.quiver.memory.LE.INT, 28, 258);
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment big = ByteSwap.swap(ByteSwap.Kind.VIEW, views, false, arena);
            assertEquals("00000003" + "616263" + "00".repeat(9) + "00000014" + "7778797a" + "00000001" + "00000102",
                    hex(big.toArray(dev.quiver.memory.LE.BYTE)));
            MemorySegment back = ByteSwap.swap(ByteSwap.Kind.VIEW, big, true, arena);
            assertArrayEquals(views.toArray(dev.quiver.memory.LE.BYTE), back.toArray(dev.quiver.memory.LE.BYTE));
        }
    }

    @Test
    void unionTypeIdsAreNotSwappedAndDenseOffsetsAre() {
        ArrowType.Union dense = new ArrowType.Union(UnionMode.DENSE, new int[] {0, 1});
        ArrowType.Union sparse = new ArrowType.Union(UnionMode.SPARSE, new int[] {0, 1});
        assertEquals(ByteSwap.Kind.NONE, ByteSwap.kind(dense, 0));
        assertEquals(ByteSwap.Kind.W4, ByteSwap.kind(dense, 1));
        assertEquals(ByteSwap.Kind.NONE, ByteSwap.kind(sparse, 0));
        assertEquals(ByteSwap.Kind.NONE, ByteSwap.kind(new ArrowType.RunEndEncoded(), 0));
        assertEquals(ByteSwap.Kind.W8, ByteSwap.kind(new ArrowType.LargeListView(), 2), "sizes");
        assertEquals(ByteSwap.Kind.W4, ByteSwap.kind(new ArrowType.ListView(), 1), "offsets");
        assertEquals(ByteSwap.Kind.NONE, ByteSwap.kind(ArrowTypes.UTF8_VIEW, 0), "validity");
        assertEquals(ByteSwap.Kind.NONE, ByteSwap.kind(ArrowTypes.UTF8_VIEW, 2), "variadic data");
        assertEquals(ByteSwap.Kind.W32, ByteSwap.kind(ArrowTypes.decimal256(76, 0), 1));
    }

    @Test
    void aTrailingPartialValueIsCopiedAsItIs() {
        MemorySegment src = MemorySegment.ofArray(new byte[] {1, 2, 3, 4, 5, 6});
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            assertEquals("040302010506", hex(ByteSwap.swap(ByteSwap.Kind.W4, src, true, arena)
                    .toArray(dev.quiver.memory.LE.BYTE)));
        }
    }

    // ---- helpers ----

    /** The body buffers of the last record batch of a stream, as bytes. */
    private static List<byte[]> buffers(byte[] stream) {
        var layout = Inspector.stream(MemorySegment.ofArray(stream), 0, IpcLimits.DEFAULT);
        MessageSummary m = layout.messages().getLast();
        var h = (MessageHeader.RecordBatchHeader) m.message().header();
        long body = m.offset() + 8 + m.metadataLength();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < h.bufferCount(); i++) {
            out.add(java.util.Arrays.copyOfRange(stream, (int) (body + h.bufferOffsets()[i]),
                    (int) (body + h.bufferOffsets()[i] + h.bufferLengths()[i])));
        }
        return out;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] write(Schema schema, List<RecordBatch> batches, IpcWriteOptions options, boolean file)
            throws IOException {
        return IpcNestedRoundTripTest.write(schema, batches, file, options);
    }

    private static void compareAll(List<RecordBatch> expected, List<RecordBatch> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of batches");
        for (int i = 0; i < expected.size(); i++) {
            assertNull(ArrayEquality.compare(expected.get(i), actual.get(i)), what + ": batch " + i);
        }
    }

    private static RecordBatch batch(Schema schema, Array values) {
        Integer[] ints = new Integer[values.length()];
        for (int i = 0; i < ints.length; i++) ints[i] = i * 65537 - 3;
        return RecordBatch.of(schema, List.of(values, Arrow.int32(ints)));
    }
}
