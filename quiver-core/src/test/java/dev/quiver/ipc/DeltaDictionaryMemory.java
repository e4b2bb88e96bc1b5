package dev.quiver.ipc;

import dev.quiver.array.DictionaryArray;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.Utf8Array;
import dev.quiver.testing.ProcessMemory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link DeltaDictionaryMemoryTest}: {@code DeltaDictionaryMemory STREAM-FILE} reads a
 * stream of many delta dictionaries ({@link DeltaStreams}) from an input stream, closing every batch, and prints
 * how much anonymous resident memory and its peak grew: {@code rss growth KIB}, {@code peak growth KIB}.
 */
public final class DeltaDictionaryMemory {
    private DeltaDictionaryMemory() {}

    public static void main(String[] args) throws Exception {
        long rss = ProcessMemory.rssAnonKib();
        long peak = ProcessMemory.peakKib();
        long batches = 0;
        long check = 0;
        try (InputStream in = Files.newInputStream(Path.of(args[0]));
             RecordBatchStreamReader r = Ipc.openStream(in)) {
            for (RecordBatch next; (next = r.readNext()) != null; ) {
                try (RecordBatch b = next) {
                    DictionaryArray d = (DictionaryArray) b.column(0);
                    check += ((Utf8Array) d.dictionary()).valueLength((int) d.getIndex(0));
                    batches++;
                }
            }
            System.out.println("batches " + batches + " check " + check);
            System.out.println("rss growth " + (ProcessMemory.rssAnonKib() - rss));
            System.out.println("peak growth " + (ProcessMemory.peakKib() - peak));
        }
    }
}
