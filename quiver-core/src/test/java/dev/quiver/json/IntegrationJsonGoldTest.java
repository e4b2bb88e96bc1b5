package dev.quiver.json;

import dev.quiver.array.ArrayData;
import dev.quiver.array.Layout;
import dev.quiver.memory.LE;
import dev.quiver.testing.TestData;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static dev.quiver.json.ArrayDataAssert.assertSameData;
import static dev.quiver.json.ArrayDataAssert.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Arrow gold files: read, check known values, write back, re-read, compare. */
class IntegrationJsonGoldTest {

    private static final String CPP = "cpp-21.0.0";

    static Path gold(String folder, String name) {
        return TestData.gold(folder, name, ".json.gz");
    }

    static String text(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static JsonFile read(String name) {
        return IntegrationJson.read(gold(CPP, name));
    }

    /** Reads, writes, re-reads: the data must be equal and the written JSON the same tree as the original. */
    static JsonFile roundTrip(String folder, String name) throws IOException {
        Path path = gold(folder, name);
        JsonFile first = IntegrationJson.read(path);
        String written = IntegrationJson.toJson(first);
        JsonFile second = IntegrationJson.parse(written, name + " (rewritten)");
        assertSameFile(first, second);
        JsonTreeAssert.assertSameTree(JsonParser.parse(text(path), name), JsonParser.parse(written, "rewritten"), "$");
        // writing is deterministic
        assertEquals(written, IntegrationJson.toJson(second));
        return first;
    }

    static void assertSameFile(JsonFile a, JsonFile b) {
        assertEquals(a.schema(), b.schema());
        assertEquals(a.dictionaries().keySet(), b.dictionaries().keySet());
        for (Long id : a.dictionaries().keySet()) {
            assertSameData(a.dictionaries().get(id), b.dictionaries().get(id), "dictionary " + id);
        }
        assertEquals(a.batches().size(), b.batches().size());
        for (int i = 0; i < a.batches().size(); i++) {
            JsonBatch x = a.batches().get(i), y = b.batches().get(i);
            assertEquals(x.length(), y.length());
            assertEquals(x.columns().size(), y.columns().size());
            for (int c = 0; c < x.columns().size(); c++) {
                assertSameData(x.columns().get(c), y.columns().get(c),
                        "batch " + i + " " + a.schema().field(c).name());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "primitive", "primitive_zerolength", "primitive_no_batches", "binary", "binary_zerolength",
            "binary_no_batches", "large_binary", "datetime", "duration", "decimal", "decimal32", "decimal64",
            "decimal256", "interval", "interval_mdn", "null", "null_trivial", "custom_metadata", "dictionary",
            "dictionary_unsigned", "duplicate_fieldnames", "extension",
            // nested
            "nested", "recursive_nested", "nested_large_offsets", "map", "map_non_canonical", "union",
            "run_end_encoded", "list_view", "binary_view", "nested_dictionary"})
    void cppGoldFilesRoundTrip(String name) throws IOException {
        roundTrip(CPP, name);
    }

    /** Every array read follows the buffer layout the rest of Quiver expects. */
    @ParameterizedTest
    @ValueSource(strings = {"primitive", "binary", "datetime", "interval", "null", "dictionary", "nested",
            "recursive_nested", "map", "union", "run_end_encoded", "list_view", "binary_view", "nested_dictionary",
            "nested_large_offsets", "decimal32"})
    void arraysFollowTheLayout(String name) {
        JsonFile f = read(name);
        for (ArrayData d : f.dictionaries().values()) checkLayout(d, name + " dictionary");
        for (JsonBatch b : f.batches()) {
            for (int c = 0; c < b.columns().size(); c++) checkLayout(b.columns().get(c), f.schema().field(c).name());
        }
    }

    private static void checkLayout(ArrayData d, String path) {
        int fixed = Layout.bufferCount(d.type());
        if (Layout.hasVariadicBuffers(d.type())) {
            assertTrue(d.bufferCount() >= fixed, path);
        } else {
            assertEquals(fixed, d.bufferCount(), path + ": buffer count of " + d.type());
        }
        if (Layout.hasValidity(d.type())) {
            assertEquals(d.nullCount() == 0, d.validity().byteSize() == 0, path + ": validity absent iff no nulls");
        }
        for (int i = 0; i < Math.min(fixed, d.bufferCount()); i++) {
            assertEquals(0, d.buffer(i).byteSize() % 8, path + ": buffer " + i + " padded to 8 bytes");
        }
        for (int k = 0; k < d.childCount(); k++) checkLayout(d.child(k), path + "." + k);
        if (d.dictionary() != null) checkLayout(d.dictionary(), path + "<dictionary>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "zstd", "uncompressible_lz4", "uncompressible_zstd"})
    void compressionGoldFilesRoundTrip(String name) throws IOException {
        roundTrip("2.0.0-compression", name);
    }

    @ParameterizedTest
    @CsvSource({"1.0.0-littleendian, primitive", "1.0.0-littleendian, nested", "1.0.0-littleendian, union",
            "1.0.0-littleendian, dictionary", "1.0.0-littleendian, decimal256", "1.0.0-littleendian, map",
            "4.0.0-shareddict, shared_dict"})
    void olderGoldFilesReadAndRewrite(String folder, String name) {
        JsonFile first = IntegrationJson.read(gold(folder, name));
        assertSameFile(first, IntegrationJson.parse(IntegrationJson.toJson(first), "rewritten"));
    }

    // ---- hand-picked values ---------------------------------------------------------------------------------

    @Test
    void primitiveSchemaAndValues() {
        JsonFile f = read("primitive");
        Schema s = f.schema();
        assertEquals(22, s.fields().size());
        assertEquals(Field.nullable("bool_nullable", ArrowTypes.BOOL), s.field(0));
        assertEquals(Field.notNull("int8_nonnullable", ArrowTypes.INT8), s.field(3));
        assertEquals(Field.nullable("uint64_nullable", ArrowTypes.UINT64), s.field(16));
        assertEquals(Field.notNull("float64_nonnullable", ArrowTypes.FLOAT64), s.field(21));
        assertEquals(List.of(17, 20), f.batches().stream().map(JsonBatch::length).toList());

        List<ArrayData> cols = f.batches().get(0).columns();
        ArrayData bools = cols.get(0); // VALIDITY [0, 0, 1, 0, ...], DATA [false, true, true, true, ...]
        assertTrue(bools.isNull(0));
        assertFalse(bools.isNull(2));
        assertEquals(8, bools.nullCount());
        ArrayData int8 = cols.get(3); // non-nullable: no bitmap
        assertEquals(0, int8.nullCount());
        assertSame(ArrayData.ABSENT, int8.validity());
        assertEquals(-128, int8.buffer(1).get(LE.BYTE, 0));
        assertEquals(127, int8.buffer(1).get(LE.BYTE, 1));
        assertEquals(0, int8.buffer(1).byteSize() % 8, "buffers are padded to 8 bytes");
        ArrayData int64 = cols.get(8); // DATA ["-2147483648", "2147483647", "1756534929", ...] as strings
        assertEquals(-2147483648L, int64.buffer(1).get(LE.LONG, 0));
        assertEquals(1756534929L, int64.buffer(1).get(LE.LONG, 16));
        ArrayData uint16 = cols.get(12); // DATA [0, 65535, ...]
        assertEquals((short) 0xFFFF, uint16.buffer(1).get(LE.SHORT, 2));
        ArrayData float32 = cols.get(18); // DATA [641.818, -331.661, ...]
        assertEquals(641.818f, float32.buffer(1).get(LE.FLOAT, 0));
        assertEquals(-331.661f, float32.buffer(1).get(LE.FLOAT, 4));
    }

    @Test
    void datetimeAndDurationAre64BitStrings() {
        JsonFile f = read("datetime");
        assertEquals(new ArrowType.Timestamp(ArrowTimeUnit.NANOSECOND, "US/Pacific"), f.schema().field(14).type());
        assertEquals(new ArrowType.Time(ArrowTimeUnit.MICROSECOND, 64), f.schema().field(4).type());
        assertEquals(ArrowTypes.DATE32, f.schema().field(0).type());
        ArrayData ts = f.batches().get(0).columns().get(9); // f9: ["-9223372036854775808", "9223372036854775807", ...]
        assertEquals(Long.MIN_VALUE, ts.buffer(1).get(LE.LONG, 0));
        assertEquals(Long.MAX_VALUE, ts.buffer(1).get(LE.LONG, 8));
        ArrayData date64 = f.batches().get(0).columns().get(1); // ["-62135596800000", ...]
        assertEquals(-62135596800000L, date64.buffer(1).get(LE.LONG, 0));

        JsonFile d = read("duration");
        assertEquals(ArrowTypes.duration(ArrowTimeUnit.SECOND), d.schema().field(0).type());
        assertEquals(-2235753356938413742L, d.batches().get(0).columns().get(0).buffer(1).get(LE.LONG, 16));
    }

    @Test
    void decimalsAreUnscaledIntegersInTwosComplement() {
        JsonFile f = read("decimal256");
        Field f32 = f.schema().field(32);
        assertEquals(Field.nullable("f32", ArrowTypes.decimal256(69, 5)), f32);
        ArrayData col = f.batches().get(0).columns().get(32);
        assertEquals(new BigInteger("385605428860708006456840104065525734402421805100928253885700733484515"),
                decimal(col.buffer(1), 0, 32));
        assertEquals(new BigInteger("-134565972417683372816160712933150180745685285323410646200995451039655"),
                decimal(col.buffer(1), 1, 32));

        JsonFile f64 = read("decimal64");
        assertEquals(ArrowTypes.decimal64(18, 2), f64.schema().field(15).type());
        assertEquals(-810497332870243892L, f64.batches().get(0).columns().get(15).buffer(1).get(LE.LONG, 0));

        JsonFile f128 = read("decimal"); // f0: decimal(3, 2) with bitWidth 128, DATA ["159", "242", ...]
        assertEquals(ArrowTypes.decimal128(3, 2), f128.schema().field(0).type());
        assertEquals(BigInteger.valueOf(159), decimal(f128.batches().get(0).columns().get(0).buffer(1), 0, 16));
        assertEquals(BigInteger.valueOf(-992), decimal(f128.batches().get(0).columns().get(0).buffer(1), 3, 16));
    }

    private static BigInteger decimal(MemorySegment s, int index, int width) {
        byte[] le = bytes(s, (long) index * width, width);
        byte[] be = new byte[width];
        for (int i = 0; i < width; i++) be[i] = le[width - 1 - i];
        return new BigInteger(be);
    }

    @Test
    void intervals() {
        ArrayData dayTime = read("interval").batches().get(0).columns().get(1);
        // {"days": -1728924, "milliseconds": 47040773}
        assertEquals(ArrowTypes.DAY_TIME_INTERVAL, dayTime.type());
        assertEquals(-1728924, dayTime.buffer(1).get(LE.INT, 0));
        assertEquals(47040773, dayTime.buffer(1).get(LE.INT, 4));
        ArrayData mdn = read("interval_mdn").batches().get(0).columns().get(0);
        // {"months": 1493908993, "days": -474729930, "nanoseconds": 8820212087008106548} (a plain number)
        assertEquals(1493908993, mdn.buffer(1).get(LE.INT, 0));
        assertEquals(-474729930, mdn.buffer(1).get(LE.INT, 4));
        assertEquals(8820212087008106548L, mdn.buffer(1).get(LE.LONG, 8));
    }

    @Test
    void binaryIsHexAndStringsAreUtf8() {
        List<ArrayData> cols = read("binary").batches().get(0).columns();
        ArrayData bin = cols.get(0); // OFFSET [0, 0, 3, ...], DATA ["", "27DD17", ...]
        assertEquals(3, bin.buffer(1).get(LE.INT, 8));
        assertArrayEquals(new byte[] {0x27, (byte) 0xDD, 0x17}, bytes(bin.buffer(2), 0, 3));
        ArrayData utf8 = cols.get(2); // third value "r\u00b0rir\u77e2\u77e2", 12 bytes from offset 0
        assertEquals(12, utf8.buffer(1).get(LE.INT, 12));
        assertEquals("r\u00b0rir\u77e2\u77e2", new String(bytes(utf8.buffer(2), 0, 12), StandardCharsets.UTF_8));
        ArrayData fsb = cols.get(4);
        assertEquals(ArrowTypes.fixedSizeBinary(19), fsb.type());
        assertEquals((byte) 0x86, fsb.buffer(1).get(LE.BYTE, 0));
    }

    @Test
    void dictionariesAreSharedByTheColumns() {
        JsonFile f = read("dictionary");
        Field dict0 = f.schema().field(0);
        assertEquals(ArrowTypes.UTF8, dict0.type());
        assertEquals(0L, dict0.dictionary().id());
        assertEquals(ArrowTypes.INT8, dict0.dictionary().indexType());
        assertEquals(List.of(0L, 1L, 2L), List.copyOf(f.dictionaries().keySet()));
        ArrayData values = f.dictionaries().get(0L);
        assertEquals(10, values.length());
        ArrayData col = f.batches().get(0).columns().get(0); // DATA [2, 6, 1, 4, 4, 1, 3]
        assertEquals(ArrowTypes.INT8, col.type());
        assertSame(values, col.dictionary());
        assertEquals(6, col.buffer(1).get(LE.BYTE, 1));
        // value 1 of the dictionary: "pb1gng\u00b5"
        int start = values.buffer(1).get(LE.INT, 4), end = values.buffer(1).get(LE.INT, 8);
        assertEquals("pb1gng\u00b5", new String(bytes(values.buffer(2), start, end - start), StandardCharsets.UTF_8));

        JsonFile nested = read("nested_dictionary");
        ArrayData listDict = nested.batches().get(0).columns().get(0);
        assertSame(nested.dictionaries().get(1L), listDict.dictionary());
        assertSame(nested.dictionaries().get(0L), listDict.dictionary().child(0).dictionary());
    }

    @Test
    void metadataKeepsOrder() {
        JsonFile f = read("custom_metadata");
        assertEquals(List.of("schema_custom_0", "schema_custom_1"), List.copyOf(f.schema().metadata().keySet()));
        Field lots = f.schema().field(1);
        assertEquals(List.of("a", "b", "c", "d", "..", "w", "x", "y", "z"), List.copyOf(lots.metadata().keySet()));
        assertEquals(Map.of("odd_values", "{}"), f.schema().field(3).child(0).metadata());
    }

    @Test
    void nullColumnsHaveNoBuffers() {
        ArrayData n = read("null").batches().get(0).columns().get(0);
        assertEquals(ArrowTypes.NULL, n.type());
        assertEquals(10, n.length());
        assertEquals(10, n.nullCount());
        assertEquals(0, n.bufferCount());
    }

    // ---- float16, slices and files ------------------------------------------------------------------------------

    @Test
    void float16IsWrittenAsNumbers() {
        String json = IntegrationJsonErrorsTest.doc("{\"name\": \"floatingpoint\", \"precision\": \"HALF\"}", "", 4,
                "\"VALIDITY\": [1, 1, 0, 1], \"DATA\": [1.5, 65504, 0.1, -0.0]");
        JsonFile f = IntegrationJson.parse(json, "half.json");
        ArrayData h = f.batches().get(0).columns().get(0);
        assertEquals(ArrowTypes.FLOAT16, h.type());
        assertEquals((short) 0x3E00, h.buffer(1).get(LE.SHORT, 0));
        assertEquals((short) 0x7BFF, h.buffer(1).get(LE.SHORT, 2));
        assertEquals((short) 0x2E66, h.buffer(1).get(LE.SHORT, 4));
        assertEquals((short) 0x8000, h.buffer(1).get(LE.SHORT, 6));
        String written = IntegrationJson.toJson(f);
        assertTrue(written.contains("\"DATA\": [\n            1.5,\n            65504.0,\n            0.099975586,\n"
                + "            -0.0\n"), written);
        assertSameFile(f, IntegrationJson.parse(written, "again"));
        dev.quiver.InvalidDataException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.quiver.InvalidDataException.class, () -> IntegrationJson.parse(json.replace("65504", "70000"), "h"));
        assertTrue(e.getMessage().contains("float16 70000 is out of range"), e.getMessage());
    }

    /** Writing honours ArrayData.offset(): a sliced batch is written as just its slots. */
    @ParameterizedTest
    @ValueSource(strings = {"primitive", "binary", "large_binary", "datetime", "decimal", "interval_mdn",
            "dictionary", "nested", "recursive_nested", "map", "union", "run_end_encoded", "list_view", "binary_view",
            "nested_large_offsets", "null"})
    void slicedColumnsAreWrittenAsTheirSlots(String name) {
        JsonFile f = read(name);
        JsonBatch b = f.batches().get(f.batches().size() - 1);
        int from = Math.min(2, b.length()), count = Math.max(0, Math.min(4, b.length() - from));
        List<ArrayData> sliced = b.columns().stream().map(c -> c.slice(from, count)).toList();
        JsonFile slice = new JsonFile(f.schema(), f.dictionaries(), List.of(new JsonBatch(count, sliced)));
        JsonFile back = IntegrationJson.parse(IntegrationJson.toJson(slice), name + " slice");
        assertSameFile(slice, back);
        for (ArrayData c : back.batches().get(0).columns()) assertEquals(0, c.offset());
    }

    /** Dictionaries that only the columns carry (ArrayData.dictionary()) are written too. */
    @ParameterizedTest
    @ValueSource(strings = {"dictionary", "nested_dictionary"})
    void dictionariesCanComeFromTheColumns(String name) {
        JsonFile f = read(name);
        JsonFile withoutMap = new JsonFile(f.schema(), Map.of(), f.batches());
        JsonFile back = IntegrationJson.parse(IntegrationJson.toJson(withoutMap), name);
        assertSameFile(f, back);
    }

    @Test
    void writesPlainAndGzipFiles(@TempDir Path dir) throws IOException {
        JsonFile f = read("primitive");
        Path gz = dir.resolve("out.json.gz");
        Path plain = dir.resolve("out.json");
        IntegrationJson.write(f, gz);
        IntegrationJson.write(f, plain);
        assertEquals(0x1F, Files.readAllBytes(gz)[0]);
        assertEquals('{', Files.readAllBytes(plain)[0]);
        assertSameFile(f, IntegrationJson.read(gz));
        assertSameFile(f, IntegrationJson.read(plain));
        assertEquals(Files.readString(plain), text(gz));
        assertTrue(Files.readString(plain).startsWith("{\n  \"schema\": {\n    \"fields\": [\n      {\n"
                + "        \"name\": \"bool_nullable\",\n        \"type\": {\n          \"name\": \"bool\"\n        },\n"));
    }
}
