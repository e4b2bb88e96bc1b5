package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hooks for copying an input message by message: {@link RecordBatchStreamReader#observe} (each message and
 * dictionary batch with its delta flag), {@link RecordBatchFileReader#dictionary}, and the writer's
 * {@link RecordBatchStreamWriter#writeDictionary} and {@link RecordBatchStreamWriter#compression}.
 */
class DictionaryCopyHooksTest {
    private static final Field WORDS = Field.nullable("w", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0));
    private static final Schema SCHEMA = Schema.of(WORDS);

    private static RecordBatch batch(Integer[] indices, String... dictionary) {
        return RecordBatch.of(SCHEMA, List.of(Arrow.dictionary(Arrow.int32(indices), Arrow.utf8(dictionary))));
    }

    /** "d<id>/delta|full/<length>/<codec>" and "b<length>/<codec>" for each message after the schema. */
    static List<String> messages(byte[] bytes, boolean file) {
        Inspector.StreamLayout layout = Inspector.stream(MemorySegment.ofArray(bytes), file ? 8 : 0, IpcLimits.DEFAULT);
        List<String> out = new ArrayList<>();
        for (MessageSummary m : layout.messages()) {
            switch (m.message().header()) {
                case MessageHeader.SchemaHeader s -> { }
                case MessageHeader.DictionaryBatchHeader d -> out.add("d" + d.id() + (d.isDelta() ? "/delta/" : "/full/")
                        + d.data().length() + "/" + d.data().compression());
                case MessageHeader.RecordBatchHeader r -> out.add("b" + r.length() + "/" + r.compression());
            }
        }
        return out;
    }

    /** A stream: a dictionary, a delta, a replacement (that happens to extend it), with ZSTD after the first batch. */
    private static byte[] source() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, SCHEMA, IpcWriteOptions.DEFAULT)) {
            w.writeDictionary(0, Arrow.utf8("a", "b").data(), false);
            w.write(batch(new Integer[] {0, 1}, "a", "b"));
            w.compression(CompressionType.ZSTD);
            w.writeDictionary(0, Arrow.utf8("c").data(), true);
            w.write(batch(new Integer[] {2}, "a", "b", "c"));
            w.writeDictionary(0, Arrow.utf8("a", "b", "c", "d").data(), false);
            w.write(batch(new Integer[] {3, 0}, "a", "b", "c", "d"));
        }
        return out.toByteArray();
    }

    @Test
    void theWriterWritesTheCallersDictionariesAndCompressionAsGiven() throws IOException {
        assertEquals(List.of("d0/full/2/null", "b2/null", "d0/delta/1/ZSTD", "b1/ZSTD", "d0/full/4/ZSTD", "b2/ZSTD"),
                messages(source(), false));
        try (RecordBatchStreamReader r = Ipc.openStream(source())) {
            List<List<Object>> values = new ArrayList<>();
            for (RecordBatch b; (b = r.readNext()) != null; ) {
                List<Object> v = new ArrayList<>();
                for (int i = 0; i < b.numRows(); i++) v.add(b.column(0).getObject(i));
                values.add(v);
            }
            assertEquals(List.of(List.of("a", "b"), List.of("c"), List.of("d", "a")), values);
        }
    }

    @Test
    void theStreamReaderReportsEachMessageAndDictionaryWithItsDeltaFlag() throws IOException {
        List<String> seen = new ArrayList<>();
        try (RecordBatchStreamReader r = Ipc.openStream(source())) {
            r.observe(new StreamDecoder.Listener() {
                @Override
                public void onMessage(Message message, long offset) {
                    seen.add("m@" + offset + ":" + message.header().getClass().getSimpleName());
                }

                @Override
                public void onDictionary(long id, ArrayData dictionary, boolean isDelta) {
                    seen.add("d" + id + (isDelta ? "/delta/" : "/full/") + dictionary.length());
                }
            });
            for (RecordBatch b; (b = r.readNext()) != null; ) seen.add("b" + b.numRows());
        }
        assertEquals(12, seen.size(), seen.toString());
        assertEquals(List.of("d0/full/2", "b2", "d0/delta/3", "b1", "d0/full/4", "b2"),
                seen.stream().filter(s -> !s.startsWith("m@")).toList());
        assertTrue(seen.getFirst().startsWith("m@") && seen.getFirst().endsWith("DictionaryBatchHeader"), seen.toString());
        assertTrue(seen.get(2).endsWith("RecordBatchHeader"), seen.toString());
    }

    @Test
    void aFileTurnsAnExtendingReplacementIntoADeltaAndRefusesAnyOther() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchFileWriter w = Ipc.newFile(java.nio.channels.Channels.newChannel(out), SCHEMA,
                IpcWriteOptions.DEFAULT)) {
            assertThrows(IllegalArgumentException.class, () -> w.writeDictionary(0, Arrow.utf8("x").data(), true));
            assertThrows(IllegalArgumentException.class, () -> w.writeDictionary(7, Arrow.utf8("x").data(), false));
            w.writeDictionary(0, Arrow.utf8("a", "b").data(), false);
            w.write(batch(new Integer[] {1}, "a", "b"));
            w.writeDictionary(0, Arrow.utf8("c").data(), true);
            w.writeDictionary(0, Arrow.utf8("a", "b", "c", "d").data(), false); // extends: a delta of "d"
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.writeDictionary(0, Arrow.utf8("z", "b", "c", "d").data(), false));
            assertTrue(e.getMessage().contains("no replacement"), e.getMessage());
            w.write(batch(new Integer[] {3}, "a", "b", "c", "d"));
        }
        byte[] bytes = out.toByteArray();
        assertEquals(List.of("d0/full/2/null", "b1/null", "d0/delta/1/null", "d0/delta/1/null", "b1/null"),
                messages(bytes, true));
        try (RecordBatchFileReader r = Ipc.openFile(bytes)) {
            assertEquals(List.of("a", "b", "c", "d"), List.of(Array.of(r.dictionary(0)).getObject(0),
                    Array.of(r.dictionary(0)).getObject(1), Array.of(r.dictionary(0)).getObject(2),
                    Array.of(r.dictionary(0)).getObject(3)));
            assertNull(r.dictionary(5));
            assertEquals("d", r.recordBatch(1).column(0).getObject(0));
            assertEquals(4, ((dev.quiver.array.DictionaryArray) r.recordBatch(0).column(0)).dictionary().length());
        }
    }

    @Test
    void aBatchWhoseDictionaryTheCallerDidNotWriteIsRefused() throws IOException {
        Field other = Field.nullable("v", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(1));
        Schema two = Schema.of(WORDS, other);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, two, IpcWriteOptions.DEFAULT)) {
            w.writeDictionary(0, Arrow.utf8("a").data(), false);
            RecordBatch b = RecordBatch.of(two, List.of(Arrow.dictionary(Arrow.int32(0), Arrow.utf8("a")),
                    Arrow.dictionary(Arrow.int32(0), Arrow.utf8("q"))));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(b));
            assertTrue(e.getMessage().contains("dictionary id 1"), e.getMessage());
            w.writeDictionary(1, Arrow.utf8("q").data(), false);
            w.write(b); // the writer is still usable
        }
        assertEquals(List.of("d0/full/1/null", "d1/full/1/null", "b1/null"), messages(out.toByteArray(), false));
    }
}
