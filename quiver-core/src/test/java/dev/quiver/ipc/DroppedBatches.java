package dev.quiver.ipc;

import dev.quiver.array.FixedWidthBuilder;
import dev.quiver.array.Int64Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.testing.ProcessMemory;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link DroppedBatchesTest}: {@code DroppedBatches stream|zstd close|drop [FILE]} reads
 * every batch of a large input, closing each batch or dropping it as the README's
 * {@code for (RecordBatch b : r)} loop does, and prints how much anonymous resident memory grew while the
 * reader was still open: {@code rss growth KIB}. {@code stream}: {@value #STREAM_BATCHES} batches of 2 MiB
 * from an {@link InputStream} (generated, nothing on disk); {@code zstd}: a ZSTD file ({@link #writeZstd}).
 */
public final class DroppedBatches {
    private DroppedBatches() {}

    static final int STREAM_BATCHES = 160;
    static final int ROWS = 1 << 18; // 2 MiB of int64

    static RecordBatch batch(int seed) {
        FixedWidthBuilder b = new FixedWidthBuilder(ArrowTypes.INT64);
        for (int i = 0; i < ROWS; i++) b.appendLong((long) seed * ROWS + (i & 1023));
        return RecordBatch.builder().add(Field.notNull("x", ArrowTypes.INT64), b.buildArray()).build();
    }

    /** A ZSTD file of {@code batches} batches of 2 MiB (decompressed). */
    static void writeZstd(Path path, int batches) throws IOException {
        RecordBatch first = batch(0);
        try (RecordBatchFileWriter w = Ipc.newFile(path, first.schema(),
                IpcWriteOptions.DEFAULT.withCompression(CompressionType.ZSTD))) {
            for (int i = 0; i < batches; i++) w.write(batch(i));
        }
    }

    /** The stream: its schema message, then the same record batch message {@code batches} times, then EOS. */
    static InputStream stream(int batches) throws IOException {
        RecordBatch b = batch(1);
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(empty, b.schema())) {
            // schema and end of stream only
        }
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(one, b.schema())) {
            w.write(b);
        }
        byte[] all = one.toByteArray();
        int schemaLength = empty.size() - 8;
        byte[] schema = Arrays.copyOf(all, schemaLength);
        byte[] message = Arrays.copyOfRange(all, schemaLength, all.length - 8);
        byte[] eos = Arrays.copyOfRange(all, all.length - 8, all.length);
        return new InputStream() {
            private int part = -1; // -1: schema, 0..batches-1: batches, batches: eos
            private byte[] current = schema;
            private int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] dst, int off, int len) {
                while (at == current.length) {
                    if (part == batches) return -1;
                    part++;
                    current = part < batches ? message : eos;
                    at = 0;
                }
                int n = Math.min(len, current.length - at);
                System.arraycopy(current, at, dst, off, n);
                at += n;
                return n;
            }
        };
    }

    public static void main(String[] args) throws Exception {
        boolean close = args[1].equals("close");
        long before = ProcessMemory.rssAnonKib();
        long sum = 0;
        long batches = 0;
        if (args[0].equals("stream")) {
            try (RecordBatchStreamReader r = Ipc.openStream(stream(STREAM_BATCHES))) {
                for (RecordBatch b : r) {
                    sum += touch(b, close);
                    batches++;
                }
                report(before, batches, sum);
            }
        } else {
            try (RecordBatchFileReader r = Ipc.openFile(Path.of(args[2]))) {
                for (RecordBatch b : r) {
                    sum += touch(b, close);
                    batches++;
                }
                report(before, batches, sum);
            }
        }
    }

    private static long touch(RecordBatch b, boolean close) {
        Int64Array x = (Int64Array) b.column(0);
        long s = 0;
        for (int i = 0; i < x.length(); i += 97) s += x.get(i);
        if (close) b.close();
        return s;
    }

    private static void report(long before, long batches, long sum) {
        System.out.println("batches " + batches + " sum " + sum);
        System.out.println("rss growth " + (ProcessMemory.rssAnonKib() - before));
    }
}
