package dev.quiver.ipc;

import dev.quiver.array.RecordBatch;

import dev.quiver.type.Schema;


import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Entry point for reading and writing the Arrow IPC formats, named after PyArrow's {@code pa.ipc}:
 * {@code new_stream}, {@code open_stream}, {@code new_file}, {@code open_file}.
 *
 * <pre>{@code
 * try (StreamWriter w = Ipc.newStream(out, batch.schema())) { w.write(batch); }
 * try (StreamReader r = Ipc.openStream(in)) { for (RecordBatch b : r) { ... } }
 * }</pre>
 */
public final class Ipc {
    private Ipc() {}

    // ---- streams ------------------------------------------------------------------------

    public static StreamWriter newStream(OutputStream out, Schema schema) {
        return newStream(out, schema, IpcWriteOptions.DEFAULT);
    }

    /** A stream writer on {@code out}; closing the writer writes end-of-stream but leaves {@code out} open. */
    public static StreamWriter newStream(OutputStream out, Schema schema, IpcWriteOptions options) {
        return new StreamWriter(Channels.newChannel(out), false, schema, options, 0);
    }

    /** A stream writer on a channel; closing the writer leaves the channel open. */
    public static StreamWriter newStream(WritableByteChannel out, Schema schema, IpcWriteOptions options) {
        return new StreamWriter(out, false, schema, options, 0);
    }

    /** A stream writer that creates (or replaces) a file; closing the writer closes the file. */
    public static StreamWriter newStream(Path path, Schema schema, IpcWriteOptions options) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new StreamWriter(ch, true, schema, options, 0);
    }

    public static StreamReader openStream(InputStream in) throws IOException {
        return openStream(in, IpcReadOptions.DEFAULT);
    }

    /** A stream reader on {@code in}; closing the reader leaves {@code in} open. */
    public static StreamReader openStream(InputStream in, IpcReadOptions options) throws IOException {
        return new StreamReader(new ChannelSource(Channels.newChannel(in), false), "stream", options);
    }

    /** A stream reader on a channel; closing the reader leaves the channel open. */
    public static StreamReader openStream(ReadableByteChannel in, IpcReadOptions options) throws IOException {
        return new StreamReader(new ChannelSource(in, false), "stream", options);
    }

    /** A stream reader over a file holding the streaming format. */
    public static StreamReader openStream(Path path) throws IOException {
        return openStream(path, IpcReadOptions.DEFAULT);
    }

    /**
     * A stream reader over a file holding the streaming format. A regular file is memory-mapped, as
     * {@link #openFile(Path)} does, so batches are zero-copy views of it valid until the reader closes (or
     * {@link RecordBatch#detach()}); other files (pipes, devices) are read through a channel.
     */
    public static StreamReader openStream(Path path, IpcReadOptions options) throws IOException {
        if (Files.isRegularFile(path)) {
            Arena arena = Arena.ofShared();
            try {
                return new StreamReader(new SegmentSource(FileReader.map(path, arena), arena), path.toString(),
                        options);
            } catch (IOException | RuntimeException e) {
                if (arena.scope().isAlive()) arena.close(); // the reader closes its source when it fails
                throw e;
            }
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new StreamReader(new ChannelSource(ch, true), path.toString(), options);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A stream reader over bytes in memory; batches are zero-copy slices of {@code data}. */
    public static StreamReader openStream(MemorySegment data) throws IOException {
        return openStream(data, IpcReadOptions.DEFAULT);
    }

    public static StreamReader openStream(MemorySegment data, IpcReadOptions options) throws IOException {
        return new StreamReader(new SegmentSource(data), "stream", options);
    }

    public static StreamReader openStream(byte[] data) throws IOException {
        return openStream(MemorySegment.ofArray(data));
    }

    // ---- files --------------------------------------------------------------------------

    public static FileWriter newFile(Path path, Schema schema) throws IOException {
        return newFile(path, schema, IpcWriteOptions.DEFAULT);
    }

    /** A file writer that creates (or replaces) a file; closing the writer writes the footer and closes it. */
    public static FileWriter newFile(Path path, Schema schema, IpcWriteOptions options) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new FileWriter(ch, true, schema, options);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A file writer on a channel positioned at the start of the file; the channel stays open. */
    public static FileWriter newFile(WritableByteChannel out, Schema schema, IpcWriteOptions options) throws IOException {
        return new FileWriter(out, false, schema, options);
    }

    /** A file writer on an output stream (for example to build a file in memory); the stream stays open. */
    public static FileWriter newFile(OutputStream out, Schema schema, IpcWriteOptions options) throws IOException {
        return new FileWriter(Channels.newChannel(out), false, schema, options);
    }

    public static FileReader openFile(Path path) throws IOException {
        return FileReader.open(path, IpcReadOptions.DEFAULT);
    }

    /** Opens a file by memory-mapping it. */
    public static FileReader openFile(Path path, IpcReadOptions options) throws IOException {
        return FileReader.open(path, options);
    }

    /** A file reader over a file's bytes in memory; batches are zero-copy slices of {@code data}. */
    public static FileReader openFile(MemorySegment data) {
        return FileReader.open(data, "file", IpcReadOptions.DEFAULT);
    }

    public static FileReader openFile(MemorySegment data, IpcReadOptions options) {
        return FileReader.open(data, "file", options);
    }

    public static FileReader openFile(byte[] data) {
        return openFile(MemorySegment.ofArray(data));
    }
}
