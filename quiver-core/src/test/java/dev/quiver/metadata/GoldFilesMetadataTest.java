package dev.quiver.metadata;

import dev.quiver.compress.CompressionType;
import dev.quiver.metadata.MessageHeader.DictionaryBatchHeader;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import dev.quiver.metadata.MessageHeader.SchemaHeader;
import dev.quiver.testing.TestData;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.UnionMode;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decodes the metadata of Arrow's own integration gold files. */
class GoldFilesMetadataTest {
    private static final List<String> FOLDERS =
            List.of("1.0.0-littleendian", "2.0.0-compression", "4.0.0-shareddict", "cpp-21.0.0");

    private static Footer footer(String name) {
        Path p = TestData.gold("cpp-21.0.0", name, ".arrow_file");
        MemorySegment file = IpcTestFiles.read(p);
        Footer f = FooterCodec.decode(IpcTestFiles.footer(file), p.toString(), IpcTestFiles.footerOffset(file));
        assertEquals(MetadataVersion.V5, f.version());
        byte[] again = FooterCodec.encode(f);
        assertEquals(f, FooterCodec.decode(MemorySegment.ofArray(again), "re-encoded", 0));
        return f;
    }

    private static Schema schemaOf(String name) {
        Footer f = footer(name);
        // The footer's schema equals the schema message at the start of the stream file.
        MemorySegment stream = IpcTestFiles.read(TestData.gold("cpp-21.0.0", name, ".stream"));
        Message first = MessageCodec.decode(IpcTestFiles.streamMessages(stream, 0).getFirst().metadata(), name, 8);
        assertEquals(f.schema(), ((SchemaHeader) first.header()).schema());
        return f.schema();
    }

    @Test
    void primitive() {
        Schema s = schemaOf("primitive");
        assertEquals(Field.nullable("bool_nullable", ArrowTypes.BOOL), s.field(s.indexOf("bool_nullable")));
        assertEquals(Field.notNull("bool_nonnullable", ArrowTypes.BOOL), s.field(s.indexOf("bool_nonnullable")));
        assertEquals(ArrowTypes.INT8, s.field(s.indexOf("int8_nullable")).type());
        assertEquals(ArrowTypes.UINT64, s.field(s.indexOf("uint64_nonnullable")).type());
        assertFalse(s.field(s.indexOf("uint64_nonnullable")).nullable());
        assertEquals(ArrowTypes.FLOAT32, s.field(s.indexOf("float32_nullable")).type());
        assertEquals(ArrowTypes.FLOAT64, s.field(s.indexOf("float64_nonnullable")).type());
        assertEquals(22, s.fields().size());
        Footer f = footer("primitive");
        assertFalse(f.recordBatches().isEmpty());
        for (Block b : f.recordBatches()) {
            assertTrue(b.offset() > 0 && b.metaDataLength() > 0 && b.offset() % 8 == 0, b.toString());
        }
    }

    @Test
    void datetime() {
        Schema s = schemaOf("datetime");
        assertEquals(ArrowTypes.DATE32, s.field(0).type());
        assertEquals(ArrowTypes.DATE64, s.field(1).type());
        assertEquals(ArrowTypes.time32(ArrowTimeUnit.SECOND), s.field(2).type());
        assertEquals(ArrowTypes.time64(ArrowTimeUnit.NANOSECOND), s.field(5).type());
        assertEquals(ArrowTypes.timestamp(ArrowTimeUnit.SECOND), s.field(6).type());
        assertEquals(ArrowTypes.timestamp(ArrowTimeUnit.SECOND, "UTC"), s.field(11).type());
        assertEquals(ArrowTypes.timestamp(ArrowTimeUnit.NANOSECOND, "US/Pacific"), s.field(14).type());
    }

    @Test
    void decimals() {
        Schema s = schemaOf("decimal");
        assertEquals(ArrowTypes.decimal128(3, 2), s.field(0).type());
        assertEquals(ArrowTypes.decimal128(38, 2), s.field(35).type());
        assertEquals(256, ((ArrowType.Decimal) schemaOf("decimal256").field(0).type()).bitWidth());
        assertEquals(32, ((ArrowType.Decimal) schemaOf("decimal32").field(0).type()).bitWidth());
        assertEquals(64, ((ArrowType.Decimal) schemaOf("decimal64").field(0).type()).bitWidth());
    }

    @Test
    void nested() {
        Schema s = schemaOf("nested");
        assertEquals(Field.nullable("list_nullable", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.INT32)), s.field(0));
        assertEquals(Field.nullable("fixedsizelist_nullable", new ArrowType.FixedSizeList(4),
                Field.nullable("item", ArrowTypes.INT32)), s.field(1));
        assertEquals(Field.nullable("struct_nullable", ArrowTypes.STRUCT, Field.nullable("f1", ArrowTypes.INT32),
                Field.nullable("f2", ArrowTypes.UTF8)), s.field(2));
    }

    @Test
    void dictionary() {
        Schema s = schemaOf("dictionary");
        assertEquals(Field.nullable("dict0", ArrowTypes.UTF8).withDictionary(new DictionaryEncoding(0, ArrowTypes.INT8, false)),
                s.field(0));
        assertEquals(new DictionaryEncoding(1, ArrowTypes.INT32, false), s.field(1).dictionary());
        assertEquals(ArrowTypes.INT64, s.field(2).type());
        assertEquals(new DictionaryEncoding(2, ArrowTypes.INT16, false), s.field(2).dictionary());
        Footer f = footer("dictionary");
        assertEquals(3, f.dictionaries().size());
    }

    @Test
    void customMetadata() {
        Schema s = schemaOf("custom_metadata");
        assertEquals(List.of("schema_custom_0", "schema_custom_1"), List.copyOf(s.metadata().keySet()));
        assertEquals(Map.of("pandas", "{}"), s.field(0).metadata());
        assertEquals(List.of("a", "b", "c", "d", "..", "w", "x", "y", "z"),
                List.copyOf(s.field(1).metadata().keySet()));
        assertEquals("", s.field(2).metadata().get("ARROW:extension:metadata"));
        assertEquals(Map.of("odd_values", "{}"), s.field(3).child(0).metadata());
    }

    @Test
    void unions() {
        Schema s = schemaOf("union");
        assertEquals(new ArrowType.Union(UnionMode.SPARSE, new int[] {5, 7}), s.field(0).type());
        assertEquals(new ArrowType.Union(UnionMode.DENSE, new int[] {42, 43, 44}), s.field(3).type());
        assertEquals(ArrowTypes.NULL, s.field(3).child(2).type());
        assertFalse(s.field(3).nullable());
    }

    @Test
    void otherTypes() {
        assertInstanceOf(ArrowType.Map.class, schemaOf("map").field(0).type());
        assertEquals(ArrowTypes.DAY_TIME_INTERVAL, schemaOf("interval").field(1).type());
        assertEquals(ArrowTypes.MONTH_DAY_NANO_INTERVAL, schemaOf("interval_mdn").field(0).type());
        assertInstanceOf(ArrowType.Duration.class, schemaOf("duration").field(0).type());
        assertEquals(ArrowTypes.LARGE_BINARY, schemaOf("large_binary").field(0).type());
        assertInstanceOf(ArrowType.ListView.class, schemaOf("list_view").field(0).type());
        assertEquals(ArrowTypes.BINARY_VIEW, schemaOf("binary_view").field(0).type());
        assertInstanceOf(ArrowType.RunEndEncoded.class, schemaOf("run_end_encoded").field(0).type());
        assertEquals(ArrowTypes.NULL, schemaOf("null").field(0).type());
    }

    @Test
    void everyFooterSchemaMatchesTheJsonSchema() {
        int compared = 0;
        for (String folder : FOLDERS) {
            for (Path p : IpcTestFiles.files(TestData.integration(folder), ".arrow_file")) {
                String base = p.getFileName().toString().replace(".arrow_file", "");
                Path json = p.resolveSibling(base + ".json.gz");
                if (!java.nio.file.Files.exists(json)) continue;
                MemorySegment file = IpcTestFiles.read(p);
                Footer f = FooterCodec.decode(IpcTestFiles.footer(file), p.toString(), IpcTestFiles.footerOffset(file));
                Schema expected = GoldJsonSchema.read(json);
                // Writers number dictionaries themselves (the JSON reuses ids) and put extension metadata
                // keys in their own order; ids and metadata order are checked in the tests above.
                assertEquals(describe(expected.fields()), describe(f.schema().fields()), p.toString());
                assertEquals(expected.metadata(), f.schema().metadata(), p.toString());
                compared++;
            }
        }
        assertTrue(compared > 50, "compared " + compared);
    }

    @Test
    void everyFileFooterDecodesAndMatchesItsStream() {
        int files = 0;
        for (String folder : FOLDERS) {
            for (Path p : IpcTestFiles.files(TestData.integration(folder), ".arrow_file")) {
                MemorySegment file = IpcTestFiles.read(p);
                Footer f = FooterCodec.decode(IpcTestFiles.footer(file), p.toString(), IpcTestFiles.footerOffset(file));
                assertEquals(f, FooterCodec.decode(MemorySegment.ofArray(FooterCodec.encode(f)), "re", 0), p.toString());
                // Each block points at a message in the file: decode it too.
                for (Block b : concat(f.dictionaries(), f.recordBatches())) {
                    MemorySegment frame = file.asSlice(b.offset(), b.metaDataLength());
                    List<IpcTestFiles.Frame> msgs = IpcTestFiles.streamMessages(frame, 0);
                    assertEquals(1, msgs.size(), p + " block " + b);
                }
                files++;
            }
        }
        assertTrue(files > 50, "files: " + files);
    }

    /** Everything about fields, including what {@code Field.toString} leaves out. */
    private static String describe(List<Field> fields) {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            sb.append(f.name()).append(':').append(f.type()).append(f.nullable() ? "?" : "!")
                    .append(f.dictionary() == null ? "" : " " + new DictionaryEncoding(0, f.dictionary().indexType(), f.dictionary().ordered()))
                    .append(new java.util.TreeMap<>(f.metadata()))
                    .append('<').append(describe(f.children())).append(">\n");
        }
        return sb.toString();
    }

    private static List<Block> concat(List<Block> a, List<Block> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void everyMessageOfEveryStreamDecodesAndRoundTrips() {
        int messages = 0, schemas = 0, batches = 0, dictionaries = 0, compressed = 0;
        for (String folder : FOLDERS) {
            for (Path p : IpcTestFiles.files(TestData.integration(folder), ".stream")) {
                MemorySegment data = IpcTestFiles.read(p);
                List<IpcTestFiles.Frame> frames = IpcTestFiles.streamMessages(data, 0);
                assertFalse(frames.isEmpty(), p.toString());
                for (IpcTestFiles.Frame fr : frames) {
                    Message m = MessageCodec.decode(fr.metadata(), p.toString(), fr.offset());
                    byte[] again = MessageCodec.encode(m);
                    Message back = MessageCodec.decode(MemorySegment.ofArray(again), "re-encoded", 0);
                    IpcTestFiles.assertMessageEquals(m, back);
                    messages++;
                    switch (m.header()) {
                        case SchemaHeader s -> schemas++;
                        case RecordBatchHeader rb -> {
                            batches++;
                            if (rb.compression() != null) compressed++;
                        }
                        case DictionaryBatchHeader d -> dictionaries++;
                    }
                }
                assertInstanceOf(SchemaHeader.class, MessageCodec.decode(frames.getFirst().metadata(), "s", 0).header());
            }
        }
        assertTrue(schemas > 50 && batches > 100 && dictionaries > 10 && compressed > 0,
                messages + " messages: " + schemas + " schemas, " + batches + " batches, " + dictionaries
                        + " dictionaries, " + compressed + " compressed");
    }

    @Test
    void compressedStreamsNameTheirCodec() {
        Path dir = TestData.integration("2.0.0-compression");
        for (Path p : IpcTestFiles.files(dir, ".stream")) {
            CompressionType expected = p.getFileName().toString().contains("zstd")
                    ? CompressionType.ZSTD : CompressionType.LZ4_FRAME;
            for (IpcTestFiles.Frame fr : IpcTestFiles.streamMessages(IpcTestFiles.read(p), 0)) {
                if (MessageCodec.decode(fr.metadata(), "c", 0).header() instanceof RecordBatchHeader rb) {
                    assertEquals(expected, rb.compression(), p.toString());
                }
            }
        }
    }
}
