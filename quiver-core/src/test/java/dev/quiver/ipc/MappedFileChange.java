package dev.quiver.ipc;

import dev.quiver.QuiverException;
import dev.quiver.array.RecordBatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Run in a child JVM by {@link MappedFileChangeTest}: {@code MappedFileChange CODEC}. Files (and streams) are
 * changed on disk while a reader has them memory-mapped: truncated (to half, to just before the footer, to
 * nothing), overwritten in the middle with random bytes, rewritten with other content, and truncated while
 * two threads read. Every read through the reader must give a batch or a {@link QuiverException}; anything
 * else is printed and the JVM exits with status 1 (a crash leaves an hs_err file).
 */
public final class MappedFileChange {
    private MappedFileChange() {}

    interface Change {
        void apply(Path file, long size) throws IOException;
    }

    static final Map<String, Change> CHANGES = Map.of(
            "truncated to half", (f, size) -> truncate(f, size / 2),
            "truncated before the footer", (f, size) -> truncate(f, size - 64),
            "truncated to nothing", (f, size) -> truncate(f, 0),
            "overwritten in the middle", (f, size) -> overwrite(f, size / 4, size / 2),
            "rewritten with other content", (f, size) -> Files.write(f, new byte[(int) (size / 3)]));

    private static final ConcurrentLinkedQueue<String> UNEXPECTED = new ConcurrentLinkedQueue<>();
    private static final Map<String, Integer> OUTCOMES = new TreeMap<>();
    private static final java.util.concurrent.atomic.AtomicReference<String> FIRST_CHANGE =
            new java.util.concurrent.atomic.AtomicReference<>();

    public static void main(String[] args) throws Exception {
        String codec = args[0];
        Path dir = Files.createTempDirectory("quiver-mapped-change");
        try {
            for (var c : new TreeMap<>(CHANGES).entrySet()) {
                fileReader(dir, codec, c.getKey(), c.getValue());
                streamReader(dir, codec, c.getKey(), c.getValue());
            }
            concurrentTruncation(dir, codec);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
        synchronized (OUTCOMES) {
            OUTCOMES.forEach((k, v) -> System.out.println("outcome " + k + ": " + v));
        }
        if (!UNEXPECTED.isEmpty()) {
            UNEXPECTED.forEach(System.out::println);
            System.exit(1);
        }
        System.out.println("codec " + codec + ": only batches and QuiverExceptions");
    }

    private static void fileReader(Path dir, String codec, String name, Change change) throws IOException {
        Path f = dir.resolve("file-" + codec + ".arrow");
        SafetyFiles.write(f, codec, 30_000);
        long size = Files.size(f);
        try (RecordBatchFileReader r = Ipc.openFile(f)) {
            read(() -> r.recordBatch(0), "file, before: " + name);
            change.apply(f, size);
            for (int i = 0; i < r.numRecordBatches(); i++) {
                int batch = i;
                read(() -> r.recordBatch(batch), "file, " + name);
            }
        }
    }

    private static void streamReader(Path dir, String codec, String name, Change change) throws IOException {
        Path f = dir.resolve("stream-" + codec + ".arrows");
        SafetyFiles.write(f, codec, 30_000, true);
        long size = Files.size(f);
        try (RecordBatchStreamReader r = Ipc.openStream(f)) {
            read(r::readNext, "stream, before: " + name);
            change.apply(f, size);
            for (int i = 1; i < SafetyFiles.BATCHES; i++) {
                if (!read(r::readNext, "stream, " + name)) break;
            }
        } catch (QuiverException e) {
            outcome("stream, " + name + ": " + e.getClass().getSimpleName() + " on close");
        }
    }

    private static void concurrentTruncation(Path dir, String codec) throws Exception {
        Path f = dir.resolve("concurrent-" + codec + ".arrow");
        SafetyFiles.write(f, codec, 30_000);
        long size = Files.size(f);
        try (RecordBatchFileReader r = Ipc.openFile(f)) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int seed = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    while (!stop.get()) {
                        int i = random.nextInt(SafetyFiles.BATCHES);
                        read(() -> r.recordBatch(i), "file, truncated while reading");
                    }
                }));
            }
            Thread.sleep(30);
            truncate(f, size / 3);
            Thread.sleep(60);
            stop.set(true);
            for (Thread t : threads) t.join();
        }
    }

    interface Read {
        RecordBatch get() throws IOException;
    }

    /** One read through the reader; false when it ended or failed. */
    private static boolean read(Read read, String what) {
        try (RecordBatch b = read.get()) {
            if (b == null) {
                outcome(what + ": end");
                return false;
            }
            // values of a mapped batch handed out may fault (InternalError, documented): touch only private ones
            if (b.columns().stream().noneMatch(c -> mapped(c.data()))) SafetyFiles.touch(b);
            outcome(what + ": batch");
            return true;
        } catch (QuiverException e) {
            outcome(what + ": " + e.getClass().getSimpleName());
            if (e instanceof dev.quiver.FileChangedException && FIRST_CHANGE.compareAndSet(null, e.getMessage())) {
                System.out.println("message: " + e.getMessage());
            }
            return false;
        } catch (Throwable e) {
            java.io.StringWriter s = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(s));
            UNEXPECTED.add(what + ": " + s);
            return false;
        }
    }

    private static boolean mapped(dev.quiver.array.ArrayData d) {
        for (int i = 0; i < d.bufferCount(); i++) if (d.buffer(i).isMapped()) return true;
        for (int i = 0; i < d.childCount(); i++) if (mapped(d.child(i))) return true;
        return d.dictionary() != null && mapped(d.dictionary());
    }

    private static void outcome(String o) {
        synchronized (OUTCOMES) {
            OUTCOMES.merge(o, 1, Integer::sum);
        }
    }

    private static void truncate(Path f, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(Math.max(0, size));
        }
    }

    private static void overwrite(Path f, long at, long length) throws IOException {
        byte[] junk = new byte[(int) length];
        new SplittableRandom(3).nextBytes(junk);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(junk), at);
        }
    }
}
