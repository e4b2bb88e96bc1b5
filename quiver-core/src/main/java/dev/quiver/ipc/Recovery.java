package dev.quiver.ipc;

import dev.quiver.array.MemoryOwner;
import dev.quiver.array.RecordBatch;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Salvages every complete, valid record batch (with its dictionaries) from a damaged IPC file or stream: a file
 * without its footer or with a corrupt one, a file or stream cut anywhere, bytes damaged or inserted between or
 * inside messages. A reader of the batches that survive, in input order, each decoded and validated FULL, and a
 * {@linkplain #report() report} of what was kept and lost (every byte range of the input, with the reason).
 *
 * <pre>{@code
 * try (Recovery r = Recovery.open(damaged);
 *      RecordBatchFileWriter w = Ipc.newFile(out, r.schema(), IpcWriteOptions.DEFAULT)) {
 *     RecoveryReport report = r.writeTo(w);
 *     System.out.println(report.keptBatches() + " batches kept, " + report.lostBatches() + " lost");
 * }
 * }</pre>
 *
 * <p>How it reads (no Arrow implementation has this; these are Quiver's rules):
 * <ul>
 *   <li>Input starting with {@code ARROW1} is a file (so is input ending with it that does not start like a
 *       stream); anything else a stream. A file's footer is used when it is intact: its schema when the schema
 *       message is lost, its block offsets as places to resume; its end bounds the messages. Otherwise messages are
 *       read from byte 8 up to the end of the input.</li>
 *   <li>Messages are read in order, as a stream reader would. Where the bytes are not a message, reading resumes
 *       at the next byte where one is: a continuation marker, metadata that verifies, a body that fits and a
 *       message that decodes and validates (or a block an intact footer lists). Nothing else is trusted as a
 *       message start. Input in the framing of Arrow before 0.15 (no continuation markers) is not
 *       resynchronised: reading stops at its first damage. The search is bounded (64 MiB plus 8 bytes per byte
 *       of input examined in all), so hostile input cannot make it quadratic.</li>
 *   <li>A 4-byte end-of-stream marker in input framed with continuation markers (what a zeroed region looks
 *       like), or one before blocks an intact footer lists, is taken as damage when messages follow it.
 *       Otherwise the end-of-stream marker ends the stream; a stream's bytes after it are ignored, as readers do.</li>
 *   <li>Dictionaries are replayed in order, deltas and replacements alike, so that every batch has the values it
 *       was written with. A dictionary batch that is lost makes its id lost, and a record batch that needs a lost
 *       id is lost too (the report says which id and why). A stream's dictionary becomes usable again when it is
 *       replaced by a whole new one. After bytes that could not be read, a stream's dictionaries are lost until
 *       replaced (those bytes may have replaced them); a file's stay usable, since a file can only append to
 *       them, but a later delta is lost, since an earlier one may have been among the bytes skipped. A file's
 *       dictionary replacement is lost, as the file format forbids it.</li>
 * </ul>
 *
 * <p>Errors are never thrown for damage the recovery can describe: they become lost parts of the report. Only
 * input with no schema at all (no readable schema message, no intact footer) raises an
 * {@link dev.quiver.InvalidDataException}, from the factory methods. Batches borrow the input's memory (zero-copy
 * when it is uncompressed) and the recovery's dictionaries: use them before {@link #close()}, or
 * {@linkplain RecordBatch#detach() detach} them.
 */
public final class Recovery implements RecordBatchReader {
    private final RecoveryScanner scanner;
    private final MemoryOwner owner;
    private boolean closed;

    private Recovery(MemorySegment data, String resource, IpcReadOptions options, MemoryOwner owner) {
        this.owner = owner;
        this.scanner = new RecoveryScanner(data, resource, options, owner);
    }

    /** Recovers from a file on disk (memory-mapped), read as a file or a stream by its first bytes. */
    public static Recovery open(Path path) throws IOException {
        return open(path, IpcReadOptions.DEFAULT);
    }

    /**
     * Recovers from a file on disk: a regular file is memory-mapped; anything else (a pipe, a device) is read to
     * its end into memory first, as recovery needs all of it. Batches are validated FULL whatever {@code options}
     * say; its limits and {@code useThreads} apply.
     */
    public static Recovery open(Path path, IpcReadOptions options) throws IOException {
        if (!Files.isRegularFile(path)) {
            return of(MemorySegment.ofArray(Files.readAllBytes(path)), path.toString(), options);
        }
        Arena arena = Arena.ofShared();
        try {
            return new Recovery(RecordBatchFileReader.map(path, arena), path.toString(), options,
                    new MemoryOwner(arena));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Recovers from bytes in memory; batches are zero-copy slices of {@code data} where uncompressed. */
    public static Recovery of(MemorySegment data, String resource, IpcReadOptions options) {
        MemoryOwner owner = new MemoryOwner(null);
        try {
            return new Recovery(data, resource, options, owner);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    public static Recovery of(byte[] data) {
        return of(MemorySegment.ofArray(data), "input", IpcReadOptions.DEFAULT);
    }

    /** The schema of the recovered batches: little-endian even when the input's data is big-endian. */
    @Override
    public Schema schema() { return scanner.schema(); }

    /** Whether the input was read as a file or a stream. */
    public RecoveryReport.Format format() { return scanner.format(); }

    /** The custom metadata of the input's footer when it is intact, else empty. */
    public Map<String, String> footerMetadata() { return scanner.footerMetadata(); }

    /** The next batch kept (decoded and validated FULL), or null when the whole input has been scanned. */
    @Override
    public RecordBatch readNext() {
        if (closed) throw new IllegalStateException("recovery is closed");
        return scanner.next();
    }

    /** What was kept and lost so far; {@linkplain RecoveryReport#complete() complete} once readNext returned null. */
    public RecoveryReport report() { return scanner.report(); }

    /**
     * Writes every batch not read yet to {@code out} (a stream or file writer created with {@link #schema()}),
     * closing each once written; returns the complete report. Dictionaries are written as the writer does: in
     * full the first time, then as deltas or replacements as they change.
     *
     * @throws IllegalArgumentException from a file writer, when a stream replaced a dictionary (a file cannot)
     */
    public RecoveryReport writeTo(RecordBatchStreamWriter out) throws IOException {
        out.start();
        for (RecordBatch next; (next = readNext()) != null; ) {
            try (RecordBatch b = next) {
                out.write(b);
            }
        }
        return report();
    }

    /** Releases the input's mapping and the dictionaries; batches not detached become unreadable. */
    @Override
    public void close() {
        closed = true;
        owner.close();
    }
}
