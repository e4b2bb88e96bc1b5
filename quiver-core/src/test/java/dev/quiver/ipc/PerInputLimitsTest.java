package dev.quiver.ipc;

import dev.quiver.LimitExceededException;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, "limits per input, not only per buffer": total decompressed bytes, total dictionary bytes, number of
 * messages and of delta dictionary batches, each an {@link IpcLimits} setting reported as a
 * {@link LimitExceededException} that names it, for streams, the push decoder and files.
 */
class PerInputLimitsTest {
    @TempDir
    Path dir;

    private static final long BATCH_BYTES = (long) DroppedBatches.ROWS * 8;

    private static IpcReadOptions limits(IpcLimits l) {
        return IpcReadOptions.DEFAULT.withLimits(l);
    }

    private static byte[] stream(int batches, CompressionType codec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordBatch first = DroppedBatches.batch(0);
        try (RecordBatchStreamWriter w = Ipc.newStream(out, first.schema(), IpcWriteOptions.DEFAULT.withCompression(codec))) {
            for (int i = 0; i < batches; i++) w.write(DroppedBatches.batch(i));
        }
        return out.toByteArray();
    }

    private static int readAll(byte[] stream, IpcReadOptions options) throws IOException {
        int n = 0;
        try (RecordBatchStreamReader r = Ipc.openStream(new ByteArrayInputStream(stream), options)) {
            for (RecordBatch b : r) {
                b.close();
                n++;
            }
        }
        return n;
    }

    @Test
    void totalDecompressedBytesOfAStream() throws IOException {
        byte[] s = stream(3, CompressionType.ZSTD);
        IpcReadOptions options = limits(IpcLimits.DEFAULT.withMaxTotalDecompressedSize(BATCH_BYTES * 5 / 2));
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> readAll(s, options));
        assertTrue(e.getMessage().startsWith("decompressing " + BATCH_BYTES + " more bytes would bring this input's "
                + "decompressed bytes to " + 3 * BATCH_BYTES + ", above the limit of " + BATCH_BYTES * 5 / 2
                + " (IpcLimits.maxTotalDecompressedSize) (stream, at byte "), e.getMessage());
        assertEquals(3, readAll(s, limits(IpcLimits.DEFAULT.withMaxTotalDecompressedSize(3 * BATCH_BYTES))));
        // the push decoder counts the same
        StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {}, options);
        assertThrows(LimitExceededException.class, () -> d.consume(s));
    }

    @Test
    void totalDecompressedBytesOfAFileCountEachBatchOnce() throws IOException {
        Path f = dir.resolve("three.arrow");
        RecordBatch first = DroppedBatches.batch(0);
        try (RecordBatchFileWriter w = Ipc.newFile(f, first.schema(), IpcWriteOptions.DEFAULT.withCompression(CompressionType.LZ4_FRAME))) {
            for (int i = 0; i < 3; i++) w.write(DroppedBatches.batch(i));
        }
        try (RecordBatchFileReader r = Ipc.openFile(f, limits(IpcLimits.DEFAULT.withMaxTotalDecompressedSize(2 * BATCH_BYTES)))) {
            for (int again = 0; again < 3; again++) {
                r.recordBatch(0).close();
                r.recordBatch(1).close();
            }
            LimitExceededException e = assertThrows(LimitExceededException.class, () -> r.recordBatch(2));
            assertTrue(e.getMessage().contains("(IpcLimits.maxTotalDecompressedSize) (" + f), e.getMessage());
        }
    }

    @Test
    void messagesOfAStreamAndAFile() throws IOException {
        byte[] s = stream(4, null);
        IpcReadOptions four = limits(IpcLimits.DEFAULT.withMaxMessages(4)); // the schema and three batches
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> readAll(s, four));
        assertTrue(e.getMessage().startsWith("the input has more than 4 messages (IpcLimits.maxMessages) (stream, at byte "),
                e.getMessage());
        assertEquals(4, readAll(s, limits(IpcLimits.DEFAULT.withMaxMessages(5))));
        Path f = dir.resolve("four.arrow");
        try (RecordBatchFileWriter w = Ipc.newFile(f, DroppedBatches.batch(0).schema())) {
            for (int i = 0; i < 4; i++) w.write(DroppedBatches.batch(i));
        }
        LimitExceededException file = assertThrows(LimitExceededException.class, () -> Ipc.openFile(f, four));
        assertTrue(file.getMessage().startsWith("the input has more than 4 messages (IpcLimits.maxMessages) (" + f),
                file.getMessage());
    }

    @Test
    void deltaDictionaryBatches() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeltaStreams.write(out, 12, IpcWriteOptions.DEFAULT);
        byte[] s = out.toByteArray();
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> readAll(s, limits(IpcLimits.DEFAULT.withMaxDictionaryDeltas(10))));
        assertTrue(e.getMessage().startsWith("delta dictionary batch for id 0 is one more than the 10 deltas allowed in "
                + "one input (IpcLimits.maxDictionaryDeltas) (stream, at byte "), e.getMessage());
        assertEquals(13, readAll(s, limits(IpcLimits.DEFAULT.withMaxDictionaryDeltas(12))));
    }

    @Test
    void bytesOfTheDictionariesHeld() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeltaStreams.write(out, 12, IpcWriteOptions.DEFAULT);
        byte[] s = out.toByteArray();
        // each delta adds 32 strings of 32 bytes and 32 offsets of 4 bytes: 1152 bytes
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> readAll(s, limits(IpcLimits.DEFAULT.withMaxDictionarySize(8 * 1152))));
        assertTrue(e.getMessage().startsWith("dictionary id 0 would bring the dictionaries of this input to "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" bytes, above the limit of 9216 (IpcLimits.maxDictionarySize) "
                + "(stream, at byte "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", field 'w')"), e.getMessage());
        assertEquals(13, readAll(s, limits(IpcLimits.DEFAULT.withMaxDictionarySize(14 * 1152 + 64))));
    }
}
