package dev.quiver.ipc;

import dev.quiver.array.RecordBatch;
import dev.quiver.io.SafeOutput;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Entry point for reading and writing the Arrow IPC formats, named after PyArrow's {@code pa.ipc}:
 * {@code new_stream}, {@code open_stream}, {@code new_file}, {@code open_file}.
 *
 * <pre>{@code
 * try (RecordBatchStreamWriter w = Ipc.newStream(out, batch.schema())) { w.write(batch); }
 * try (RecordBatchStreamReader r = Ipc.openStream(in)) { for (RecordBatch b : r) { ... } }
 * try (RecordBatchReader r = Ipc.open(path)) { ... }   // a file or a stream, told by its first bytes
 * }</pre>
 *
 * <p>Writers opened on a path never leave it half-written (see {@link #newFile(Path, Schema, IpcWriteOptions)});
 * readers refuse inputs that are not what they expect (a file where a stream is expected, Parquet, JSON...)
 * with a message saying what the input is ({@link InputKind}).
 */
public final class Ipc {
    private Ipc() {}

    // ---- either format: told by the first bytes --------------------------------------------

    /**
     * Opens {@code path} as an IPC file or stream, whichever its first bytes say ({@link InputKind}), and
     * refuses other data (Parquet, JSON, compressed data...) with a message saying what it is. A regular file
     * is memory-mapped once, whatever its format; any other path ({@code /dev/stdin}, a named pipe) is read
     * once, as {@link #open(InputStream, IpcReadOptions, String)} does.
     *
     * <pre>{@code
     * try (RecordBatchReader r = Ipc.open(path)) {
     *     for (RecordBatch b : r) { ... }
     * }
     * }</pre>
     * The reader is a {@link RecordBatchFileReader} or a {@link RecordBatchStreamReader}.
     */
    public static RecordBatchReader open(Path path) throws IOException {
        return open(path, IpcReadOptions.DEFAULT);
    }

    public static RecordBatchReader open(Path path, IpcReadOptions options) throws IOException {
        return ReaderOpener.open(path, options);
    }

    public static RecordBatchReader open(InputStream in) throws IOException {
        return open(in, IpcReadOptions.DEFAULT);
    }

    public static RecordBatchReader open(InputStream in, IpcReadOptions options) throws IOException {
        return open(in, options, "stream");
    }

    /**
     * Opens the IPC file or stream that {@code in} holds (named {@code resource} in error messages), told by
     * its first {@value InputKind#HEAD} bytes; those are handed back to the reader, so {@code in} is read once
     * (it may be a pipe) and never needs {@code mark}/{@code reset}. {@code in} is left open.
     *
     * <p>A stream is read as it arrives. A <em>file</em> is read into memory first, at most
     * {@link IpcLimits#maxBufferedFileSize()} bytes (4 GiB by default; a {@link dev.quiver.LimitExceededException}
     * beyond), and then opened as a file, as {@code pyarrow.ipc.open_file} opens a buffer: its footer is what
     * makes it a file (its blocks, its metadata, random access), and reading just the stream inside it would
     * skip the footer's checks and lose its metadata. To process a large file that arrives through a pipe
     * batch by batch, send it as a stream ({@code quiver file-to-stream}).
     */
    public static RecordBatchReader open(InputStream in, IpcReadOptions options, String resource) throws IOException {
        return ReaderOpener.open(Channels.newChannel(in), false, resource, options);
    }

    /** Opens IPC bytes in memory as a file or stream, whichever they start with; batches are zero-copy slices. */
    public static RecordBatchReader open(MemorySegment data) throws IOException {
        return open(data, IpcReadOptions.DEFAULT);
    }

    public static RecordBatchReader open(MemorySegment data, IpcReadOptions options) throws IOException {
        return ReaderOpener.ofMemory(data, null, "memory", options);
    }

    public static RecordBatchReader open(byte[] data) throws IOException {
        return open(MemorySegment.ofArray(data));
    }

    // ---- streams ------------------------------------------------------------------------

    public static RecordBatchStreamWriter newStream(OutputStream out, Schema schema) {
        return newStream(out, schema, IpcWriteOptions.DEFAULT);
    }

    /** A stream writer on {@code out}; closing the writer writes end-of-stream but leaves {@code out} open. */
    public static RecordBatchStreamWriter newStream(OutputStream out, Schema schema, IpcWriteOptions options) {
        return new RecordBatchStreamWriter(Channels.newChannel(out), null, schema, options, 0);
    }

    /** A stream writer on a channel; closing the writer leaves the channel open. */
    public static RecordBatchStreamWriter newStream(WritableByteChannel out, Schema schema, IpcWriteOptions options) {
        return new RecordBatchStreamWriter(out, null, schema, options, 0);
    }

    /**
     * A stream writer that hands each encoded message (metadata and body apart, without the stream framing) to
     * {@code sink}, for protocols such as Arrow Flight that carry messages in their own envelopes; closing the
     * writer calls {@link MessageSink#end()}. Legacy framing does not apply (there is no framing).
     */
    public static RecordBatchStreamWriter newStream(MessageSink sink, Schema schema, IpcWriteOptions options) {
        return new RecordBatchStreamWriter(sink, schema, options);
    }

    public static RecordBatchStreamWriter newStream(Path path, Schema schema) throws IOException {
        return newStream(path, schema, IpcWriteOptions.DEFAULT);
    }

    /**
     * A stream writer that creates or replaces the file at {@code path} without ever leaving it half-written
     * ({@link SafeOutput}): the stream goes to a temporary file beside it ({@code .NAME.<random>.quiver-tmp}),
     * moved over {@code path} when {@link RecordBatchStreamWriter#close()} completes it; until then an existing
     * file is untouched. {@link RecordBatchStreamWriter#abort()}, a failed write, or a writer that is never
     * closed leaves {@code path} as it was (the temporary file is deleted on abort, on failure, when the writer
     * is garbage-collected, and at the latest at JVM exit). A symbolic link is followed and its target
     * replaced; a named pipe, a device or {@code /dev/stdout} is written through.
     */
    public static RecordBatchStreamWriter newStream(Path path, Schema schema, IpcWriteOptions options) throws IOException {
        SafeOutput out = SafeOutput.open(path);
        try {
            return new RecordBatchStreamWriter(out.channel(), out, schema, options, 0);
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    public static RecordBatchStreamReader openStream(InputStream in) throws IOException {
        return openStream(in, IpcReadOptions.DEFAULT);
    }

    /** A stream reader on {@code in}; closing the reader leaves {@code in} open. */
    public static RecordBatchStreamReader openStream(InputStream in, IpcReadOptions options) throws IOException {
        return openStream(in, options, "stream");
    }

    /** A stream reader on {@code in}, named {@code resource} in error messages; closing it leaves {@code in} open. */
    public static RecordBatchStreamReader openStream(InputStream in, IpcReadOptions options, String resource)
            throws IOException {
        return new RecordBatchStreamReader(new ChannelSource(Channels.newChannel(in), false), resource, options);
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
     * Other files (pipes, devices, {@code /dev/stdin}), and every file with {@code withMemoryMap(false)}, are read
     * as they arrive, message by message.
     */
    public static RecordBatchStreamReader openStream(Path path, IpcReadOptions options) throws IOException {
        return ReaderOpener.openStream(path, options);
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

    /**
     * A file writer that creates or replaces the file at {@code path}; closing it writes the footer and moves the
     * complete file into place. Nothing is ever half-written: as {@link #newStream(Path, Schema, IpcWriteOptions)}
     * (a temporary file beside it, moved over it on close; {@link RecordBatchStreamWriter#abort()}; links
     * followed; pipes and devices written through).
     */
    public static RecordBatchFileWriter newFile(Path path, Schema schema, IpcWriteOptions options) throws IOException {
        SafeOutput out = SafeOutput.open(path);
        try {
            return new RecordBatchFileWriter(out.channel(), out, schema, options);
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    /** A file writer on a channel positioned at the start of the file; the channel stays open. */
    public static RecordBatchFileWriter newFile(WritableByteChannel out, Schema schema, IpcWriteOptions options) throws IOException {
        return new RecordBatchFileWriter(out, null, schema, options);
    }

    /** A file writer on an output stream (for example to build a file in memory); the stream stays open. */
    public static RecordBatchFileWriter newFile(OutputStream out, Schema schema, IpcWriteOptions options) throws IOException {
        return new RecordBatchFileWriter(Channels.newChannel(out), null, schema, options);
    }

    public static RecordBatchFileReader openFile(Path path) throws IOException {
        return openFile(path, IpcReadOptions.DEFAULT);
    }

    /**
     * Opens a file: memory-maps it, or with {@code withMemoryMap(false)} reads it into memory (see
     * {@link IpcReadOptions#memoryMap()}). A path that is not a regular file (a pipe, {@code /dev/stdin}) can be
     * read only once and is read into memory first, as {@link #openFile(InputStream, IpcReadOptions, String)}.
     */
    public static RecordBatchFileReader openFile(Path path, IpcReadOptions options) throws IOException {
        return ReaderOpener.openFile(path, options);
    }

    public static RecordBatchFileReader openFile(InputStream in) throws IOException {
        return openFile(in, IpcReadOptions.DEFAULT);
    }

    public static RecordBatchFileReader openFile(InputStream in, IpcReadOptions options) throws IOException {
        return openFile(in, options, "stream");
    }

    /**
     * A file reader over an IPC file read from {@code in}, named {@code resource} in error messages. The file
     * format puts its footer last, so the whole input is read into memory first, at most
     * {@link IpcLimits#maxBufferedFileSize()} bytes (a {@link dev.quiver.LimitExceededException} beyond); an
     * input whose first bytes are not a file's is refused before more is read. {@code in} is left open.
     */
    public static RecordBatchFileReader openFile(InputStream in, IpcReadOptions options, String resource)
            throws IOException {
        return ReaderOpener.openFile(Channels.newChannel(in), false, resource, options);
    }

    /** A file reader over a file's bytes in memory; batches are zero-copy slices of {@code data}. */
    public static RecordBatchFileReader openFile(MemorySegment data) {
        return RecordBatchFileReader.open(data, "file", IpcReadOptions.DEFAULT);
    }

    public static RecordBatchFileReader openFile(MemorySegment data, IpcReadOptions options) {
        return openFile(data, options, "file");
    }

    /** A file reader over a file's bytes in memory, named {@code resource} in error messages. */
    public static RecordBatchFileReader openFile(MemorySegment data, IpcReadOptions options, String resource) {
        return RecordBatchFileReader.open(data, resource, options);
    }

    public static RecordBatchFileReader openFile(byte[] data) {
        return openFile(MemorySegment.ofArray(data));
    }
}
