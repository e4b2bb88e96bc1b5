package dev.quiver.flight.directory;

import dev.quiver.array.RecordBatch;
import dev.quiver.io.SafeOutput;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An upload written through {@link SafeOutput}: batches go to a hidden temporary file beside the destination
 * ({@code .NAME.<random>.quiver-tmp}, skipped by listings, as every hidden name is), which {@link #commit()} moves
 * into place in one atomic rename, so nothing is visible before the upload is complete; {@link #abort()} (or
 * {@link #close()} without a commit, or an abandoned upload) deletes it, leaving nothing.
 *
 * <p>An upload never replaces a file: the destination must not exist when it starts, and while it runs its name
 * is reserved, so a second upload of the same name gets {@link FileAlreadyExistsException} at once rather than
 * replacing the first one's file.
 */
final class Upload implements AutoCloseable {
    /** Destinations being uploaded right now (absolute, normalized). */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    private final Path target;
    private final SafeOutput out;
    private final RecordBatchStreamWriter stream;
    private boolean released;

    /** @param asStream write the IPC stream format (else the file format) */
    Upload(Path target, Schema schema, IpcWriteOptions options, boolean asStream) throws IOException {
        this.target = target.toAbsolutePath().normalize();
        if (!IN_PROGRESS.add(this.target)) throw new FileAlreadyExistsException(target + " (being uploaded)");
        SafeOutput o = null;
        try {
            if (Files.exists(this.target, LinkOption.NOFOLLOW_LINKS)) throw new FileAlreadyExistsException(target.toString());
            o = SafeOutput.open(this.target);
            if (o.writesThrough()) throw new FileAlreadyExistsException(target + " (not a regular file)");
            stream = asStream ? Ipc.newStream(o.channel(), schema, options) : Ipc.newFile(o.channel(), schema, options);
            stream.start();
            out = o;
        } catch (IOException | RuntimeException e) {
            if (o != null) o.abort();
            release();
            throw e;
        }
    }

    void write(RecordBatch batch) throws IOException {
        stream.write(batch);
    }

    /** Finishes the file and moves it into place; fails if a file of that name appeared meanwhile. */
    void commit() throws IOException {
        try {
            stream.close();
            if (out.channel() instanceof FileChannel fc) fc.force(true);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                out.abort();
                throw new FileAlreadyExistsException(target.toString());
            }
            out.commit();
        } finally {
            release();
        }
    }

    /** Throws the upload away: nothing is left. */
    void abort() {
        try {
            out.abort();
        } finally {
            release();
        }
    }

    private void release() {
        if (!released) {
            released = true;
            IN_PROGRESS.remove(target);
        }
    }

    @Override
    public void close() {
        abort();
    }
}
