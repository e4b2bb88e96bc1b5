package dev.quiver.metadata;

import dev.quiver.compress.CompressionType;
import dev.quiver.memory.LE;
import dev.quiver.metadata.MessageHeader.DictionaryBatchHeader;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import dev.quiver.metadata.MessageHeader.SchemaHeader;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DateUnit;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Endianness;
import dev.quiver.type.Field;
import dev.quiver.type.IntervalUnit;
import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.UnionMode;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** encode then decode gives back the same records. */
class MetadataRoundTripTest {

    static Schema everyType() {
        Map<String, String> md = new LinkedHashMap<>();
        md.put("z", "last?");
        md.put("a", "");
        md.put("ключ", "значение ✓");
        List<Field> fs = new ArrayList<>();
        fs.add(Field.nullable("null", ArrowTypes.NULL));
        for (int bw : new int[] {8, 16, 32, 64}) {
            fs.add(Field.nullable("i" + bw, new ArrowType.Int(bw, true)));
            fs.add(Field.notNull("u" + bw, new ArrowType.Int(bw, false)));
        }
        fs.add(Field.nullable("f16", ArrowTypes.FLOAT16));
        fs.add(Field.nullable("f32", ArrowTypes.FLOAT32));
        fs.add(Field.nullable("f64", ArrowTypes.FLOAT64));
        fs.add(Field.nullable("bin", ArrowTypes.BINARY));
        fs.add(Field.nullable("utf8", ArrowTypes.UTF8));
        fs.add(Field.nullable("bool", ArrowTypes.BOOL));
        fs.add(Field.nullable("d32", ArrowTypes.decimal32(9, 2)));
        fs.add(Field.nullable("d64", ArrowTypes.decimal64(18, -3)));
        fs.add(Field.nullable("d128", ArrowTypes.decimal128(38, 10)));
        fs.add(Field.nullable("d256", ArrowTypes.decimal256(76, 0)));
        fs.add(Field.nullable("date_day", ArrowTypes.DATE32));
        fs.add(Field.nullable("date_ms", ArrowTypes.DATE64));
        for (ArrowTimeUnit u : ArrowTimeUnit.values()) {
            fs.add(Field.nullable("time_" + u, new ArrowType.Time(u)));
            fs.add(Field.nullable("ts_" + u, ArrowTypes.timestamp(u)));
            fs.add(Field.nullable("tsz_" + u, ArrowTypes.timestamp(u, "Europe/Paris")));
            fs.add(Field.nullable("dur_" + u, ArrowTypes.duration(u)));
        }
        fs.add(Field.nullable("ts_empty_tz", ArrowTypes.timestamp(ArrowTimeUnit.SECOND, "")));
        for (IntervalUnit u : IntervalUnit.values()) fs.add(Field.nullable("iv_" + u, new ArrowType.Interval(u)));
        fs.add(Field.nullable("list", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.INT32)));
        fs.add(Field.nullable("struct", ArrowTypes.STRUCT, Field.nullable("a", ArrowTypes.INT32),
                Field.notNull("b", ArrowTypes.UTF8).withMetadata(Map.of("k", "v"))));
        fs.add(Field.nullable("sparse", new ArrowType.Union(UnionMode.SPARSE, new int[] {5, 7}),
                Field.nullable("a", ArrowTypes.INT32), Field.nullable("b", ArrowTypes.UTF8)));
        fs.add(Field.nullable("dense", new ArrowType.Union(UnionMode.DENSE, null),
                Field.nullable("a", ArrowTypes.INT32)));
        fs.add(Field.nullable("empty_union", new ArrowType.Union(UnionMode.DENSE, new int[0])));
        fs.add(Field.nullable("fsb", ArrowTypes.fixedSizeBinary(3)));
        fs.add(Field.nullable("fsb0", ArrowTypes.fixedSizeBinary(0)));
        fs.add(Field.nullable("fsl", new ArrowType.FixedSizeList(4), Field.nullable("item", ArrowTypes.FLOAT64)));
        fs.add(Field.nullable("map", new ArrowType.Map(true), Field.notNull("entries", ArrowTypes.STRUCT,
                Field.notNull("key", ArrowTypes.UTF8), Field.nullable("value", ArrowTypes.INT64))));
        fs.add(Field.nullable("lbin", ArrowTypes.LARGE_BINARY));
        fs.add(Field.nullable("lutf8", ArrowTypes.LARGE_UTF8));
        fs.add(Field.nullable("llist", ArrowTypes.LARGE_LIST, Field.nullable("item", ArrowTypes.INT8)));
        fs.add(Field.nullable("ree", new ArrowType.RunEndEncoded(), Field.notNull("run_ends", ArrowTypes.INT32),
                Field.nullable("values", ArrowTypes.UTF8)));
        fs.add(Field.nullable("binview", ArrowTypes.BINARY_VIEW));
        fs.add(Field.nullable("utf8view", ArrowTypes.UTF8_VIEW));
        fs.add(Field.nullable("listview", new ArrowType.ListView(), Field.nullable("item", ArrowTypes.INT16)));
        fs.add(Field.nullable("llistview", new ArrowType.LargeListView(), Field.nullable("item", ArrowTypes.INT16)));
        fs.add(Field.nullable("dict", ArrowTypes.UTF8).withDictionary(new DictionaryEncoding(0, ArrowTypes.INT8, false)));
        fs.add(Field.nullable("dict_ordered", ArrowTypes.INT64)
                .withDictionary(new DictionaryEncoding(Long.MAX_VALUE, ArrowTypes.UINT32, true)));
        fs.add(Field.nullable("nested_dict", ArrowTypes.LIST,
                Field.nullable("item", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(7))));
        fs.add(Field.nullable("", ArrowTypes.INT32).withMetadata(md));
        return new Schema(fs, md, Endianness.LITTLE);
    }

    private static Message roundTrip(Message m) {
        byte[] b = MessageCodec.encode(m);
        // The Flatbuffers builder pads to the largest alignment used (4, or 8 with a long); framing pads to 8.
        assertEquals(0, b.length % 4, "length multiple of 4");
        Message back = MessageCodec.decode(MemorySegment.ofArray(b), "rt", 0);
        IpcTestFiles.assertMessageEquals(m, back);
        return back;
    }

    @Test
    void schemaWithEveryType() {
        Schema s = everyType();
        Set<Byte> tags = new HashSet<>();
        collectTags(s.fields(), tags);
        assertEquals(26, tags.size(), "covers all 26 Type union members");
        Message back = roundTrip(new Message(MetadataVersion.V5, new SchemaHeader(s), 0, Map.of("m", "1")));
        Schema decoded = ((SchemaHeader) back.header()).schema();
        assertEquals(s, decoded);
        assertEquals(List.copyOf(s.metadata().keySet()), List.copyOf(decoded.metadata().keySet()));
        assertEquals(List.copyOf(s.fields().getLast().metadata().keySet()),
                List.copyOf(decoded.fields().getLast().metadata().keySet()));
        assertEquals(s.toString(), decoded.toString());
    }

    private static void collectTags(List<Field> fields, Set<Byte> tags) {
        for (Field f : fields) {
            tags.add(f.type().typeTag());
            collectTags(f.children(), tags);
        }
    }

    @Test
    void schemaBigEndianAndStandalone() {
        Schema s = Schema.of(Field.nullable("x", ArrowTypes.INT32)).withEndianness(Endianness.BIG);
        roundTrip(new Message(MetadataVersion.V4, new SchemaHeader(s), 0, null));
        byte[] b = SchemaCodec.encode(everyType());
        assertEquals(everyType(), SchemaCodec.decode(MemorySegment.ofArray(b), "schema", 0));
        assertEquals(Schema.of(), SchemaCodec.decode(MemorySegment.ofArray(SchemaCodec.encode(Schema.of())), "s", 0));
    }

    @Test
    void recordBatches() {
        roundTrip(new Message(MetadataVersion.V5, new RecordBatchHeader(0, new long[0], new long[0],
                new long[0], new long[0], null, null), 0, null));
        roundTrip(new Message(MetadataVersion.V5, new RecordBatchHeader(10, new long[] {10, 10, Long.MAX_VALUE},
                new long[] {2, 0, 5}, new long[] {0, 8, 64, 128}, new long[] {8, 40, 0, 3},
                CompressionType.ZSTD, new long[] {1, 0, 12}), 1024, Map.of("k", "v")));
        roundTrip(new Message(MetadataVersion.V5, new RecordBatchHeader(1, new long[] {1}, new long[] {0},
                new long[] {0, 8}, new long[] {8, 8}, CompressionType.LZ4_FRAME, null), 16, null));
    }

    @Test
    void dictionaryBatches() {
        RecordBatchHeader data = new RecordBatchHeader(4, new long[] {4}, new long[] {1},
                new long[] {0, 8, 32}, new long[] {1, 20, 10}, null, new long[0]);
        roundTrip(new Message(MetadataVersion.V5, new DictionaryBatchHeader(0, data, false), 48, null));
        roundTrip(new Message(MetadataVersion.V5, new DictionaryBatchHeader(-3, data, true), 48, Map.of("a", "b")));
    }

    @Test
    void versionIsWrittenUnlessItIsTheDefaultV1() {
        for (MetadataVersion v : MetadataVersion.values()) {
            Message m = roundTrip(new Message(v, new SchemaHeader(Schema.of()), 0, null));
            assertEquals(v, m.version());
            FbTable root = new FlatBufferReader(MemorySegment.ofArray(MessageCodec.encode(m)), "v", 0).root("Message");
            // As Arrow C++ (Flatbuffers omits a scalar equal to its default): V1 is read back from its absence.
            assertEquals(v != MetadataVersion.V1, root.has(0), "version field present for " + v);
        }
        Message nullVersion = new Message(null, new SchemaHeader(Schema.of()), 0, null);
        byte[] b = MessageCodec.encode(nullVersion);
        assertEquals(MetadataVersion.V5, MessageCodec.decode(MemorySegment.ofArray(b), "v", 0).version());
    }

    @Test
    void footers() {
        Footer f = new Footer(MetadataVersion.V5, everyType(),
                List.of(new Block(8, 200, 64), new Block(272, 184, 0)),
                List.of(new Block(456, 300, 1 << 20), new Block(Long.MAX_VALUE - 1, Integer.MAX_VALUE, 0)),
                Map.of("footer", "meta"));
        byte[] b = FooterCodec.encode(f);
        assertEquals(0, b.length % 8, "8-byte aligned: it holds longs");
        assertEquals(f, FooterCodec.decode(MemorySegment.ofArray(b), "f", 0));
        Footer empty = new Footer(MetadataVersion.V4, Schema.of(), List.of(), List.of(), null);
        assertEquals(empty, FooterCodec.decode(MemorySegment.ofArray(FooterCodec.encode(empty)), "f", 0));
    }

    @Test
    void anEmptyMetadataListIsToldFromNone() {
        // Arrow C++ writes a schema's or footer's custom_metadata list whenever it has one, even empty (the gold
        // files of Arrow's C++ integration writer all have an empty schema list): it is kept to be written back.
        Schema absent = Schema.of(Field.nullable("a", ArrowTypes.INT32));
        Schema empty = new Schema(absent.fields(), Map.of(), Endianness.LITTLE, true);
        assertEquals(absent, empty, "the same schema");
        byte[] withList = SchemaCodec.encode(empty);
        byte[] without = SchemaCodec.encode(absent);
        FbTable listed = new FlatBufferReader(MemorySegment.ofArray(withList), "s", 0).root("Schema");
        assertTrue(listed.has(2));
        assertEquals(0, listed.vector(2, "custom_metadata", 4).length());
        assertEquals(false, new FlatBufferReader(MemorySegment.ofArray(without), "s", 0).root("Schema").has(2));
        Schema back = SchemaCodec.decode(MemorySegment.ofArray(withList), "s", 0);
        assertTrue(back.metadataPresent());
        assertTrue(back.withEndianness(Endianness.BIG).metadataPresent(), "kept by withEndianness");
        assertEquals(false, SchemaCodec.decode(MemorySegment.ofArray(without), "s", 0).metadataPresent());
        assertTrue(new Schema(absent.fields(), Map.of("k", "v"), null).metadataPresent(), "non-empty is present");

        Footer f = new Footer(MetadataVersion.V5, absent, List.of(), List.of(), Map.of(), true);
        Footer fb = FooterCodec.decode(MemorySegment.ofArray(FooterCodec.encode(f)), "f", 0);
        assertTrue(fb.metadataPresent());
        assertEquals(new Footer(MetadataVersion.V5, absent, List.of(), List.of(), null), fb);
        Footer none = FooterCodec.decode(MemorySegment.ofArray(FooterCodec.encode(
                new Footer(MetadataVersion.V5, absent, List.of(), List.of(), Map.of()))), "f", 0);
        assertEquals(false, none.metadataPresent());
    }

    @Test
    void blockStructLayout() {
        Footer f = new Footer(MetadataVersion.V5, Schema.of(), List.of(),
                List.of(new Block(0x1122334455667788L, 0x0A0B0C0D, 0x0102030405060708L)), null);
        MemorySegment seg = MemorySegment.ofArray(FooterCodec.encode(f));
        FlatBufferReader r = new FlatBufferReader(seg, "f", 0);
        FbTable t = r.root("Footer");
        FlatBufferReader.FbVector v = t.vector(3, "recordBatches", 24);
        assertEquals(0, v.data() % 8, "struct elements aligned to 8");
        assertEquals(0x1122334455667788L, seg.get(LE.LONG, v.data()));
        assertEquals(0x0A0B0C0D, seg.get(LE.INT, v.data() + 8));
        assertEquals(0, seg.get(LE.INT, v.data() + 12));
        assertEquals(0x0102030405060708L, seg.get(LE.LONG, v.data() + 16));
    }

    @Test
    void absentFieldsTakeSchemaDefaults() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        // Decimal, Date, Time, Timestamp, Duration, Interval, FloatingPoint, Union tables with no fields.
        int[] tags = {7, 8, 9, 10, 18, 11, 3, 14};
        int[] fields = new int[tags.length];
        for (int i = 0; i < tags.length; i++) {
            int type;
            if (tags[i] == 7) { b.startTable(3); b.addInt(0, 10, 0); type = b.endTable(); }
            else { b.startTable(0); type = b.endTable(); }
            b.startTable(7);
            b.addOffset(3, type);
            b.addByte(2, (byte) tags[i], (byte) 0);
            fields[i] = b.endTable();   // no name, no nullable, no children vector
        }
        int fv = b.createOffsetVector(fields);
        b.startTable(4);
        b.addOffset(1, fv);
        int schema = b.endTable();
        b.startTable(5);
        b.addOffset(2, schema);
        b.addByte(1, (byte) 1, (byte) 0);
        Message m = MessageCodec.decode(MemorySegment.ofArray(b.finish(b.endTable())), "d", 0);
        assertEquals(MetadataVersion.V1, m.version());
        Schema s = ((SchemaHeader) m.header()).schema();
        assertEquals(Endianness.LITTLE, s.endianness());
        assertEquals(List.of(new ArrowType.Decimal(10, 0, 128), new ArrowType.Date(DateUnit.MILLISECOND),
                        new ArrowType.Time(ArrowTimeUnit.MILLISECOND, 32), new ArrowType.Timestamp(ArrowTimeUnit.SECOND, null),
                        new ArrowType.Duration(ArrowTimeUnit.MILLISECOND), new ArrowType.Interval(IntervalUnit.YEAR_MONTH),
                        ArrowTypes.FLOAT16, new ArrowType.Union(UnionMode.SPARSE, null)),
                s.fields().stream().map(Field::type).toList());
        for (Field f : s.fields()) {
            assertEquals("", f.name());
            assertEquals(false, f.nullable());
            assertNull(f.dictionary());
            assertTrue(f.metadata().isEmpty());
        }
    }

    @Test
    void keyValueWithoutKeyOrValueIsEmptyString() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int v = b.createString("only value");
        b.startTable(2);
        b.addOffset(1, v);
        int kv1 = b.endTable();
        int k = b.createString("only key");
        b.startTable(2);
        b.addOffset(0, k);
        int kv2 = b.endTable();
        int md = b.createOffsetVector(new int[] {kv1, kv2});
        int fv = b.createOffsetVector(new int[0]);
        b.startTable(4);
        b.addOffset(1, fv);
        b.addOffset(2, md);
        int schema = b.endTable();
        Schema s = SchemaCodec.decode(MemorySegment.ofArray(b.finish(schema)), "kv", 0);
        assertEquals(Map.of("", "only value", "only key", ""), s.metadata());
    }

    @Test
    void dictionaryWithoutIndexTypeIsSignedInt32() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        b.startTable(4);
        b.addLong(0, 42, 0);
        int dict = b.endTable();
        b.startTable(0);
        int utf8 = b.endTable();
        int children = b.createOffsetVector(new int[0]);
        b.startTable(7);
        b.addOffset(3, utf8);
        b.addOffset(4, dict);
        b.addOffset(5, children);
        b.addByte(2, (byte) 5, (byte) 0);
        int field = b.endTable();
        int fv = b.createOffsetVector(new int[] {field});
        b.startTable(4);
        b.addOffset(1, fv);
        Schema s = SchemaCodec.decode(MemorySegment.ofArray(b.finish(b.endTable())), "d", 0);
        assertEquals(new DictionaryEncoding(42, ArrowTypes.INT32, false), s.field(0).dictionary());
    }
}
