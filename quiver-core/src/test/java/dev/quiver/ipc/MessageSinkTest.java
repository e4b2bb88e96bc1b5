package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.metadata.MessageHeader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The entry points for protocols that carry IPC messages in envelopes of their own (Arrow Flight): a stream writer
 * handing each message to a {@link MessageSink}, and {@link StreamDecoder#consumeMessage} taking metadata and body
 * apart.
 */
class MessageSinkTest {
    record Msg(MessageHeader header, byte[] metadata, byte[] body) {}

    static RecordBatch words(String... dictionary) {
        Integer[] idx = new Integer[dictionary.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Long[] n = new Long[dictionary.length];
        for (int i = 0; i < n.length; i++) n[i] = i % 2 == 0 ? (long) i * 1000 : null;
        return RecordBatch.builder().add("w", Arrow.dictionary(Arrow.int32(idx), Arrow.utf8(dictionary)))
                .add("n", Arrow.int64(n)).build();
    }

    static List<Msg> messages(List<RecordBatch> batches, IpcWriteOptions options) throws Exception {
        List<Msg> out = new ArrayList<>();
        MessageSink sink = (message, metadata, parts) -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            long n = 0;
            for (MemorySegment p : parts) {
                body.write(p.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                n += p.byteSize();
            }
            assertEquals(message.bodyLength(), n, "the parts hold the body");
            assertEquals(0, metadata.length % 4, "metadata is whole Flatbuffers words, as Arrow C++ sends it");
            out.add(new Msg(message.header(), metadata, body.toByteArray()));
        };
        try (RecordBatchStreamWriter w = Ipc.newStream(sink, batches.get(0).schema(), options)) {
            w.writeAll(batches);
        }
        return out;
    }

    /** The same messages, framed, are what the channel writer writes. */
    @Test
    void theSinkGetsTheMessagesAStreamHoldsWithoutTheirFraming() throws Exception {
        List<RecordBatch> batches = List.of(words("a", "b"), words("a", "b", "c"), words("z"));
        IpcWriteOptions o = IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true);
        List<Msg> msgs = messages(batches, o);
        // schema, dictionary, batch, delta, batch, replacement, batch
        assertEquals(7, msgs.size());
        assertTrue(((MessageHeader.DictionaryBatchHeader) msgs.get(3).header()).isDelta());
        assertFalse(((MessageHeader.DictionaryBatchHeader) msgs.get(5).header()).isDelta());
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(framed, batches.get(0).schema(), o)) {
            w.writeAll(batches);
        }
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        for (Msg m : msgs) {
            rebuilt.write(new byte[] {-1, -1, -1, -1});
            // the stream framing pads the metadata so that the body starts on an 8-byte boundary
            int n = (m.metadata().length + 7) & ~7;
            rebuilt.write(new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
            rebuilt.write(m.metadata());
            rebuilt.write(new byte[n - m.metadata().length]);
            rebuilt.write(m.body());
        }
        rebuilt.write(new byte[] {-1, -1, -1, -1, 0, 0, 0, 0});
        assertArrayEquals(framed.toByteArray(), rebuilt.toByteArray());
    }

    @Test
    void consumeMessageDecodesMessagesGivenApartWithDictionariesDeltasAndCompression() throws Exception {
        List<RecordBatch> batches = List.of(words("a", "b"), words("a", "b", "c"), words("z"));
        for (CompressionType c : new CompressionType[] {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD}) {
            List<Msg> msgs = messages(batches, IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true).withCompression(c));
            List<RecordBatch> got = new ArrayList<>();
            try (StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {
                @Override public void onRecordBatch(RecordBatch batch) { got.add(batch); }
            })) {
                for (Msg m : msgs) {
                    Arena arena = Arena.ofShared();
                    MemorySegment body = arena.allocate(Math.max(1, m.body().length)).asSlice(0, m.body().length);
                    MemorySegment.copy(MemorySegment.ofArray(m.body()), 0, body, 0, m.body().length);
                    d.consumeMessage(MemorySegment.ofArray(m.metadata()), body, arena);
                }
                assertEquals(3, got.size());
                for (int i = 0; i < 3; i++) assertNull(ArrayEquality.compare(batches.get(i), got.get(i)), c + " batch " + i);
            }
        }
    }

    @Test
    void aBodyShorterThanItsMetadataSaysIsInvalidAndItsMemoryReleased() throws Exception {
        List<Msg> msgs = messages(List.of(words("a", "b")), IpcWriteOptions.DEFAULT);
        StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {}, IpcReadOptions.DEFAULT, "test");
        d.consumeMessage(MemorySegment.ofArray(msgs.get(0).metadata()), MemorySegment.NULL, null);
        Arena arena = Arena.ofShared();
        MemorySegment shortBody = arena.allocate(4);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> d.consumeMessage(MemorySegment.ofArray(msgs.get(1).metadata()), shortBody, arena));
        assertEquals("message body too short: the metadata declares " + msgs.get(1).body().length
                + " bytes, the message carries 4 (test, at byte "
                + (msgs.get(0).metadata().length + msgs.get(1).metadata().length) + ")", e.getMessage());
        assertFalse(arena.scope().isAlive(), "the body's memory is released");
        assertThrows(IllegalStateException.class, () -> d.consumeMessage(MemorySegment.ofArray(msgs.get(1).metadata()),
                MemorySegment.ofArray(msgs.get(1).body()), null), "the decoder refuses input after an error");
        d.close();
    }

    @Test
    void consumeMessageBetweenFramedChunksOnly() throws Exception {
        List<Msg> msgs = messages(List.of(words("a")), IpcWriteOptions.DEFAULT);
        StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {});
        d.consume(new byte[] {-1, -1});
        Arena arena = Arena.ofShared();
        assertThrows(IllegalStateException.class,
                () -> d.consumeMessage(MemorySegment.ofArray(msgs.get(0).metadata()), MemorySegment.NULL, arena));
        assertFalse(arena.scope().isAlive(), "the memory handed over is released");
        assertThrows(InvalidDataException.class, d::close, "the half-read prefix is still there");
    }
}
