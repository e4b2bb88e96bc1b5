package dev.quiver.cli;

import dev.quiver.InvalidDataException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The two Arrow IPC formats, told apart by their first bytes. */
enum IpcFormat {
    /** The file format: {@code ARROW1}, padding, a stream, a footer, its length, {@code ARROW1}. */
    FILE,
    /** The streaming format: messages, each normally starting with the continuation marker. */
    STREAM;

    static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    /** FILE when {@code path} starts with {@code ARROW1}, else STREAM; an empty input is invalid. */
    static IpcFormat detect(Path path) throws IOException {
        byte[] head = new byte[MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) throw new InvalidDataException("the input is empty: neither an Arrow IPC file nor a stream",
                path.toString(), 0);
        return n == MAGIC.length && Arrays.equals(head, MAGIC) ? FILE : STREAM;
    }

    /** The format a file name suggests ({@code .arrow} file, {@code .arrows} stream), or null. */
    static IpcFormat fromName(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".arrows") || name.endsWith(".stream")) return STREAM;
        if (name.endsWith(".arrow") || name.endsWith(".arrow_file") || name.endsWith(".feather")) return FILE;
        return null;
    }

    String label() {
        return this == FILE ? "file" : "stream";
    }
}
