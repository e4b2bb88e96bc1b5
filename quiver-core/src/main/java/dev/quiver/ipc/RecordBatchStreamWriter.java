package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.BufferCodec;
import dev.quiver.io.SafeOutput;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Endianness;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.validate.ValidationLevel;
import dev.quiver.validate.Validator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the IPC streaming format: the schema message, then dictionary and record batch messages, then the
 * end-of-stream marker on {@link #close()}. Also the engine of {@link RecordBatchFileWriter}.
 *
 * <p>A writer opened on a path ({@link Ipc#newStream(Path, Schema, IpcWriteOptions)},
 * {@link Ipc#newFile(Path, Schema, IpcWriteOptions)}) writes through a {@link SafeOutput}: into a temporary file
 * beside a regular destination, moved over it only by a successful {@link #close()}, so the destination holds
 * the old content or the complete new one, never a part; pipes, devices and {@code /dev/stdout} are written
 * through. {@link #abort()} abandons the output instead. Once a write has failed (an I/O error, or any
 * exception in the middle of a message), the writer refuses further writes, and {@code close()} aborts rather
 * than completing a damaged output, then throws. Exceptions thrown before anything of a batch is written
 * ({@link IllegalArgumentException} for a batch the writer refuses) leave the writer usable.
 */
public class RecordBatchStreamWriter implements AutoCloseable {
    final Schema schema;
    final IpcWriteOptions options;
    final MessageWriter out;
    /** The output this writer opened on a path (committed by close), or null for the caller's channel. */
    private final SafeOutput output;
    private BufferCodec codec;
    private CodecPool pool;
    private dev.quiver.compress.CompressionType compression;
    /** Whether the caller writes the dictionaries ({@link #writeDictionary}): batches then write none. */
    private boolean callerDictionaries;
    /** For the caller's dictionaries: per id, the values written so far (the first batch and its deltas). */
    private final Map<Long, List<ArrayData>> writtenPieces = new HashMap<>();
    /** Per dictionary id, a copy of the dictionary last written (the caller may close its batch after writing). */
    private final Map<Long, ArrayData> lastWritten = new HashMap<>();
    /** Per dictionary id, the caller's array last written: the same object again needs no comparison. */
    private final Map<Long, ArrayData> lastGiven = new HashMap<>();
    final List<Block> dictionaryBlocks = new ArrayList<>();
    final List<Block> recordBatchBlocks = new ArrayList<>();
    private boolean started;
    private boolean closed;
    /** The exception that left the output damaged, after which nothing more is written. */
    private Throwable failure;

    /** @param output the output to commit on close (its channel is {@code channel}), or null to leave {@code channel} open */
    RecordBatchStreamWriter(WritableByteChannel channel, SafeOutput output, Schema schema, IpcWriteOptions options,
                 long startPosition) {
        this(output, schema, options,
                new MessageWriter(channel, options.alignment(), startPosition, options.legacyFraming()));
    }

    /** A writer handing each message to {@code sink} (see {@link Ipc#newStream(MessageSink, Schema, IpcWriteOptions)}). */
    RecordBatchStreamWriter(MessageSink sink, Schema schema, IpcWriteOptions options) {
        this(null, schema, options, new MessageWriter(sink));
    }

    private RecordBatchStreamWriter(SafeOutput output, Schema schema, IpcWriteOptions options, MessageWriter out) {
        this.output = output;
        this.schema = schema;
        this.options = options;
        this.out = out;
        useCodec(options.compression());
    }

    private void useCodec(dev.quiver.compress.CompressionType type) {
        this.compression = type;
        this.codec = type == null ? null
                : BufferCodec.create(type, options.compressionLevel(), options.useThreads() ? CodecPool.threads() : 1);
        this.pool = codec == null || !options.useThreads() ? null : CodecPool.shared();
    }

    /**
     * The body compression of the messages written from now on (null: none), instead of the options' (at the
     * options' level), for tools that copy an input message by message and keep each message's compression.
     */
    public RecordBatchStreamWriter compression(dev.quiver.compress.CompressionType type) {
        checkWritable();
        if (type != compression) useCodec(type);
        return this;
    }

    public Schema schema() { return schema; }

    /** The schema as written: the byte order of the options, whatever the given schema said. */
    Schema wireSchema() { return schema.withEndianness(options.endianness()); }

    /** Encodes arrays of {@code fields}, swapped to big-endian order when the options ask for it. */
    private RecordBatchEncoder.Encoded encode(int length, List<Field> fields, List<ArrayData> columns, Arena scratch) {
        if (options.endianness() == Endianness.LITTLE) {
            return RecordBatchEncoder.encode(length, columns, options.alignment(), codec, scratch, pool);
        }
        RecordBatchEncoder.Encoded plain = RecordBatchEncoder.encode(length, columns, options.alignment(), null, scratch);
        return ByteSwap.toBigEndian(fields, plain, options.alignment(), codec, scratch, pool);
    }

    /** Scratch memory for one message: shared when buffers may be compressed on the pool. */
    private Arena scratch() {
        return pool == null ? Arena.ofConfined() : Arena.ofShared();
    }

    /** Writes the schema message now (it is written before the first batch otherwise). */
    public void start() throws IOException {
        checkWritable();
        if (started) return;
        started = true;
        try {
            out.write(new Message(options.metadataVersion(), new MessageHeader.SchemaHeader(wireSchema()), 0, Map.of()), List.of());
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        }
    }

    private void checkWritable() {
        if (closed) throw new IllegalStateException("writer is closed");
        if (failure != null) throw new IllegalStateException("writer failed earlier: " + failure, failure);
    }

    /** Writes one record batch (and, first, any dictionary it needs that has not been written yet). */
    public void write(RecordBatch batch) throws IOException {
        write(batch, batch.metadata());
    }

    /**
     * Writes one record batch with {@code metadata} as the custom metadata of its message (instead of the
     * batch's own {@link RecordBatch#metadata()}); readers return it as the read batch's metadata.
     */
    public void write(RecordBatch batch, Map<String, String> metadata) throws IOException {
        checkWritable();
        if (!batch.schema().fields().equals(schema.fields())) {
            throw new IllegalArgumentException("batch schema differs from the writer's schema:\n" + batch.schema()
                    + "\nvs\n" + schema);
        }
        List<ArrayData> columns = new ArrayList<>(batch.numColumns());
        for (Array a : batch.columns()) columns.add(a.data());
        for (int i = 0; i < columns.size(); i++) {
            // cheap structural checks: types against the fields, buffer sizes, so nothing malformed is written
            try {
                Validator.validate(schema.field(i), columns.get(i), ValidationLevel.BASIC);
            } catch (InvalidDataException e) {
                throw new IllegalArgumentException("column " + i + " cannot be written: " + e.getMessage(), e);
            }
        }
        start();
        try {
            // a refused dictionary (IllegalArgumentException) is refused between whole messages
            if (callerDictionaries) checkDictionariesWritten(schema.fields());
            else writeDictionaries(schema.fields(), columns, new HashMap<>());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        }
        try (Arena scratch = scratch()) {
            RecordBatchEncoder.Encoded e = encode(batch.numRows(), schema.fields(), columns, scratch);
            Block b = out.write(new Message(options.metadataVersion(), e.header(), e.bodyLength(),
                            metadata == null ? Map.of() : metadata),
                    e.bodyParts());
            recordBatchBlocks.add(b);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        }
    }

    /** Writes several batches. */
    public void writeAll(Iterable<RecordBatch> batches) throws IOException {
        for (RecordBatch b : batches) write(b);
    }

    private void writeDictionaries(List<Field> fields, List<ArrayData> columns, Map<Long, ArrayData> inBatch)
            throws IOException {
        for (int i = 0; i < fields.size(); i++) writeDictionaries(fields.get(i), columns.get(i), inBatch);
    }

    /**
     * Writes, depth first (a dictionary's own nested dictionaries before it), each dictionary of this batch that
     * differs from the one last written with its id: the first time in full, then as a delta when it only grew
     * (and deltas are enabled, or this is a file, and its values hold no dictionaries), else as a replacement
     * (streams only). This is Arrow C++'s order and choice.
     */
    private void writeDictionaries(Field f, ArrayData data, Map<Long, ArrayData> inBatch) throws IOException {
        if (f.dictionary() == null) {
            writeDictionaries(f.children(), childrenOf(data), inBatch);
            return;
        }
        long id = f.dictionary().id();
        ArrayData dict = data.dictionary();
        if (dict == null) throw new IllegalArgumentException("field '" + f.name() + "' is dictionary-encoded "
                + "but its array has no dictionary");
        ArrayData shared = inBatch.putIfAbsent(id, dict);
        if (shared != null) {
            if (!same(shared, dict)) {
                throw new IllegalArgumentException("fields sharing dictionary id " + id + " have different "
                        + "dictionaries in one batch (field '" + f.name() + "')");
            }
            return;
        }
        Field valueField = new Field("", f.type(), true, f.children(), null, null);
        writeDictionaries(valueField.children(), childrenOf(dict), inBatch);
        if (lastGiven.get(id) == dict) return;
        ArrayData last = lastWritten.get(id);
        if (last == null) {
            writeDictionary(id, valueField, dict, false);
            lastWritten.put(id, dict.copyTo(java.lang.foreign.Arena.ofAuto()));
        } else if (!same(last, dict)) {
            boolean grew = dict.length() > last.length() && same(last, dict.slice(0, last.length()));
            // As Arrow C++: no delta for a dictionary whose values hold dictionaries (C++ cannot read one).
            boolean nested = hasDictionaries(valueField.children());
            if (grew && !nested && (options.emitDictionaryDeltas() || isFile())) {
                writeDictionary(id, valueField, dict.slice(last.length(), dict.length() - last.length()), true);
            } else if (isFile()) {
                throw new IllegalArgumentException("the dictionary with id " + id + " (field '" + f.name() + "') "
                        + (grew ? "grew, but its values hold dictionaries, so it cannot be sent as a delta"
                                : "changed and does not start with the " + last.length() + " values written before")
                        + ": the IPC file format allows delta dictionaries but no replacement (use a stream)");
            } else {
                writeDictionary(id, valueField, dict, false);
            }
            lastWritten.put(id, dict.copyTo(java.lang.foreign.Arena.ofAuto()));
        }
        lastGiven.put(id, dict);
    }

    /**
     * Writes one dictionary batch message as the caller says: {@code values} are dictionary {@code id}'s values,
     * or with {@code isDelta} the values appended to them (a delta). For tools that copy an input message by
     * message, so that its deltas stay deltas and its replacements replacements. After the first call the writer
     * writes no dictionary by itself: every dictionary a batch uses must have been written before it (else the
     * batch is refused with an {@link IllegalArgumentException}), and the caller answers for the batch's indices
     * fitting the dictionary written. A file holds no replacement: there a dictionary written again without
     * {@code isDelta} is written as a delta of its new values when it starts with the values written before, and
     * refused otherwise ({@link IllegalArgumentException}, nothing written). A delta before any dictionary with
     * its id, or an id no field uses, is refused too.
     */
    public void writeDictionary(long id, ArrayData values, boolean isDelta) throws IOException {
        checkWritable();
        Field field = dictionaryField(schema.fields(), id);
        if (field == null) throw new IllegalArgumentException("no field of the schema uses dictionary id " + id);
        List<ArrayData> pieces = writtenPieces.get(id);
        if (isDelta && pieces == null) {
            throw new IllegalArgumentException("a delta for dictionary id " + id + " before any dictionary with it");
        }
        ArrayData message = values;
        boolean delta = isDelta;
        if (!isDelta && pieces != null && isFile()) {
            long before = 0;
            for (ArrayData p : pieces) before += p.length();
            boolean grew = values.length() >= before;
            for (int i = 0, at = 0; grew && i < pieces.size(); at += pieces.get(i).length(), i++) {
                grew = same(pieces.get(i), values.slice(at, pieces.get(i).length()));
            }
            if (!grew) {
                throw new IllegalArgumentException("the dictionary with id " + id + " (field '" + field.name()
                        + "') changed and does not start with the " + before + " values written before: the IPC file "
                        + "format allows delta dictionaries but no replacement (use a stream)");
            }
            message = values.slice((int) before, (int) (values.length() - before));
            delta = true;
        }
        start();
        callerDictionaries = true;
        Field valueField = new Field("", field.type(), true, field.children(), null, null);
        try {
            writeDictionary(id, valueField, message, delta);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        }
        if (!delta) pieces = new ArrayList<>();
        if (isFile()) pieces.add(message.copyTo(java.lang.foreign.Arena.ofAuto())); // only a file compares them
        writtenPieces.put(id, pieces);
    }

    private static Field dictionaryField(List<Field> fields, long id) {
        for (Field f : fields) {
            if (f.dictionary() != null && f.dictionary().id() == id) return f;
            Field inner = dictionaryField(f.children(), id);
            if (inner != null) return inner;
        }
        return null;
    }

    private void checkDictionariesWritten(List<Field> fields) {
        for (Field f : fields) {
            if (f.dictionary() != null && !writtenPieces.containsKey(f.dictionary().id())) {
                throw new IllegalArgumentException("field '" + f.name() + "' uses dictionary id "
                        + f.dictionary().id() + ", which was not written before the batch");
            }
            checkDictionariesWritten(f.children());
        }
    }

    private static boolean hasDictionaries(List<Field> fields) {
        for (Field f : fields) {
            if (f.dictionary() != null || hasDictionaries(f.children())) return true;
        }
        return false;
    }

    private static boolean same(ArrayData a, ArrayData b) {
        return a == b || ArrayEquality.compare(a, b) == null;
    }

    private void writeDictionary(long id, Field valueField, ArrayData dict, boolean delta) throws IOException {
        try (Arena scratch = scratch()) {
            RecordBatchEncoder.Encoded e = encode(dict.length(), List.of(valueField), List.of(dict), scratch);
            Block b = out.write(new Message(options.metadataVersion(),
                    new MessageHeader.DictionaryBatchHeader(id, e.header(), delta), e.bodyLength(), Map.of()),
                    e.bodyParts());
            dictionaryBlocks.add(b);
        }
    }

    /** Whether this writes the file format, which forbids dictionary replacement. */
    boolean isFile() {
        return false;
    }

    private static List<ArrayData> childrenOf(ArrayData d) {
        return List.of(d.children());
    }

    /**
     * Writes the end-of-stream marker (and, for a file, the footer); a writer opened on a path then moves the
     * complete output into place. After a failed write, aborts instead and throws an {@link IOException}
     * saying so (the destination is as it was). Does nothing once closed or aborted.
     */
    @Override
    public void close() throws IOException {
        if (closed) return;
        if (failure != null) {
            closed = true;
            if (output != null) output.abort();
            throw new IOException("the writer failed earlier, so its output was abandoned"
                    + (output == null ? "" : output.writesThrough() ? " (" + output.target() + " keeps what was written)"
                    : ": " + output.target() + " is unchanged") + ": " + failure, failure);
        }
        try {
            start();
            finish();
            closed = true;
            if (output != null) output.commit();
        } catch (IOException | RuntimeException | Error e) {
            closed = true;
            if (output != null) output.abort();
            throw e;
        }
    }

    /**
     * Abandons the output instead of completing it: nothing more is written (no end-of-stream marker, no
     * footer). A writer opened on a regular file's path deletes its temporary file, leaving the destination as
     * it was (absent, or its old content); written through (a pipe, a device) or on the caller's channel, what
     * was written stays. Does nothing once closed or aborted.
     */
    public void abort() {
        if (closed) return;
        closed = true;
        if (output != null) output.abort();
    }

    void finish() throws IOException {
        out.writeEndOfStream();
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
