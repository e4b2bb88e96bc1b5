package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.DictionaryArray;
import dev.quiver.array.Int64Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.Utf8Array;
import dev.quiver.compress.CompressionType;
import dev.quiver.memory.ReclaimableArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static dev.quiver.testing.Collector.collectUntil;
import static dev.quiver.testing.Collector.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory of batches read: what close releases and when, what a dropped batch leaves to the collector, that a
 * column kept after its batch was dropped stays valid, and what closing the reader does to all of them.
 */
class BatchMemoryTest {
    @TempDir
    Path dir;

    private static byte[] zstdStream(int batches) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordBatch first = DroppedBatches.batch(0);
        try (RecordBatchStreamWriter w = Ipc.newStream(out, first.schema(),
                IpcWriteOptions.DEFAULT.withCompression(CompressionType.ZSTD))) {
            for (int i = 0; i < batches; i++) w.write(DroppedBatches.batch(i));
        }
        return out.toByteArray();
    }

    @Test
    void closingABatchReleasesItsMemoryAtOnceAndIsIdempotent() throws Exception {
        try (RecordBatchStreamReader r = Ipc.openStream(new ByteArrayInputStream(zstdStream(2)), IpcReadOptions.DEFAULT)) {
            long before = settle(ReclaimableArena::reclaimableBytes);
            RecordBatch b = r.readNext();
            Array x = b.column(0);
            long held = ReclaimableArena.reclaimableBytes() - before;
            assertTrue(held >= 2L << 20, "the body and the decompressed column: " + held);
            b.close();
            b.close();
            assertTrue(ReclaimableArena.reclaimableBytes() - before < held - (2L << 20), "released by the close");
            assertThrows(IllegalStateException.class, () -> b.column(0));
            assertThrows(IllegalStateException.class, () -> ((Int64Array) x).get(0), "its memory is gone");
        }
    }

    @Test
    void aColumnKeptAfterItsBatchIsDroppedStaysValidUntilTheReaderCloses() throws Exception {
        RecordBatchStreamReader r = Ipc.openStream(new ByteArrayInputStream(zstdStream(3)), IpcReadOptions.DEFAULT);
        Int64Array kept = (Int64Array) r.readNext().column(0); // the batch itself is dropped
        long expected = DroppedBatches.batch(0).column(0) instanceof Int64Array a ? a.get(12345) : -1;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(expected, kept.get(12345), "the column keeps its memory alive");
        r.close();
        assertThrows(IllegalStateException.class, () -> kept.get(12345), "the reader's close released it");
    }

    @Test
    void droppedBatchesAreReclaimedWithoutClose() throws Exception {
        byte[] stream = zstdStream(8);
        long before = settle(ReclaimableArena::reclaimableBytes);
        try (RecordBatchStreamReader r = Ipc.openStream(new ByteArrayInputStream(stream), IpcReadOptions.DEFAULT)) {
            for (RecordBatch b : r) {
                assertTrue(((Int64Array) b.column(0)).get(0) >= 0);
            }
            collectUntil(() -> ReclaimableArena.reclaimableBytes() - before < 4L << 20,
                    "eight dropped batches of 2 MiB are reclaimed while the reader is open");
        }
    }

    @Test
    void closingTheReaderReleasesEveryBatchStillOpen() throws Exception {
        long before = settle(ReclaimableArena::reclaimableBytes);
        List<RecordBatch> open = new ArrayList<>();
        RecordBatchStreamReader r = Ipc.openStream(new ByteArrayInputStream(zstdStream(3)), IpcReadOptions.DEFAULT);
        for (RecordBatch b : r) open.add(b);
        assertTrue(ReclaimableArena.reclaimableBytes() - before >= 6L << 20);
        r.close();
        assertTrue(ReclaimableArena.reclaimableBytes() - before <= 0, "released at once");
        for (RecordBatch b : open) {
            assertTrue(b.isClosed());
            assertThrows(IllegalStateException.class, b::columns);
        }
    }

    @Test
    void aDetachedBatchAndItsDictionarySurviveTheReader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeltaStreams.write(out, 3, IpcWriteOptions.DEFAULT.withCompression(CompressionType.LZ4_FRAME));
        RecordBatch kept;
        try (RecordBatchStreamReader r = Ipc.openStream(new ByteArrayInputStream(out.toByteArray()),
                IpcReadOptions.DEFAULT)) {
            r.readNext().close();
            kept = r.readNext().detach();
        }
        DictionaryArray d = (DictionaryArray) kept.column(0);
        assertEquals(2 * DeltaStreams.STRINGS_PER_DELTA, d.dictionary().length());
        assertEquals(String.format("%032d", 63), ((Utf8Array) d.dictionary()).getString((int) d.getIndex(0)));
        kept.close();
    }

    @Test
    void aReplacedDictionaryStaysValidForTheBatchesThatUseIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeltaStreams.write(out, 4, IpcWriteOptions.DEFAULT);
        List<ArrayData> seen = new ArrayList<>();
        List<RecordBatch> batches = new ArrayList<>();
        try (StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {
            @Override public void onDictionary(long id, ArrayData dictionary, boolean isDelta) { seen.add(dictionary); }
            @Override public void onRecordBatch(RecordBatch batch) { batches.add(batch); }
        })) {
            d.consume(out.toByteArray());
            d.finish();
            assertEquals(5, batches.size());
            // batch 1 holds the second value: valid though three deltas came after it
            Utf8Array second = (Utf8Array) ((DictionaryArray) batches.get(1).column(0)).dictionary();
            assertEquals(String.format("%032d", 63), second.getString(63));
            batches.get(1).close();
            // nothing holds the second value any more: released at once
            assertThrows(IllegalStateException.class, () -> second.getString(63));
            assertEquals(String.format("%032d", 159), ((Utf8Array) Array.of(seen.get(4))).getString(159));
        }
    }

    @Test
    void aFileReadIntoMemoryIsNotAffectedByChangesOnDisk() throws IOException {
        Path f = dir.resolve("copy.arrow");
        SafetyFiles.write(f, "none", 1000);
        try (RecordBatchFileReader mapped = Ipc.openFile(f);
             RecordBatchFileReader copied = Ipc.openFile(f, IpcReadOptions.DEFAULT.withMemoryMap(false))) {
            long expected = SafetyFiles.touch(mapped.recordBatch(2));
            assertFalse(copied.recordBatch(0).column(0).data().buffer(1).isMapped());
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[(int) Files.size(f) - 16]), 8); // zeros over everything
            }
            assertEquals(expected, SafetyFiles.touch(copied.recordBatch(2)), "the copy is as it was");
            assertThrows(dev.quiver.InvalidDataException.class, () -> mapped.recordBatch(3),
                    "the mapping shows the change");
        }
        Path s = dir.resolve("copy.arrows");
        SafetyFiles.write(s, "none", 1000, true);
        try (RecordBatchStreamReader mapped = Ipc.openStream(s);
             RecordBatchStreamReader read = Ipc.openStream(s, IpcReadOptions.DEFAULT.withMemoryMap(false))) {
            assertTrue(mapped.readNext().column(0).data().buffer(1).isMapped());
            RecordBatch b = read.readNext(); // read through a channel, message by message, into the batch's memory
            assertFalse(b.column(0).data().buffer(1).isMapped());
            assertTrue(b.column(0).data().buffer(1).isNative());
        }
    }
}
