package dev.quiver.ipc;

import dev.quiver.LimitExceededException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens readers on paths, channels and memory, telling the file format from the stream by the first bytes
 * ({@link InputKind}) without reading anything twice: a regular file is memory-mapped once and looked at in
 * place; any other input (a pipe, a device, an {@code InputStream}) is peeked at and the peeked bytes handed
 * back to the reader ({@link PeekedChannel}). An IPC file that can be read only once is read into memory
 * (bounded by {@link IpcLimits#maxBufferedFileSize()}), since its footer comes last.
 */
final class ReaderOpener {
    private ReaderOpener() {}

    /** A file or stream reader over {@code path}, whichever its first bytes say. */
    static RecordBatchReader open(Path path, IpcReadOptions options) throws IOException {
        String resource = path.toString();
        if (options.memoryMap() && Files.isRegularFile(path)) {
            Arena arena = MappingArena.create(options);
            MappedFile mapped = null;
            try {
                MemorySegment data = RecordBatchFileReader.map(path, arena);
                mapped = new MappedFile(path, data.byteSize());
                return ofMemory(data, arena, mapped, resource, options);
            } catch (IOException | RuntimeException | Error e) {
                if (arena.scope().isAlive()) arena.close(); // readers close their memory when they fail
                if (mapped == null || e instanceof IOException) throw e;
                throw mapped.translate(e);
            }
        }
        return open(channel(path), true, resource, options);
    }

    /** A file or stream reader over bytes in memory, held by {@code arena} (closed with the reader) or by the caller. */
    static RecordBatchReader ofMemory(MemorySegment data, Arena arena, String resource, IpcReadOptions options)
            throws IOException {
        return ofMemory(data, arena, null, resource, options);
    }

    /** As {@link #ofMemory(MemorySegment, Arena, String, IpcReadOptions)}, for bytes that map {@code mapped} (or null). */
    private static RecordBatchReader ofMemory(MemorySegment data, Arena arena, MappedFile mapped, String resource,
                                              IpcReadOptions options) throws IOException {
        InputKind kind = InputKind.detect(data);
        return switch (kind) {
            case ARROW_FILE -> arena == null ? RecordBatchFileReader.open(data, resource, options)
                    : RecordBatchFileReader.open(data, resource, options, arena, mapped);
            case ARROW_STREAM, UNKNOWN -> new RecordBatchStreamReader(new SegmentSource(data, arena), resource, options,
                    mapped);
            default -> throw kind.mismatch(null, resource);
        };
    }

    /** A file or stream reader over an input read once; closes {@code in} with the reader when {@code own}. */
    static RecordBatchReader open(ReadableByteChannel in, boolean own, String resource, IpcReadOptions options)
            throws IOException {
        try {
            byte[] head = PeekedChannel.peek(in, InputKind.HEAD);
            InputKind kind = InputKind.detect(head, head.length);
            ReadableByteChannel all = new PeekedChannel(head, in);
            return switch (kind) {
                case ARROW_FILE -> buffered(all, own, resource, options);
                case ARROW_STREAM, UNKNOWN -> new RecordBatchStreamReader(new ChannelSource(all, own), resource, options);
                default -> throw kind.mismatch(null, resource);
            };
        } catch (IOException | RuntimeException e) {
            if (own) in.close();
            throw e;
        }
    }

    /** A stream reader over {@code path}: mapped when it is a regular file, else read as it arrives. */
    static RecordBatchStreamReader openStream(Path path, IpcReadOptions options) throws IOException {
        if (options.memoryMap() && Files.isRegularFile(path)) {
            Arena arena = MappingArena.create(options);
            try {
                MemorySegment data = RecordBatchFileReader.map(path, arena);
                return new RecordBatchStreamReader(new SegmentSource(data, arena), path.toString(), options,
                        new MappedFile(path, data.byteSize()));
            } catch (IOException | RuntimeException e) {
                if (arena.scope().isAlive()) arena.close(); // the reader closes its source when it fails
                throw e;
            }
        }
        ReadableByteChannel ch = channel(path);
        try {
            return new RecordBatchStreamReader(new ChannelSource(new PeekedChannel(new byte[0], ch), true),
                    path.toString(), options);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A file reader over {@code path}: mapped when it is a regular file, else read into memory first. */
    static RecordBatchFileReader openFile(Path path, IpcReadOptions options) throws IOException {
        if (Files.isRegularFile(path)) return RecordBatchFileReader.open(path, options); // maps it, or reads it
        return openFile(channel(path), true, path.toString(), options);
    }

    /**
     * A file reader over an input read once: refused from its first bytes when they are not a file's, else read
     * into memory (the footer comes last). Closes {@code in} when {@code own}, once read.
     */
    static RecordBatchFileReader openFile(ReadableByteChannel in, boolean own, String resource, IpcReadOptions options)
            throws IOException {
        try {
            byte[] head = PeekedChannel.peek(in, InputKind.HEAD);
            InputKind kind = InputKind.detect(head, head.length);
            if (kind == InputKind.UNKNOWN) {
                throw RecordBatchFileReader.badMagic(head, "start", resource, 0);
            }
            if (kind != InputKind.ARROW_FILE) throw kind.mismatch(InputKind.ARROW_FILE, resource);
            return buffered(new PeekedChannel(head, in), own, resource, options);
        } catch (IOException | RuntimeException e) {
            if (own) in.close();
            throw e;
        }
    }

    /** Reads all of {@code in} into memory, at most the limit, and opens it as a file. */
    private static RecordBatchFileReader buffered(ReadableByteChannel in, boolean own, String resource,
                                                  IpcReadOptions options) throws IOException {
        long limit = options.limits().maxBufferedFileSize();
        try (GrowingBuffer buffer = new GrowingBuffer(limit, false)) {
            byte[] chunk = new byte[64 << 10];
            MemorySegment chunkSegment = MemorySegment.ofArray(chunk);
            ByteBuffer bb = ByteBuffer.wrap(chunk);
            // never more than one byte past the limit: enough to know the input exceeds it
            for (int n; (n = in.read(bb.clear().limit((int) Math.min(chunk.length, buffer.missing() + 1)))) >= 0; ) {
                if (buffer.take(chunkSegment.asSlice(0, n), 0) < n) {
                    throw new LimitExceededException("the input is an Arrow IPC file that can be read only once "
                            + "(a pipe or an InputStream) and so is read into memory first (its footer comes last), "
                            + "but it is larger than the limit of " + limit + " bytes (IpcLimits.maxBufferedFileSize): "
                            + "open it from a regular file, raise the limit, or send it as a stream "
                            + "(quiver file-to-stream)", resource, limit);
                }
            }
            if (own) in.close();
            MemorySegment data = buffer.segment();
            Arena arena = buffer.release();
            return arena == null ? RecordBatchFileReader.open(data, resource, options)
                    : RecordBatchFileReader.open(data, resource, options, arena);
        }
    }

    /** A channel reading {@code path} (a pipe, a device...), or the error a directory deserves. */
    private static ReadableByteChannel channel(Path path) throws IOException {
        if (Files.isDirectory(path)) throw new FileSystemException(path.toString(), null, "is a directory");
        return FileChannel.open(path, StandardOpenOption.READ);
    }
}
