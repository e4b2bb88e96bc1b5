package dev.quiver.cli;

import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcLimits;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonFile;
import dev.quiver.LimitExceededException;
import picocli.CommandLine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a command reads: standard input for {@code -} (or no path), else a path &mdash; a regular file (mapped),
 * a named pipe or {@code /dev/stdin} (read once, as it arrives). Each input is opened once: the format is told by
 * its first bytes as it is opened ({@link Ipc#open}), never by reading it, closing and reopening it. Error messages
 * name the path as given, or "standard input".
 */
record Input(Path path, Main main) {
    static final String STDIN = "standard input";

    /**
     * {@code arg} as an input: null or {@code -} is standard input, refused when it is the terminal (a forgotten
     * path would wait for typing): a usage error then.
     */
    static Input of(Path arg, Main main, CommandLine cl) {
        if (arg == null && main.stdinIsProcess() && System.console() != null && System.console().isTerminal()) {
            throw new CommandLine.ParameterException(cl, "no input: give a path, or - to read the terminal");
        }
        return new Input(arg == null || arg.toString().equals("-") ? null : arg, main);
    }

    boolean isStdin() { return path == null; }

    /** The path as given, or "standard input". */
    String name() { return path == null ? STDIN : path.toString(); }

    /** The input's size in bytes when it is a regular file, else -1 (for progress). */
    long size() {
        try {
            return !isStdin() && Files.isRegularFile(path) ? Files.size(path) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** A file or stream reader, whichever the input holds. */
    RecordBatchReader open(IpcReadOptions options) throws IOException {
        if (isStdin()) return Ipc.open(main.stdin(), options, STDIN);
        return Ipc.open(checked(), options);
    }

    /** The input as an IPC file (refused with what it is otherwise). */
    RecordBatchFileReader openFile(IpcReadOptions options) throws IOException {
        if (isStdin()) return Ipc.openFile(main.stdin(), options, STDIN);
        return Ipc.openFile(checked(), options);
    }

    /** The input as an IPC stream (refused with what it is otherwise). */
    RecordBatchStreamReader openStream(IpcReadOptions options) throws IOException {
        if (isStdin()) return Ipc.openStream(main.stdin(), options, STDIN);
        return Ipc.openStream(checked(), options);
    }

    /** Batches one at a time, from a file or a stream. */
    BatchSource batches(IpcReadOptions options) throws IOException {
        return BatchSource.of(open(options));
    }

    /** Arrow's integration JSON (gzip-compressed or not). */
    JsonFile json() throws IOException {
        if (isStdin()) return IntegrationJson.read(main.stdin(), STDIN);
        return IntegrationJson.read(checked());
    }

    /**
     * All the bytes, for tools that walk them: a regular file mapped in {@code arena}, anything else read to its
     * end (at most {@link IpcLimits#maxBufferedFileSize()}, and what a Java array holds).
     */
    MemorySegment bytes(Arena arena) throws IOException {
        if (!isStdin() && Files.isRegularFile(checked())) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                return ch.size() == 0 ? MemorySegment.ofArray(new byte[0])
                        : ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            }
        }
        long limit = Math.min(IpcLimits.DEFAULT.maxBufferedFileSize(), Integer.MAX_VALUE - 16);
        byte[] all;
        if (isStdin()) {
            all = main.stdin().readNBytes((int) limit + 1);
        } else {
            try (var in = Files.newInputStream(path)) {
                all = in.readNBytes((int) limit + 1);
            }
        }
        if (all.length > limit) {
            throw new LimitExceededException("the input is larger than " + limit + " bytes, the most read into "
                    + "memory from a pipe: save it to a file first", name(), limit);
        }
        return MemorySegment.ofArray(all);
    }

    /** The wire layout of the whole input ({@link #bytes}, then {@link dev.quiver.cli.layout.LayoutScanner}). */
    dev.quiver.cli.layout.WireLayout layout() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return dev.quiver.cli.layout.LayoutScanner.scan(bytes(arena), name());
        }
    }

    /** The path, or the one-line error a directory deserves (a missing file fails as it is opened). */
    private Path checked() throws IOException {
        if (Files.isDirectory(path)) throw new FileSystemException(path.toString(), null, "is a directory");
        return path;
    }
}
