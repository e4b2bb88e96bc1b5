package dev.quiver.cli;

import dev.quiver.io.SafeOutput;
import dev.quiver.ipc.RecordBatchStreamWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Where a command writes: standard output for {@code -}, else a path, both through {@link SafeOutput} (beside a
 * regular file and renamed over it on {@link #commit()}, keeping links, modes and the umask; written through to
 * standard output, pipes, devices and {@code /dev/stdout}). Write errors name the path given, or "standard output".
 * {@link #close()} without a commit abandons the output, so {@code try (Output o = Output.open(...)) { ...;
 * o.commit(); }} never leaves a half-written file.
 */
final class Output implements AutoCloseable {
    static final String STDOUT = "standard output";

    private final SafeOutput target;

    private Output(SafeOutput target) {
        this.target = target;
    }

    /** {@code arg} as an output: {@code -} is standard output. */
    static Output open(Path arg, Main main) throws IOException {
        if (arg.toString().equals("-")) return new Output(SafeOutput.writingThrough(main.stdout(), STDOUT));
        return new Output(SafeOutput.open(arg));
    }

    /**
     * Whether the output is a regular file (written beside and renamed), of which a command may report what it
     * wrote; on standard output, a pipe or a device nothing more is said (it could mix with the data).
     */
    boolean isRegularFile() { return !target.writesThrough(); }

    /** Where to write; never close it (commit does). */
    WritableByteChannel channel() { return target.channel(); }

    /** An output stream over {@link #channel()}; closing it only flushes. */
    OutputStream stream() { return target.outputStream(); }

    /** What a command writes with an IPC writer. */
    interface Body<W extends RecordBatchStreamWriter> {
        void write(W writer) throws IOException;
    }

    /**
     * Runs {@code body} on {@code writer} (a writer on {@link #channel()}), closes it and commits. When anything
     * fails, the writer is aborted instead: no end-of-stream marker or footer follows the batches written so far,
     * so a reader of a pipe or of standard output sees the output cut short rather than a smaller complete one,
     * and a regular file is left as it was.
     */
    <W extends RecordBatchStreamWriter> void write(W writer, Body<W> body) throws IOException {
        try {
            body.write(writer);
            writer.close();
        } catch (IOException | RuntimeException | Error e) {
            writer.abort();
            throw e;
        }
        commit();
    }

    /** Completes the output: renamed into place, or flushed. */
    void commit() throws IOException {
        target.commit();
    }

    /** Abandons the output unless it was committed (what went to standard output or a pipe stays). */
    @Override
    public void close() {
        target.abort();
    }
}
