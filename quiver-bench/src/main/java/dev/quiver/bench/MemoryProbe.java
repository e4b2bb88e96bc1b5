package dev.quiver.bench;

import dev.quiver.array.Float64Array;
import dev.quiver.array.Int32Array;
import dev.quiver.array.Int64Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.RecordBatchStreamReader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The memory workload, run by quiver-bench/run in its own JVM (started with -Xmx64m):
 * {@code MemoryProbe quiver|arrowJava idle|read FILE}. {@code read} reads the whole W2 file summing every
 * column; {@code idle} only loads the library. At the end (for {@code read}: after the last batch, with the
 * reader still open) it prints {@code VmHWM} (peak resident) and {@code RssAnon} (anonymous resident) from
 * /proc/self/status as report facts: {@code memory.LIB.MODE.VmHWM KIB}.
 *
 * <p>Quiver only, the loop of the README that never closes a batch against the same loop closing each one:
 * {@code MemoryProbe quiver stream-close|stream-drop W2-STREAM-FILE} reads the W2 stream from an
 * {@link java.io.InputStream} (so every body is read into memory the batch owns),
 * {@code MemoryProbe quiver zstd-close|zstd-drop W2-ZSTD-FILE} the W2 file compressed with ZSTD (so every batch
 * is decompressed into memory it owns); {@code -drop} iterates with {@code for (RecordBatch b : r)} and closes
 * nothing. The report compares their growth over the idle JVM (the bound: dropping within 2x of closing).
 */
public final class MemoryProbe {
    private MemoryProbe() {}

    public static void main(String[] args) throws Exception {
        boolean loops = args.length == 3 && args[0].equals("quiver") && LOOPS.contains(args[1]);
        if (args.length != 3 || !(args[0].equals("quiver") || args[0].equals("arrowJava"))
                || !(args[1].equals("idle") || args[1].equals("read") || loops)) {
            System.err.println("usage: MemoryProbe quiver|arrowJava idle|read W2-FILE\n"
                    + "       MemoryProbe quiver stream-close|stream-drop W2-STREAM-FILE\n"
                    + "       MemoryProbe quiver zstd-close|zstd-drop W2-ZSTD-FILE");
            System.exit(2);
        }
        String lib = args[0];
        boolean read = args[1].equals("read");
        Path file = Path.of(args[2]);
        Map<String, Long> status;
        double checksum = 0;
        if (loops) {
            boolean close = args[1].endsWith("-close");
            if (args[1].startsWith("stream")) {
                try (InputStream in = Files.newInputStream(file);
                     RecordBatchStreamReader r = Ipc.openStream(in)) {
                    checksum = loop(r, close);
                    status = status();
                }
            } else {
                try (RecordBatchFileReader r = Ipc.openFile(file)) {
                    checksum = loop(r, close);
                    status = status();
                }
            }
        } else if (lib.equals("quiver")) {
            if (read) {
                try (RecordBatchFileReader r = Ipc.openFile(file)) {
                    for (int i = 0; i < r.numRecordBatches(); i++) {
                        try (RecordBatch b = r.recordBatch(i)) {
                            checksum += sumAll(b);
                        }
                    }
                    status = status();
                }
            } else {
                // load the library: the reader classes and their options
                Class.forName(RecordBatchFileReader.class.getName(), true, MemoryProbe.class.getClassLoader());
                checksum = IpcReadOptions.DEFAULT.limits().hashCode();
                status = status();
            }
        } else {
            try (BufferAllocator allocator = new RootAllocator()) {
                if (read) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                         ArrowFileReader r = new ArrowFileReader(ch, allocator)) {
                        VectorSchemaRoot root = r.getVectorSchemaRoot();
                        while (r.loadNextBatch()) checksum += sumAll(root);
                        status = status();
                    }
                } else {
                    Class.forName(ArrowFileReader.class.getName(), true, MemoryProbe.class.getClassLoader());
                    checksum = allocator.getAllocatedMemory();
                    status = status();
                }
            }
        }
        System.out.println("# " + lib + " " + args[1] + " checksum " + checksum);
        for (var e : status.entrySet()) {
            System.out.println("memory." + lib + "." + args[1] + "." + e.getKey() + " " + e.getValue());
        }
    }

    /** The modes comparing a loop that closes every batch with one that closes none. */
    static final java.util.List<String> LOOPS = java.util.List.of("stream-close", "stream-drop", "zstd-close",
            "zstd-drop");

    /** Every batch of {@code r}, summing every column; closing each batch or dropping it. */
    private static double loop(Iterable<RecordBatch> r, boolean close) {
        double checksum = 0;
        for (RecordBatch b : r) {
            checksum += sumAll(b);
            if (close) b.close();
        }
        return checksum;
    }

    private static double sumAll(RecordBatch b) {
        Int64Array id = (Int64Array) b.column(0);
        Int32Array a = (Int32Array) b.column(1);
        Float64Array x = (Float64Array) b.column(2);
        Int64Array c = (Int64Array) b.column(3);
        long ints = 0;
        double doubles = 0;
        for (int i = 0, n = b.numRows(); i < n; i++) {
            ints += id.get(i) + a.get(i);
            doubles += x.get(i);
            if (!c.isNull(i)) ints += c.get(i);
        }
        return ints + doubles;
    }

    private static double sumAll(VectorSchemaRoot root) {
        BigIntVector id = (BigIntVector) root.getVector(0);
        IntVector a = (IntVector) root.getVector(1);
        Float8Vector x = (Float8Vector) root.getVector(2);
        BigIntVector c = (BigIntVector) root.getVector(3);
        long ints = 0;
        double doubles = 0;
        for (int i = 0, n = root.getRowCount(); i < n; i++) {
            ints += id.get(i) + a.get(i);
            doubles += x.get(i);
            if (!c.isNull(i)) ints += c.get(i);
        }
        return ints + doubles;
    }

    /** VmHWM and RssAnon in KiB. */
    static Map<String, Long> status() throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon);
            if (key.equals("VmHWM") || key.equals("RssAnon")) {
                out.put(key, Long.parseLong(line.substring(colon + 1).trim().split("\\s+")[0]));
            }
        }
        return out;
    }
}
