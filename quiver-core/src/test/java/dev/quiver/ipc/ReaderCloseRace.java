package dev.quiver.ipc;

import dev.quiver.array.RecordBatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a child JVM by {@link ReaderCloseRaceTest}: {@code ReaderCloseRace CODEC USE_THREADS MILLIS}. Eight
 * threads read random batches of one memory-mapped file reader (some through {@code recordBatch(i)}, some by
 * iterating, touching every value, some writing each batch compressed, as {@code quiver convert} does, so that
 * native compressors read the batches' memory) while another thread closes it after a random delay (up to about four
 * batch reads, so that closes land before, during and after reads, dictionaries included), over and over for
 * about MILLIS milliseconds (and at least 30 times). The only outcomes allowed are a batch or an
 * {@link IllegalStateException}; anything else is printed and the JVM exits with status 1. A JVM crash leaves an
 * hs_err file that the test finds.
 */
public final class ReaderCloseRace {
    private ReaderCloseRace() {}

    static final int THREADS = 8;

    public static void main(String[] args) throws Exception {
        String codec = args[0];
        boolean useThreads = Boolean.parseBoolean(args[1]);
        long millis = Long.parseLong(args[2]);
        Path file = Files.createTempFile("quiver-race-" + codec, ".arrow");
        try {
            SafetyFiles.write(file, codec, 12_000);
            IpcReadOptions options = IpcReadOptions.defaults().withUseThreads(useThreads);
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            AtomicLong batches = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            long read = readNanos(file, options);
            long end = System.nanoTime() + millis * 1_000_000;
            int rounds = 0;
            while ((System.nanoTime() < end || rounds < 30) && unexpected.isEmpty()) {
                round(file, options, ThreadLocalRandom.current().nextLong(4 * read + 1), batches, refused, unexpected);
                rounds++;
            }
            System.out.println("codec " + codec + " useThreads " + useThreads + ": " + rounds + " rounds, "
                    + batches + " batches read, " + refused + " IllegalStateExceptions (one read: "
                    + read / 1000 + " us)");
            if (!unexpected.isEmpty()) {
                for (Throwable t : unexpected) t.printStackTrace(System.out);
                System.exit(1);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** How long one batch takes to read, once warm (the dictionaries and the first batch included). */
    private static long readNanos(Path file, IpcReadOptions options) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            try (RecordBatchFileReader r = Ipc.openFile(file, options); RecordBatch b = r.recordBatch(i % 3)) {
                SafetyFiles.touch(b);
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    private static void round(Path file, IpcReadOptions options, long delayNanos, AtomicLong batches,
                              AtomicLong refused, ConcurrentLinkedQueue<Throwable> unexpected) throws Exception {
        RecordBatchFileReader reader = Ipc.openFile(file, options);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            boolean iterate = t % 4 == 3;
            boolean convert = t % 4 == 2;
            IpcWriteOptions writeOptions = IpcWriteOptions.defaults().withCompression(t % 8 == 2
                    ? dev.quiver.compress.CompressionType.ZSTD : dev.quiver.compress.CompressionType.LZ4_FRAME);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    while (!stop.get()) {
                        try {
                            if (iterate) {
                                for (RecordBatch b : reader) {
                                    SafetyFiles.touch(b);
                                    batches.incrementAndGet();
                                }
                            } else {
                                int i = ThreadLocalRandom.current().nextInt(reader.numRecordBatches());
                                try (RecordBatch b = reader.recordBatch(i)) {
                                    if (convert) {
                                        try (RecordBatchStreamWriter w = Ipc.newStream(
                                                java.io.OutputStream.nullOutputStream(), b.schema(), writeOptions)) {
                                            w.write(b);
                                        }
                                    } else {
                                        SafetyFiles.touch(b);
                                    }
                                }
                                batches.incrementAndGet();
                            }
                        } catch (IllegalStateException e) {
                            refused.incrementAndGet();
                            // A thread that was reading memory of the closed reader gets the JDK's asynchronous
                            // IllegalStateException with its interrupt status set (the JVM wakes it that way).
                            Thread.interrupted();
                            Thread.sleep(0, 100_000); // the reader is closed: try again a few times until stopped
                        }
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            }));
        }
        start.countDown();
        java.util.concurrent.locks.LockSupport.parkNanos(delayNanos);
        reader.close();
        // keep hammering the closed reader for a moment: every call must be refused cleanly
        Thread.sleep(1);
        stop.set(true);
        for (Thread t : threads) t.join();
    }
}
