package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.memory.LE;
import dev.quiver.metadata.Block;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Endianness;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The framing of Arrow before 0.15 ({@code IpcWriteOptions.withLegacyFraming(true)}): every message starts
 * with its int32 metadata length, no continuation marker; the end-of-stream marker is a single int32 0. Written,
 * checked byte by byte, and read back equal by the stream reader, the file reader and the push decoder.
 */
class LegacyFramingTest {
    private static final IpcWriteOptions LEGACY = IpcWriteOptions.DEFAULT.withLegacyFraming(true);

    static Schema schema() {
        return Schema.of(Field.nullable("i", ArrowTypes.INT32), Field.nullable("s", ArrowTypes.UTF8),
                Field.nullable("d", ArrowTypes.UTF8).withDictionary(new DictionaryEncoding(3, ArrowTypes.INT8, false)));
    }

    static List<RecordBatch> batches() {
        Schema schema = schema();
        Field d = schema.field(2);
        Array dict = Arrow.of(d, java.util.Arrays.asList("x", null, "y", "x", "y"));
        return List.of(
                RecordBatch.of(schema, List.of(Arrow.int32(1, 2, null, 4, 5), Arrow.utf8("a", null, "ccc", "", "e"), dict)),
                RecordBatch.of(schema, List.of(Arrow.int32(), Arrow.utf8(), dict.slice(0, 0))),
                RecordBatch.of(schema, List.of(Arrow.int32(9, 8), Arrow.utf8("é", "zz"), dict.slice(3, 2))));
    }

    @Test
    void legacyStreamHasNoContinuationMarkersAndReadsBack() throws IOException {
        for (IpcWriteOptions options : variants()) {
            byte[] bytes = BigEndianRoundTripTest.write(schema(), batches(), options, false);
            MemorySegment seg = MemorySegment.ofArray(bytes);
            List<Long> starts = messageStarts(seg, 0);
            assertEquals(5, starts.size(), "schema, dictionary, three batches");
            for (long at : starts) {
                int first = seg.get(LE.INT, at);
                assertNotEquals(-1, first, "no continuation marker at " + at);
                assertTrue(first > 0 && first % 4 == 0, "metadata length " + first);
                assertEquals(0, at % 8, "messages start on 8-byte boundaries");
            }
            assertEquals(0, seg.get(LE.INT, bytes.length - 4), "end-of-stream is int32 0");
            assertNotEquals(-1, seg.get(LE.INT, bytes.length - 8), "and not the 8-byte marker");
            assertEquals(0, (bytes.length - 4) % 8, "nothing but the 4-byte marker after the last message");

            try (RecordBatchStreamReader r = Ipc.openStream(bytes)) {
                compareAll(r.readAll().batches(), options + " from memory");
            }
            try (RecordBatchStreamReader r = Ipc.openStream(new ByteArrayInputStream(bytes))) {
                compareAll(r.readAll().batches(), options + " from a channel");
            }
            for (int chunk : new int[] {1, 7, 64, bytes.length}) {
                List<RecordBatch> got = new ArrayList<>();
                try (StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {
                    @Override public void onRecordBatch(RecordBatch batch) { got.add(batch); }
                })) {
                    for (int at = 0; at < bytes.length; at += chunk) {
                        d.consume(bytes, at, Math.min(chunk, bytes.length - at));
                    }
                    assertTrue(d.isEnded(), "the decoder saw the legacy end-of-stream marker");
                    assertEquals(0, d.nextRequiredSize());
                    compareAll(got, options + " pushed in chunks of " + chunk);
                }
            }
        }
    }

    @Test
    void legacyFileReadsBack() throws IOException {
        for (IpcWriteOptions options : variants()) {
            byte[] bytes = BigEndianRoundTripTest.write(schema(), batches(), options, true);
            MemorySegment seg = MemorySegment.ofArray(bytes);
            try (RecordBatchFileReader r = Ipc.openFile(bytes)) {
                List<Block> blocks = new ArrayList<>(r.footer().dictionaries());
                blocks.addAll(r.footer().recordBatches());
                for (Block b : blocks) {
                    assertNotEquals(-1, seg.get(LE.INT, b.offset()), "no continuation marker at " + b.offset());
                    assertEquals(b.metaDataLength() - 4, seg.get(LE.INT, b.offset()), "the block counts the 4-byte prefix");
                    assertEquals(0, (b.offset() + b.metaDataLength()) % 8, "bodies are aligned");
                }
                compareAll(r.readAll().batches(), options + " file");
            }
            // the stream inside the file is legacy too
            assertEquals(5, messageStarts(seg, 8).size());
        }
    }

    @Test
    void inspectorReportsTheMetadataLengthOfLegacyMessages() throws IOException {
        byte[] bytes = BigEndianRoundTripTest.write(schema(), batches(), LEGACY, false);
        MemorySegment seg = MemorySegment.ofArray(bytes);
        Inspector.StreamLayout layout = Inspector.stream(seg);
        for (MessageSummary m : layout.messages()) {
            assertEquals(seg.get(LE.INT, m.offset()), m.metadataLength());
            assertEquals(0, (m.offset() + 4 + m.metadataLength()) % 8, "body offset");
        }
        assertEquals(bytes.length - 4, layout.endOfStream());
    }

    private static List<IpcWriteOptions> variants() {
        return List.of(LEGACY, LEGACY.withCompression(CompressionType.ZSTD), LEGACY.withAlignment(64),
                LEGACY.withEndianness(Endianness.BIG).withCompression(CompressionType.LZ4_FRAME));
    }

    private static List<Long> messageStarts(MemorySegment seg, long start) {
        List<Long> out = new ArrayList<>();
        for (MessageSummary m : Inspector.stream(seg, start, IpcLimits.DEFAULT).messages()) out.add(m.offset());
        return out;
    }

    private static void compareAll(List<RecordBatch> actual, String what) {
        List<RecordBatch> expected = batches();
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertNull(ArrayEquality.compare(expected.get(i), actual.get(i)), what + ": batch " + i);
        }
    }
}
