package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Arrow;
import dev.quiver.array.DictionaryArray;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.Footer;
import dev.quiver.metadata.FooterCodec;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.testing.TestData;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dictionary batches: deltas and replacements in streams and files (read and written, checked message by
 * message), nested dictionaries, a dictionary shared by several fields, and every integer index type.
 */
class DictionaryIpcTest {
    private static final Field WORDS = Field.nullable("w", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0));
    private static final Schema SCHEMA = Schema.of(WORDS);

    private static RecordBatch batch(Schema schema, Integer[] indices, String... dictionary) {
        return RecordBatch.of(schema, List.of(Arrow.dictionary(Arrow.int32(indices), Arrow.utf8(dictionary))));
    }

    /** "d<id>/<delta?>/<length>" for dictionary batches, "b<length>" for record batches, from the bytes. */
    private static List<String> messages(byte[] bytes, boolean file) {
        Inspector.StreamLayout layout = Inspector.stream(MemorySegment.ofArray(bytes), file ? 8 : 0, IpcLimits.DEFAULT);
        List<String> out = new ArrayList<>();
        for (MessageSummary m : layout.messages()) {
            switch (m.message().header()) {
                case MessageHeader.SchemaHeader s -> out.add("schema");
                case MessageHeader.DictionaryBatchHeader d ->
                        out.add("d" + d.id() + (d.isDelta() ? "/delta/" : "/full/") + d.data().length());
                case MessageHeader.RecordBatchHeader r -> out.add("b" + r.length());
            }
        }
        return out;
    }

    private static List<Object> values(RecordBatch b, int column) {
        List<Object> v = new ArrayList<>();
        for (int i = 0; i < b.numRows(); i++) v.add(b.column(column).getObject(i));
        return v;
    }

    private static List<RecordBatch> growing() {
        return List.of(batch(SCHEMA, new Integer[] {0, 1, null}, "a", "b"),
                batch(SCHEMA, new Integer[] {2, 0}, "a", "b", "c"),
                batch(SCHEMA, new Integer[] {2, 0}, "a", "b", "c"),      // unchanged: nothing written
                batch(SCHEMA, new Integer[] {4, 3, 1}, "a", "b", "c", "d", "e"));
    }

    private static final List<List<Object>> GROWING_VALUES = java.util.Arrays.asList(
            java.util.Arrays.asList("a", "b", null), List.of("c", "a"), List.of("c", "a"), List.of("e", "d", "b"));

    @Test
    void streamWriterEmitsDeltasWhenEnabledAndTheReaderAppliesThem() throws IOException {
        IpcWriteOptions deltas = IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true);
        for (CompressionType codec : new CompressionType[] {null, CompressionType.ZSTD}) {
            byte[] bytes = IpcNestedRoundTripTest.write(SCHEMA, growing(), false, deltas.withCompression(codec));
            assertEquals(List.of("schema", "d0/full/2", "b3", "d0/delta/1", "b2", "b2", "d0/delta/2", "b3"),
                    messages(bytes, false));
            // from memory and from a channel; every batch keeps the dictionary it was read with
            for (boolean memory : new boolean[] {true, false}) {
                try (RecordBatchStreamReader r = memory ? Ipc.openStream(bytes)
                        : Ipc.openStream(new java.io.ByteArrayInputStream(bytes))) {
                    List<RecordBatch> read = r.readAll().batches();
                    for (int i = 0; i < read.size(); i++) assertEquals(GROWING_VALUES.get(i), values(read.get(i), 0));
                    assertEquals(List.of(2, 3, 3, 5), read.stream()
                            .map(b -> ((DictionaryArray) b.column(0)).dictionary().length()).toList());
                }
            }
        }
    }

    @Test
    void dictionariesOfBatchesClosedAfterWritingAreStillComparedCorrectly() throws IOException {
        // the writer remembers its own copy of the last dictionary, not the caller's memory
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, SCHEMA, IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true))) {
            for (RecordBatch b : growing()) {
                try (Arena arena = Arena.ofShared()) {
                    ArrayData copy = b.column(0).data().copyTo(arena);
                    w.write(RecordBatch.of(SCHEMA, List.of(Array.of(copy))));
                } // the caller's memory, dictionary included, is freed here
            }
        }
        assertEquals(List.of("schema", "d0/full/2", "b3", "d0/delta/1", "b2", "b2", "d0/delta/2", "b3"),
                messages(out.toByteArray(), false));
    }

    @Test
    void streamWriterReplacesAChangedDictionaryWithoutTheDeltaOption() throws IOException {
        List<RecordBatch> batches = new ArrayList<>(growing());
        batches.add(batch(SCHEMA, new Integer[] {0, 1}, "x", "y"));     // neither equal nor grown
        byte[] bytes = IpcNestedRoundTripTest.write(SCHEMA, batches, false, IpcWriteOptions.DEFAULT);
        assertEquals(List.of("schema", "d0/full/2", "b3", "d0/full/3", "b2", "b2", "d0/full/5", "b3", "d0/full/2", "b2"),
                messages(bytes, false));
        try (RecordBatchStreamReader r = Ipc.openStream(bytes)) {
            List<RecordBatch> read = r.readAll().batches();
            for (int i = 0; i < 4; i++) assertEquals(GROWING_VALUES.get(i), values(read.get(i), 0));
            assertEquals(List.of("x", "y"), values(read.get(4), 0));
        }
        // with deltas enabled, the last change still is a replacement
        bytes = IpcNestedRoundTripTest.write(SCHEMA, batches, false, IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true));
        assertEquals("d0/full/2", messages(bytes, false).get(8));
    }

    @Test
    void fileWriterWritesDeltasAndTheFileReaderAppliesThemAll() throws IOException {
        byte[] bytes = IpcNestedRoundTripTest.write(SCHEMA, growing(), true, IpcWriteOptions.DEFAULT);
        assertEquals(List.of("schema", "d0/full/2", "b3", "d0/delta/1", "b2", "b2", "d0/delta/2", "b3"),
                messages(bytes, true));
        try (RecordBatchFileReader r = Ipc.openFile(bytes)) {
            assertEquals(3, r.numDictionaries());
            List<RecordBatch> read = r.readAll().batches();
            for (int i = 0; i < read.size(); i++) assertEquals(GROWING_VALUES.get(i), values(read.get(i), 0));
            // a file's dictionaries are all read first: every batch sees the whole dictionary
            assertEquals(5, ((DictionaryArray) read.get(0).column(0)).dictionary().length());
        }
    }

    @Test
    void fileWriterRefusesADictionaryReplacement() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchFileWriter w = Ipc.newFile(out, SCHEMA, IpcWriteOptions.DEFAULT)) {
            w.write(batch(SCHEMA, new Integer[] {0}, "a", "b"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.write(batch(SCHEMA, new Integer[] {0}, "b", "a", "c")));
            assertEquals("the dictionary with id 0 (field 'w') changed and does not start with the 2 values written "
                    + "before: the IPC file format allows delta dictionaries but no replacement (use a stream)",
                    e.getMessage());
        }
    }

    /** A file holding the messages of a stream, with a footer listing their blocks. */
    private static byte[] fileOf(byte[] stream, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Framing.FILE_MAGIC_PADDED);
        out.write(stream);
        byte[] data = out.toByteArray();
        Inspector.StreamLayout layout = Inspector.stream(MemorySegment.ofArray(data), 8, IpcLimits.DEFAULT);
        List<Block> dictionaries = new ArrayList<>();
        List<Block> batches = new ArrayList<>();
        for (MessageSummary m : layout.messages()) {
            Block b = new Block(m.offset(), m.metadataLength() + 8, m.bodyLength());
            if (m.message().header() instanceof MessageHeader.DictionaryBatchHeader) dictionaries.add(b);
            if (m.message().header() instanceof MessageHeader.RecordBatchHeader) batches.add(b);
        }
        byte[] footer = FooterCodec.encode(new Footer(MetadataVersion.V5, schema, dictionaries, batches, Map.of()));
        out.write(footer);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
        out.write(Framing.FILE_MAGIC);
        return out.toByteArray();
    }

    @Test
    void fileReaderRejectsADictionaryReplacementNamingTheIdAndBlock() throws IOException {
        List<RecordBatch> batches = List.of(batch(SCHEMA, new Integer[] {0}, "a"), batch(SCHEMA, new Integer[] {0}, "z"));
        byte[] stream = IpcNestedRoundTripTest.write(SCHEMA, batches, false, IpcWriteOptions.DEFAULT);
        byte[] file = fileOf(stream, SCHEMA);
        try (RecordBatchFileReader r = Ipc.openFile(file)) {
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> r.recordBatch(0));
            assertTrue(e.getMessage().contains("dictionary block 1 replaces dictionary id 0"), e.getMessage());
            assertTrue(e.getMessage().contains("only delta dictionary batches"), e.getMessage());
        }
        // the same messages with a delta instead are a valid file
        stream = IpcNestedRoundTripTest.write(SCHEMA, List.of(batch(SCHEMA, new Integer[] {0}, "a"),
                batch(SCHEMA, new Integer[] {1}, "a", "z")), false, IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true));
        try (RecordBatchFileReader r = Ipc.openFile(fileOf(stream, SCHEMA))) {
            assertEquals(List.of("a"), values(r.recordBatch(0), 0));
            assertEquals(List.of("z"), values(r.recordBatch(1), 0));
        }
    }

    @Test
    void aDeltaBeforeAnyDictionaryIsRejected() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(Channels.newChannel(out), 8, 0);
        w.write(new Message(MetadataVersion.V5, new MessageHeader.SchemaHeader(SCHEMA), 0, Map.of()), List.of());
        try (Arena scratch = Arena.ofConfined()) {
            RecordBatchEncoder.Encoded e = RecordBatchEncoder.encode(1, List.of(Arrow.utf8("a").data()), 8, null,
                    scratch);
            w.write(new Message(MetadataVersion.V5, new MessageHeader.DictionaryBatchHeader(0, e.header(), true),
                    e.bodyLength(), Map.of()), e.bodyParts());
        }
        w.writeEndOfStream();
        try (RecordBatchStreamReader r = Ipc.openStream(out.toByteArray())) {
            InvalidDataException e = assertThrows(InvalidDataException.class, r::readNext);
            assertTrue(e.getMessage().contains("delta dictionary batch for id 0 before any dictionary with that id"),
                    e.getMessage());
        }
    }

    @Test
    void everyIntegerIndexTypeRoundTrips() throws IOException {
        for (ArrowType.Int index : new ArrowType.Int[] {ArrowTypes.INT8, ArrowTypes.INT16, ArrowTypes.INT32, ArrowTypes.INT64,
                ArrowTypes.UINT8, ArrowTypes.UINT16, ArrowTypes.UINT32, ArrowTypes.UINT64}) {
            Field f = Field.nullable("d", ArrowTypes.UTF8).withDictionary(new DictionaryEncoding(7, index, true));
            Schema schema = Schema.of(f, Field.nullable("plain", ArrowTypes.INT32));
            List<Object> words = new ArrayList<>();
            for (int i = 0; i < 300; i++) words.add(i % 7 == 3 ? null : "w" + (i * 13 % 120));
            Array column = Arrow.of(f, words);
            assertEquals(index, column.data().type());
            Integer[] plain = new Integer[300];
            RecordBatch b = RecordBatch.of(schema, List.of(column, Arrow.int32(plain)));
            for (boolean file : new boolean[] {false, true}) {
                List<RecordBatch> read = IpcNestedRoundTripTest.read(
                        IpcNestedRoundTripTest.write(schema, List.of(b, b.slice(5, 100)), file, IpcWriteOptions.DEFAULT),
                        file);
                IpcNestedRoundTripTest.compareAll(List.of(b, b.slice(5, 100)), read);
                assertEquals(index, read.get(0).column(0).data().type(), index + " indices");
                assertEquals(words, values(read.get(0), 0));
            }
        }
    }

    @Test
    void nestedDictionariesAreWrittenInnerFirstAndRead() throws IOException {
        // list<dict<utf8>> and a dictionary of structs whose "tag" child is itself dictionary-encoded
        Field item = Field.nullable("item", ArrowTypes.UTF8).withDictionary(new DictionaryEncoding(1, ArrowTypes.INT8, false));
        Field list = new Field("l", new ArrowType.List(), true, List.of(item), null, null);
        Field tag = Field.nullable("tag", ArrowTypes.UTF8).withDictionary(new DictionaryEncoding(3, ArrowTypes.UINT16, false));
        Field struct = new Field("s", new ArrowType.Struct(), true,
                List.of(Field.nullable("n", ArrowTypes.INT64), tag), new DictionaryEncoding(2, ArrowTypes.INT32, false), null);
        Schema schema = Schema.of(list, struct);
        Array lists = Arrow.of(list, java.util.Arrays.asList(List.of("x", "y"), null, List.of("y", "y", "z")));
        Field structValues = struct.withDictionary(null);
        Array structs = Arrow.of(structValues, List.of(Map.of("n", 1L, "tag", "red"), Map.of("n", 2L, "tag", "blue"),
                Map.of("n", 3L, "tag", "red")));
        Array encoded = Arrow.dictionary(Arrow.int32(2, 0, null), structs);
        RecordBatch b = RecordBatch.of(schema, List.of(lists, encoded));
        // a second batch (streams only) where the inner "tag" dictionary and the outer one are both replaced
        Array structs2 = Arrow.of(structValues, List.of(Map.of("n", 9L, "tag", "green")));
        RecordBatch b2 = RecordBatch.of(schema, List.of(lists, Arrow.dictionary(Arrow.int32(0, 0, 0), structs2)));
        for (boolean file : new boolean[] {false, true}) {
            List<RecordBatch> batches = file ? List.of(b) : List.of(b, b2);
            byte[] bytes = IpcNestedRoundTripTest.write(schema, batches, file,
                    IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true));
            List<String> expected = new ArrayList<>(List.of("schema", "d1/full/3", "d3/full/2", "d2/full/3", "b3"));
            if (!file) expected.addAll(List.of("d3/full/1", "d2/full/1", "b3"));
            assertEquals(expected, messages(bytes, file));
            List<RecordBatch> read = IpcNestedRoundTripTest.read(bytes, file);
            IpcNestedRoundTripTest.compareAll(batches, read);
            assertEquals(java.util.Arrays.asList(List.of(3L, "red"), List.of(1L, "red"), null),
                    values(read.get(0), 1));
        }
    }

    @Test
    void aGrownDictionaryWhoseValuesHoldDictionariesIsReplacedNotSentAsADelta() throws IOException {
        // As Arrow C++ (whose reader cannot apply such a delta): streams replace it, files refuse it.
        Field tag = Field.nullable("tag", ArrowTypes.UTF8).withDictionary(new DictionaryEncoding(3, ArrowTypes.INT8, false));
        Field struct = new Field("s", new ArrowType.Struct(), true, List.of(tag),
                new DictionaryEncoding(2, ArrowTypes.INT32, false), null);
        Schema schema = Schema.of(struct);
        Field values = struct.withDictionary(null);
        Array two = Arrow.of(values, List.of(Map.of("tag", "red"), Map.of("tag", "blue")));
        Array three = Arrow.of(values, List.of(Map.of("tag", "red"), Map.of("tag", "blue"), Map.of("tag", "red")));
        List<RecordBatch> batches = List.of(RecordBatch.of(schema, List.of(Arrow.dictionary(Arrow.int32(0, 1), two))),
                RecordBatch.of(schema, List.of(Arrow.dictionary(Arrow.int32(2), three))));
        byte[] bytes = IpcNestedRoundTripTest.write(schema, batches, false,
                IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true));
        assertEquals(List.of("schema", "d3/full/2", "d2/full/2", "b2", "d2/full/3", "b1"), messages(bytes, false));
        IpcNestedRoundTripTest.compareAll(batches, IpcNestedRoundTripTest.read(bytes, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpcNestedRoundTripTest.write(schema, batches, true, IpcWriteOptions.DEFAULT));
        assertEquals("the dictionary with id 2 (field 's') grew, but its values hold dictionaries, so it cannot be "
                + "sent as a delta: the IPC file format allows delta dictionaries but no replacement (use a stream)",
                e.getMessage());
    }

    @Test
    void oneDictionarySharedBySeveralFieldsIsWrittenOnce() throws IOException {
        DictionaryEncoding shared = DictionaryEncoding.of(5);
        Schema schema = Schema.of(Field.nullable("a", ArrowTypes.UTF8).withDictionary(shared),
                Field.nullable("b", ArrowTypes.UTF8).withDictionary(shared));
        Array dict = Arrow.utf8("p", "q", "r");
        RecordBatch b = RecordBatch.of(schema, List.of(Arrow.dictionary(Arrow.int32(0, 2), dict),
                Arrow.dictionary(Arrow.int32(1, null), Arrow.utf8("p", "q", "r"))));
        for (boolean file : new boolean[] {false, true}) {
            byte[] bytes = IpcNestedRoundTripTest.write(schema, List.of(b, b), file, IpcWriteOptions.DEFAULT);
            assertEquals(List.of("schema", "d5/full/3", "b2", "b2"), messages(bytes, file));
            List<RecordBatch> read = IpcNestedRoundTripTest.read(bytes, file);
            assertEquals(List.of("p", "r"), values(read.get(1), 0));
            assertEquals(java.util.Arrays.asList("q", null), values(read.get(1), 1));
        }
        RecordBatch conflicting = RecordBatch.of(schema, List.of(Arrow.dictionary(Arrow.int32(0), dict),
                Arrow.dictionary(Arrow.int32(0), Arrow.utf8("other"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpcNestedRoundTripTest.write(schema, List.of(conflicting), false, IpcWriteOptions.DEFAULT));
        assertEquals("fields sharing dictionary id 5 have different dictionaries in one batch (field 'b')",
                e.getMessage());
    }

    @Test
    void goldDictionaryCasesWriteTheirDictionariesOnce() throws IOException {
        String[][] cases = {{"cpp-21.0.0", "dictionary"}, {"cpp-21.0.0", "dictionary_unsigned"},
                {"cpp-21.0.0", "nested_dictionary"}, {"4.0.0-shareddict", "shared_dict"},
                {"1.0.0-littleendian", "nested_dictionary"}};
        for (String[] c : cases) {
            try (RecordBatchFileReader r = Ipc.openFile(TestData.gold(c[0], c[1], ".arrow_file"))) {
                List<RecordBatch> original = r.readAll().batches();
                for (boolean file : new boolean[] {false, true}) {
                    byte[] bytes = IpcNestedRoundTripTest.write(r.schema(), original, file, IpcWriteOptions.DEFAULT);
                    long dictionaries = messages(bytes, file).stream().filter(m -> m.startsWith("d")).count();
                    assertEquals(r.numDictionaries(), dictionaries, c[1] + ": one dictionary batch per id");
                    IpcNestedRoundTripTest.compareAll(original, IpcNestedRoundTripTest.read(bytes, file));
                }
            }
        }
    }

    @Test
    void dictionaryDataOfAReadBatchSurvivesLaterDeltas() throws IOException {
        byte[] bytes = IpcNestedRoundTripTest.write(SCHEMA, growing(), false,
                IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true));
        try (RecordBatchStreamReader r = Ipc.openStream(new java.io.ByteArrayInputStream(bytes))) {
            RecordBatch first = r.readNext();
            ArrayData before = ((DictionaryArray) first.column(0)).dictionary().data();
            r.readAll().batches();
            assertEquals(2, before.length());
            assertEquals(java.util.Arrays.asList("a", "b", null), values(first, 0));
        }
    }

    @Test
    void writersRefuseColumnsThatDoNotMatchTheirFields() throws IOException {
        // int8 indices under a field declaring int32 indices would be read wrongly: refused before any byte
        RecordBatch wrongIndices = RecordBatch.of(SCHEMA, List.of(Arrow.dictionary(Arrow.int8(0), Arrow.utf8("a"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, SCHEMA, IpcWriteOptions.DEFAULT)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(wrongIndices));
            assertTrue(e.getMessage().startsWith("column 0 cannot be written: "), e.getMessage());
            assertTrue(e.getMessage().contains("dictionary index type int8 does not match the field's int32"),
                    e.getMessage());
            assertEquals(0, out.size(), "nothing written");
            RecordBatch plain = RecordBatch.of(SCHEMA, List.of(Arrow.utf8("a")));
            e = assertThrows(IllegalArgumentException.class, () -> w.write(plain));
            assertTrue(e.getMessage().contains("dictionary-encoded field has no dictionary"), e.getMessage());
        }
    }
}
