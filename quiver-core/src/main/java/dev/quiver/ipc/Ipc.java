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
 * try (RecordBatchStreamWriter w = Ipc.newStream(out, batch.schema())) { w.write(batch); }
 * try (RecordBatchStreamReader r = Ipc.openStream(in)) { for (RecordBatch b : r) { ... } }
 * }</pre>
 */
public final class Ipc {
    private Ipc() {}

    // ---- streams ------------------------------------------------------------------------

    public static RecordBatchStreamWriter newStream(OutputStream out, Schema schema) {
        return newStream(out, schema, IpcWriteOptions.DEFAULT);
    }

    /** A stream writer on {@code out}; closing the writer writes end-of-stream but leaves {@code out} open. */
    public static RecordBatchStreamWriter newStream(OutputStream out, Schema schema, IpcWriteOptions options) {
        return new RecordBatchStreamWriter(Channels.newChannel(out), false, schema, options, 0);
    }

    /** A stream writer on a channel; closing the writer leaves the channel open. */
    public static RecordBatchStreamWriter newStream(WritableByteChannel out, Schema schema, IpcWriteOptions options) {
        return new RecordBatchStreamWriter(out, false, schema, options, 0);
    }

    /** A stream writer that creates (or replaces) a file; closing the writer closes the file. */
    public static RecordBatchStreamWriter newStream(Path path, Schema schema, IpcWriteOptions options) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new RecordBatchStreamWriter(ch, true, schema, options, 0);
    }

    public static RecordBatchStreamReader openStream(InputStream in) throws IOException {
        return openStream(in, IpcReadOptions.DEFAULT);
    }

    /** A stream reader on {@code in}; closing the reader leaves {@code in} open. */
    public static RecordBatchStreamReader openStream(InputStream in, IpcReadOptions options) throws IOException {
        return new RecordBatchStreamReader(new ChannelSource(Channels.newChannel(in), false), "stream", options);
    }

    /** A stream reader on a channel; closing the reader leaves the channel open. */
    public static RecordBatchStreamReader openStream(ReadableByteChannel in, IpcReadOptions options) throws IOException {
        return new RecordBatchStreamReader(new ChannelSource(in, false), "stream", options);
    }

    /** A stream reader over a file holding the streaming format. */
    public static RecordBatchStreamReader openStream(Path path) throws IOException {
        return openStream(path, IpcReadOptions.DEFAULT);
    }

    /**
     * A stream reader over a file holding the streaming format. A regular file is memory-mapped, as
     * {@link #openFile(Path)} does, so batches are zero-copy views of it valid until the reader closes (or
     * {@link RecordBatch#detach()}); see {@link IpcReadOptions#memoryMap()} for what a change to the file does.
     * Other files (pipes, devices), and every file with {@code withMemoryMap(false)}, are read through a
     * channel, message by message.
     */
    public static RecordBatchStreamReader openStream(Path path, IpcReadOptions options) throws IOException {
        if (options.memoryMap() && Files.isRegularFile(path)) {
            Arena arena = Arena.ofShared();
            try {
                MemorySegment data = RecordBatchFileReader.map(path, arena);
                return new RecordBatchStreamReader(new SegmentSource(data, arena), path.toString(), options,
                        new MappedFile(path, data.byteSize()));
            } catch (IOException | RuntimeException e) {
                if (arena.scope().isAlive()) arena.close(); // the reader closes its source when it fails
                throw e;
            }
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new RecordBatchStreamReader(new ChannelSource(ch, true), path.toString(), options);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A stream reader over bytes in memory; batches are zero-copy slices of {@code data}. */
    public static RecordBatchStreamReader openStream(MemorySegment data) throws IOException {
        return openStream(data, IpcReadOptions.DEFAULT);
    }

    public static RecordBatchStreamReader openStream(MemorySegment data, IpcReadOptions options) throws IOException {
        return new RecordBatchStreamReader(new SegmentSource(data), "stream", options);
    }

    public static RecordBatchStreamReader openStream(byte[] data) throws IOException {
        return openStream(MemorySegment.ofArray(data));
    }

    // ---- files --------------------------------------------------------------------------

    public static RecordBatchFileWriter newFile(Path path, Schema schema) throws IOException {
        return newFile(path, schema, IpcWriteOptions.DEFAULT);
    }

    /** A file writer that creates (or replaces) a file; closing the writer writes the footer and closes it. */
    public static RecordBatchFileWriter newFile(Path path, Schema schema, IpcWriteOptions options) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new RecordBatchFileWriter(ch, true, schema, options);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A file writer on a channel positioned at the start of the file; the channel stays open. */
    public static RecordBatchFileWriter newFile(WritableByteChannel out, Schema schema, IpcWriteOptions options) throws IOException {
        return new RecordBatchFileWriter(out, false, schema, options);
    }

    /** A file writer on an output stream (for example to build a file in memory); the stream stays open. */
    public static RecordBatchFileWriter newFile(OutputStream out, Schema schema, IpcWriteOptions options) throws IOException {
        return new RecordBatchFileWriter(Channels.newChannel(out), false, schema, options);
    }

    public static RecordBatchFileReader openFile(Path path) throws IOException {
        return RecordBatchFileReader.open(path, IpcReadOptions.DEFAULT);
    }

    /**
     * Opens a file: memory-maps it, or with {@code withMemoryMap(false)} reads it into memory (see
     * {@link IpcReadOptions#memoryMap()}).
     */
    public static RecordBatchFileReader openFile(Path path, IpcReadOptions options) throws IOException {
        return RecordBatchFileReader.open(path, options);
    }

    /** A file reader over a file's bytes in memory; batches are zero-copy slices of {@code data}. */
    public static RecordBatchFileReader openFile(MemorySegment data) {
        return RecordBatchFileReader.open(data, "file", IpcReadOptions.DEFAULT);
    }

    public static RecordBatchFileReader openFile(MemorySegment data, IpcReadOptions options) {
        return RecordBatchFileReader.open(data, "file", options);
    }

    public static RecordBatchFileReader openFile(byte[] data) {
        return openFile(MemorySegment.ofArray(data));
    }
}
