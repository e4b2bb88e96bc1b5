package dev.quiver.io;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a child JVM by the tests: {@code WriteMain MODE PATH} writes {@link #batch()} as a stream to PATH with
 * {@code Ipc.newStream(path, ...)}. MODE {@code close} closes the writer; {@code exit} writes and exits without
 * closing it (what a crashed program or a forgotten writer leaves at exit); {@code big} writes 4 MiB, expecting
 * an I/O error (the test runs it under {@code ulimit -f}), prints the write's and the close's errors on
 * standard output, one per line, and exits 0.
 */
public final class WriteMain {
    private WriteMain() {}

    static RecordBatch batch() {
        return RecordBatch.builder().add("x", Arrow.int32(1, 2, 3)).add("y", Arrow.utf8("a", null, "c")).build();
    }

    /** The bytes {@code close} mode writes. */
    static byte[] expected() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, batch().schema())) {
            w.write(batch());
        }
        return out.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("big")) {
            big(Path.of(args[1]));
            return;
        }
        RecordBatch b = batch();
        RecordBatchStreamWriter w = Ipc.newStream(Path.of(args[1]), b.schema(), IpcWriteOptions.DEFAULT);
        w.write(b);
        switch (args[0]) {
            case "close" -> w.close();
            case "exit" -> System.exit(3);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void big(Path path) throws IOException {
        RecordBatch b = RecordBatch.builder().add("x", Arrow.utf8("x".repeat(4 << 20))).build();
        try (RecordBatchStreamWriter w = Ipc.newStream(path, b.schema(), IpcWriteOptions.DEFAULT)) {
            w.write(b);
            System.out.println("no error");
        } catch (IOException e) {
            System.out.println(e.getMessage());
            for (Throwable s : e.getSuppressed()) System.out.println(s.getMessage());
        }
    }
}
