package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.BufferCodec;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Endianness;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the IPC streaming format: the schema message, then dictionary and record batch messages, then the
 * end-of-stream marker on {@link #close()}. Also the engine of {@link FileWriter}.
 */
public class StreamWriter implements AutoCloseable {
    final Schema schema;
    final IpcWriteOptions options;
    final MessageWriter out;
    private final WritableByteChannel channel;
    private final boolean closeChannel;
    private final BufferCodec codec;
    private final CodecPool pool;
    private final Set<Long> dictionariesWritten = new HashSet<>();
    final List<Block> dictionaryBlocks = new ArrayList<>();
    final List<Block> recordBatchBlocks = new ArrayList<>();
    private boolean started;
    private boolean closed;

    StreamWriter(WritableByteChannel channel, boolean closeChannel, Schema schema, IpcWriteOptions options,
                 long startPosition) {
        this.channel = channel;
        this.closeChannel = closeChannel;
        this.schema = schema;
        this.options = options;
        this.out = new MessageWriter(channel, options.alignment(), startPosition, options.legacyFraming());
        this.codec = options.compression() == null ? null
                : options.compressionLevel() == IpcWriteOptions.DEFAULT_LEVEL
                ? BufferCodec.create(options.compression())
                : BufferCodec.create(options.compression(), options.compressionLevel());
        this.pool = codec == null ? null : CodecPool.shared();
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

    /** Writes the schema message now (it is written before the first batch otherwise). */
    public void start() throws IOException {
        if (started) return;
        started = true;
        out.write(new Message(options.metadataVersion(), new MessageHeader.SchemaHeader(wireSchema()), 0, Map.of()), List.of());
    }

    /** Writes one record batch (and, first, any dictionary it needs that has not been written yet). */
    public void write(RecordBatch batch) throws IOException {
        if (closed) throw new IllegalStateException("writer is closed");
        if (!batch.schema().fields().equals(schema.fields())) {
            throw new IllegalArgumentException("batch schema differs from the writer's schema:\n" + batch.schema()
                    + "\nvs\n" + schema);
        }
        start();
        List<ArrayData> columns = new ArrayList<>(batch.numColumns());
        for (Array a : batch.columns()) columns.add(a.data());
        writeDictionaries(schema.fields(), columns);
        try (Arena scratch = pool == null ? Arena.ofConfined() : Arena.ofShared()) {
            RecordBatchEncoder.Encoded e = encode(batch.numRows(), schema.fields(), columns, scratch);
            Block b = out.write(new Message(options.metadataVersion(), e.header(), e.bodyLength(), batch.metadata()),
                    e.bodyParts());
            recordBatchBlocks.add(b);
        }
    }

    /** Writes several batches. */
    public void writeAll(Iterable<RecordBatch> batches) throws IOException {
        for (RecordBatch b : batches) write(b);
    }

    private void writeDictionaries(List<Field> fields, List<ArrayData> columns) throws IOException {
        for (int i = 0; i < fields.size(); i++) writeDictionaries(fields.get(i), columns.get(i));
    }

    private void writeDictionaries(Field f, ArrayData data) throws IOException {
        if (f.dictionary() != null) {
            long id = f.dictionary().id();
            ArrayData dict = data.dictionary();
            if (dict == null) throw new IllegalArgumentException("field '" + f.name() + "' is dictionary-encoded "
                    + "but its array has no dictionary");
            Field valueField = new Field("", f.type(), true, f.children(), null, null);
            writeDictionaries(valueField.children(), childrenOf(dict));
            if (dictionariesWritten.add(id)) {
                try (Arena scratch = pool == null ? Arena.ofConfined() : Arena.ofShared()) {
                    RecordBatchEncoder.Encoded e = encode(dict.length(), List.of(valueField), List.of(dict), scratch);
                    Block b = out.write(new Message(options.metadataVersion(),
                            new MessageHeader.DictionaryBatchHeader(id, e.header(), false), e.bodyLength(), Map.of()),
                            e.bodyParts());
                    dictionaryBlocks.add(b);
                }
            }
            return;
        }
        writeDictionaries(f.children(), childrenOf(data));
    }

    private static List<ArrayData> childrenOf(ArrayData d) {
        return List.of(d.children());
    }

    /** Writes the end-of-stream marker and closes the channel if this writer opened it. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        try {
            start();
            finish();
        } finally {
            closed = true;
            if (closeChannel) channel.close();
        }
    }

    void finish() throws IOException {
        out.writeEndOfStream();
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
