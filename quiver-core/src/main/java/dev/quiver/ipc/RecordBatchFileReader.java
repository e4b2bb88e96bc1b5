package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.MemoryOwner;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.Table;
import dev.quiver.memory.ReclaimableArena;
import dev.quiver.memory.LE;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.Footer;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageCodec;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads the IPC file format with random access to every record batch. A file on disk is memory-mapped (or,
 * with {@link IpcReadOptions#withMemoryMap(boolean) withMemoryMap(false)}, read into memory once) and batches
 * are zero-copy slices of it (decompressed buffers excepted); they stay valid until this reader closes, or
 * longer once {@linkplain RecordBatch#detach() detached}. What a change to a mapped file on disk does: see
 * {@link IpcReadOptions#memoryMap()}.
 *
 * <p>Thread-safe: any number of threads may call {@link #recordBatch(int)} (or iterate, each with its own
 * iterator) at once, and {@link #close()} may run on another thread at any moment. A read that overlaps the close either returns its batch (closed with the reader) or
 * throws {@link IllegalStateException}; native decompressors never read the mapping and only write into
 * memory of the read in progress, so no interleaving can crash the JVM.
 * A file that can be read only once (a pipe, an {@code InputStream}) is read into memory first
 * ({@link Ipc#openFile(java.io.InputStream, IpcReadOptions, String)}). Input whose first bytes are not a file's is
 * refused with what it is ({@link InputKind}).
 */
public final class RecordBatchFileReader implements RecordBatchReader {
    private final MemorySegment data;
    private final String resource;
    private final IpcReadOptions options;
    private final MemoryOwner owner;
    private final Footer footer;
    private final long footerOffset;
    private final BatchAssembler assembler;
    private final MappedFile mapped;
    private final java.util.BitSet counted = new java.util.BitSet(); // batches counted against the input's limits
    private boolean dictionariesLoaded;
    private int cursor; // the next batch readNext() returns

    private RecordBatchFileReader(MemorySegment data, String resource, IpcReadOptions options, MemoryOwner owner,
                                  MappedFile mapped) {
        this.data = data;
        this.resource = resource;
        this.options = options;
        this.owner = owner;
        this.mapped = mapped;
        InputKind kind = InputKind.detect(data);
        if (kind != InputKind.ARROW_FILE && kind != InputKind.UNKNOWN) throw kind.mismatch(InputKind.ARROW_FILE, resource);
        // the start first (as the size allows), so that a stream given as a file is named as such
        if (data.byteSize() >= Framing.FILE_MAGIC_PADDED.length + FileFooter.TRAILER) checkMagic(0, "start");
        FileFooter.Located located = FileFooter.read(data, resource, options.limits());
        this.footerOffset = located.offset();
        this.footer = located.footer();
        this.assembler = new BatchAssembler(footer.schema(), resource, options, owner);
        assembler.budget().messages(1L + footer.dictionaries().size() + footer.recordBatches().size(), footerOffset);
    }

    /** Opens a file: memory-maps it, or reads it into memory (see {@link IpcReadOptions#memoryMap()}). */
    static RecordBatchFileReader open(Path path, IpcReadOptions options) throws IOException {
        if (!options.memoryMap()) {
            ReclaimableArena arena = ReclaimableArena.ofShared();
            try {
                return new RecordBatchFileReader(read(path, arena), path.toString(), options, new MemoryOwner(arena),
                        null);
            } catch (IOException | RuntimeException e) {
                arena.close();
                throw e;
            }
        }
        Arena arena = MappingArena.create(options);
        MemorySegment data;
        try {
            data = map(path, arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
        return open(data, path.toString(), options, arena, new MappedFile(path, data.byteSize()));
    }

    /** The whole file read into memory of {@code arena}, as long as it is when read. */
    private static MemorySegment read(Path path, ReclaimableArena arena) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment data = arena.allocateUninitialized(Math.max(size, 1), 64).asSlice(0, size);
            long done = 0;
            while (done < size) {
                java.nio.ByteBuffer bb = data.asSlice(done, Math.min(size - done, 1 << 30)).asByteBuffer();
                int r = 0;
                while (bb.hasRemaining() && (r = ch.read(bb)) >= 0) {
                    // keep reading
                }
                done += bb.position();
                if (r < 0) break;
            }
            return data.asSlice(0, done);
        }
    }

    /** A reader over a file's bytes held by {@code arena}, which the reader closes (also when it fails). */
    static RecordBatchFileReader open(MemorySegment data, String resource, IpcReadOptions options, Arena arena) {
        return open(data, resource, options, arena, null);
    }

    /**
     * A reader over a file's bytes held by {@code arena}, which the reader closes (also when it fails);
     * {@code mapped} is the file they map (a change to it is reported as such), or null.
     */
    static RecordBatchFileReader open(MemorySegment data, String resource, IpcReadOptions options, Arena arena,
                                      MappedFile mapped) {
        try {
            return new RecordBatchFileReader(data, resource, options, new MemoryOwner(arena), mapped);
        } catch (RuntimeException | Error e) {
            arena.close();
            if (mapped == null) throw e;
            throw mapped.translate(e);
        }
    }

    /** The whole file mapped read-only in {@code arena} (an empty segment for an empty file). */
    static MemorySegment map(Path path, Arena arena) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return ch.size() == 0 ? MemorySegment.ofArray(new byte[0])
                    : ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        }
    }

    /** A reader over a file's bytes already in memory; batches are slices of {@code data}. */
    static RecordBatchFileReader open(MemorySegment data, String resource, IpcReadOptions options) {
        MemoryOwner owner = new MemoryOwner(null);
        try {
            return new RecordBatchFileReader(data, resource, options, owner, null);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    private void checkMagic(long at, String where) {
        for (int i = 0; i < 6; i++) {
            if (data.get(LE.BYTE, at + i) != Framing.FILE_MAGIC[i]) {
                byte[] got = new byte[6];
                MemorySegment.copy(data, LE.BYTE, at, got, 0, 6);
                throw badMagic(got, where, resource, at);
            }
        }
    }

    /** The error for {@code got} where the magic {@code ARROW1} should be. */
    static InvalidDataException badMagic(byte[] got, String where, String resource, long at) {
        return new InvalidDataException("not an Arrow IPC file: expected magic ARROW1 at the " + where
                + ", found " + java.util.HexFormat.of().formatHex(got), resource, at);
    }

    /** The schema; little-endian even when the file's data is big-endian (batches are swapped as they are read). */
    @Override
    public Schema schema() { return assembler.schema(); }

    public Footer footer() { return footer; }

    /** The custom metadata of the footer (empty when it has none). */
    public java.util.Map<String, String> footerMetadata() { return footer.metadata(); }

    /** Byte offset of the footer. */
    public long footerOffset() { return footerOffset; }

    public int numRecordBatches() { return footer.recordBatches().size(); }

    public int numDictionaries() { return footer.dictionaries().size(); }

    /**
     * Record batch {@code i}, read directly through the footer's block.
     *
     * @throws IllegalStateException if the reader is closed (also when it closes during the read)
     * @throws dev.quiver.FileChangedException if the mapped file was truncated on disk
     */
    public RecordBatch recordBatch(int i) {
        checkOpen();
        java.util.Objects.checkIndex(i, numRecordBatches());
        try {
            loadDictionaries();
            Block b = footer.recordBatches().get(i);
            Located m = locate(b, "record batch " + i);
            return assembler.recordBatch(m.message, b.offset(), m.body, m.bodyOffset, null, firstRead(i));
        } catch (RuntimeException | Error e) {
            if (mapped == null) throw e;
            throw mapped.translate(e);
        }
    }

    /** Whether batch {@code i} is read for the first time (and so counts against the input's limits). */
    private boolean firstRead(int i) {
        synchronized (counted) {
            if (counted.get(i)) return false;
            counted.set(i);
            return true;
        }
    }

    /** The batch after the one {@code readNext()} returned last (batch 0 at first), or null after the last. */
    @Override
    public RecordBatch readNext() {
        return cursor < numRecordBatches() ? recordBatch(cursor++) : null;
    }

    /** Every record batch of the file, whatever {@link #readNext()} returned before. */
    @Override
    public Table readAll() {
        List<RecordBatch> all = new ArrayList<>(numRecordBatches());
        for (int i = 0; i < numRecordBatches(); i++) all.add(recordBatch(i));
        return Table.of(schema(), all);
    }

    @Override
    public Iterator<RecordBatch> iterator() {
        return new Iterator<>() {
            private int next;

            @Override public boolean hasNext() { return next < numRecordBatches(); }

            @Override
            public RecordBatch next() {
                if (!hasNext()) throw new NoSuchElementException();
                return recordBatch(next++);
            }
        };
    }

    private synchronized void loadDictionaries() {
        if (dictionariesLoaded) return;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < footer.dictionaries().size(); i++) {
            Block b = footer.dictionaries().get(i);
            Located m = locate(b, "dictionary " + i);
            if (!(m.message.header() instanceof MessageHeader.DictionaryBatchHeader d)) {
                throw new InvalidDataException("footer dictionary block " + i + " does not hold a dictionary batch",
                        resource, b.offset());
            }
            if (!seen.add(d.id()) && !d.isDelta()) {
                throw new InvalidDataException("dictionary block " + i + " replaces dictionary id " + d.id()
                        + ": the file format allows only delta dictionary batches after the first", resource,
                        b.offset());
            }
            assembler.dictionaryBatch(m.message, b.offset(), m.body, m.bodyOffset, null);
        }
        dictionariesLoaded = true;
    }

    /**
     * The value of dictionary {@code id} once every dictionary batch of the file is read (the first and its
     * deltas, in the footer's order), as the file's record batches use it; null when no dictionary batch has
     * that id. With {@link #message(Block)} on the footer's dictionary blocks (their lengths and delta flags),
     * a tool can write the file's dictionary batches again as they are: each delta is a slice of this value.
     * Valid until the reader closes.
     */
    public dev.quiver.array.ArrayData dictionary(long id) {
        checkOpen();
        try {
            loadDictionaries();
        } catch (RuntimeException | Error e) {
            if (mapped == null) throw e;
            throw mapped.translate(e);
        }
        return assembler.dictionaries().get(id);
    }

    /**
     * The message of a footer block (one of {@code footer().dictionaries()} or {@code footer().recordBatches()}):
     * the block checked against the file, its metadata verified and decoded, its body not read. For tools that
     * move messages without decoding their values (Flight's DoGet of a mapped file sends them as they are): the
     * metadata starts after the prefix at {@link MessageSummary#offset()} (8 bytes, or 4 for the framing of
     * Arrow before 0.15) and the body {@code block.metaDataLength()} bytes after the block's offset.
     */
    public MessageSummary message(Block block) {
        checkOpen();
        Located m = locate(block, "the block at offset " + block.offset());
        return new MessageSummary(block.offset(), m.metadataLength, block.bodyLength(), m.message);
    }

    private record Located(Message message, int metadataLength, MemorySegment body, long bodyOffset) {}

    /** Checks a block against the file, then frames and decodes its message. */
    private Located locate(Block b, String what) {
        long offset = b.offset();
        long metaLen = b.metaDataLength();
        long bodyLen = b.bodyLength();
        if (offset < Framing.FILE_MAGIC_PADDED.length || metaLen < 8 || bodyLen < 0
                || offset > footerOffset || metaLen > footerOffset - offset
                || bodyLen > footerOffset - offset - metaLen) {
            throw new InvalidDataException("block of " + what + " (offset " + offset + ", metadata " + metaLen
                    + " bytes, body " + bodyLen + " bytes) lies outside the file's data section [8, "
                    + footerOffset + ")", resource, footerOffset);
        }
        int first = data.get(LE.INT, offset);
        long metaStart;
        int length;
        if (first == Framing.CONTINUATION) {
            length = data.get(LE.INT, offset + 4);
            metaStart = offset + 8;
        } else {
            length = first;
            metaStart = offset + 4;
        }
        if (length <= 0 || length > offset + metaLen - metaStart) {
            throw new InvalidDataException("metadata length " + length + " of " + what
                    + " does not fit in its block of " + metaLen + " bytes", resource, metaStart - 4);
        }
        Message message = MessageCodec.decode(data.asSlice(metaStart, length), resource, metaStart);
        if (message.bodyLength() != bodyLen) {
            throw new InvalidDataException("body length " + message.bodyLength() + " of " + what
                    + " differs from its footer block's " + bodyLen, resource, metaStart);
        }
        long bodyOffset = offset + metaLen;
        return new Located(message, length, data.asSlice(bodyOffset, bodyLen), bodyOffset);
    }

    private void checkOpen() {
        if (owner.isClosed()) throw new IllegalStateException("file reader is closed");
    }

    /**
     * Unmaps the file and releases every batch and dictionary still open; batches that were not detached become
     * unreadable ({@link IllegalStateException}) at once. A mapped file is unmapped on a background thread
     * right after (an array kept from one of its batches reads it until then, then throws too), unless
     * {@link IpcReadOptions#withBackgroundUnmap(boolean) withBackgroundUnmap(false)}. Idempotent; may run while
     * other threads read.
     */
    @Override
    public void close() {
        owner.close();
    }
}
