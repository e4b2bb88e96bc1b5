package dev.quiver.flight.directory;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An upload written beside its destination and moved into place only when complete, so that nothing is visible
 * before then and an aborted upload leaves nothing: batches go to a hidden temporary file in the same directory
 * ({@code .NAME.upload-RANDOM}, skipped by listings); {@link #commit()} forces it to disk and links it to the
 * destination (failing if that exists), {@link #abort()} deletes it.
 */
final class Upload implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final RecordBatchStreamWriter stream;
    private boolean done;

    /** @param asStream write the IPC stream format (else the file format) */
    Upload(Path target, Schema schema, IpcWriteOptions options, boolean asStream) throws IOException {
        this.target = target;
        this.temp = target.resolveSibling("." + target.getFileName() + ".upload-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            stream = asStream ? Ipc.newStream(channel, schema, options) : Ipc.newFile(channel, schema, options);
            stream.start();
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    void write(RecordBatch batch) throws IOException {
        stream.write(batch);
    }

    /** Finishes the file and moves it into place. */
    void commit() throws IOException {
        stream.close();
        channel.force(true);
        channel.close();
        try {
            Files.createLink(target, temp); // atomic, and never replaces what is there
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(target)) throw new FileAlreadyExistsException(target.toString());
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            done = true;
            Files.deleteIfExists(temp);
        }
    }

    /** Throws the upload away. */
    void abort() {
        if (done) return;
        done = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted all the same
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more can be done; the name is hidden from listings
        }
    }

    @Override
    public void close() {
        abort();
    }
}
