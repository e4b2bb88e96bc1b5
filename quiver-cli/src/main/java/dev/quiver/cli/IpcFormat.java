package dev.quiver.cli;

import java.nio.file.Path;

/** The two Arrow IPC formats (told apart by their first bytes: {@link dev.quiver.ipc.InputKind}). */
enum IpcFormat {
    /** The file format: {@code ARROW1}, padding, a stream, a footer, its length, {@code ARROW1}. */
    FILE,
    /** The streaming format: messages, each normally starting with the continuation marker. */
    STREAM;

    static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

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
