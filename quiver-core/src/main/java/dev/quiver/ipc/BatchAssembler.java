package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.array.Array;
import dev.quiver.array.ArrayConcat;
import dev.quiver.array.ArrayData;
import dev.quiver.array.MemoryOwner;
import dev.quiver.array.RecordBatch;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Endianness;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared by the stream and file readers: turns a decoded message and its body into a {@link RecordBatch}
 * or a dictionary, with the memory ownership rules of the readers.
 */
final class BatchAssembler {
    private final Schema schema;
    private final String resource;
    private final IpcReadOptions options;
    private final DictionaryMemo dictionaries;
    private final MemoryOwner owner;
    private final boolean bigEndian;

    /**
     * @param schema the schema as read; when its data is big-endian, batches are swapped to little-endian
     *               order and carry the schema marked little-endian (see {@link #schema()})
     */
    BatchAssembler(Schema schema, String resource, IpcReadOptions options, MemoryOwner owner) {
        this.bigEndian = schema.endianness() == Endianness.BIG;
        this.schema = schema.withEndianness(Endianness.LITTLE);
        this.resource = resource;
        this.options = options;
        this.owner = owner;
        this.dictionaries = new DictionaryMemo(schema, resource);
        for (Field f : schema.fields()) checkExtensions(f, f.name());
    }

    /** Registered extension types must accept their fields' storage types. */
    private void checkExtensions(Field f, String path) {
        try {
            f.extensionType();
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException("field of extension type '" + f.extensionName() + "' does not fit it: "
                    + e.getMessage(), resource, -1, path, e);
        }
        for (Field c : f.children()) checkExtensions(c, path + "." + c.name());
    }

    DictionaryMemo dictionaries() { return dictionaries; }

    /** The schema of the batches handed out: always little-endian, as their buffers are. */
    Schema schema() { return schema; }

    /**
     * A record batch over {@code body}. {@code batchArena}, when not null, holds the body and becomes the
     * batch's own memory; decompressed buffers go to it too (or to a new arena the batch owns).
     */
    RecordBatch recordBatch(Message message, long messageOffset, MemorySegment body, long bodyOffset, Arena batchArena) {
        if (!(message.header() instanceof MessageHeader.RecordBatchHeader h)) {
            throw new InvalidDataException("expected a record batch message, found " + kind(message), resource,
                    messageOffset);
        }
        Arena arena = batchArena;
        if (arena == null && (h.compression() != null || bigEndian)) arena = Arena.ofShared();
        try {
            List<ArrayData> columns = RecordBatchDecoder.decode(schema.fields(), h, body, bodyOffset, resource,
                    options, arena, dictionaries, message.version(), bigEndian);
            List<Array> arrays = new ArrayList<>(columns.size());
            for (ArrayData c : columns) arrays.add(Array.of(c));
            return new RecordBatch(schema, (int) h.length(), arrays, message.metadata(), arena, owner);
        } catch (RuntimeException e) {
            if (arena != null) arena.close();
            throw e;
        }
    }

    /** Reads a dictionary batch into the memo. {@code arena} holds memory that lives as long as the reader. */
    void dictionaryBatch(Message message, long messageOffset, MemorySegment body, long bodyOffset, Arena arena) {
        MessageHeader.DictionaryBatchHeader d = (MessageHeader.DictionaryBatchHeader) message.header();
        Field field = dictionaries.field(d.id());
        if (field == null) {
            throw new InvalidDataException("dictionary batch for id " + d.id() + ", which no field of the schema uses",
                    resource, messageOffset);
        }
        ArrayData previous = dictionaries.get(d.id());
        if (d.isDelta() && previous == null) {
            throw new InvalidDataException("delta dictionary batch for id " + d.id()
                    + " before any dictionary with that id", resource, messageOffset, dictionaries.path(d.id()));
        }
        Field valueField = new Field(dictionaries.path(d.id()), field.type(), true, field.children(), null, null);
        List<ArrayData> columns = RecordBatchDecoder.decode(List.of(valueField), d.data(), body, bodyOffset, resource,
                options, arena, dictionaries, message.version(), bigEndian);
        // A delta appends to the current dictionary in new memory: batches read earlier keep the old one.
        dictionaries.put(d.id(), d.isDelta() ? appendDelta(d.id(), previous, columns.get(0), messageOffset, arena)
                : columns.get(0));
    }

    /** {@code previous} followed by {@code delta}; what does not fit is a QuiverException naming the delta. */
    private ArrayData appendDelta(long id, ArrayData previous, ArrayData delta, long messageOffset, Arena arena) {
        String what = "delta dictionary batch for id " + id + ": ";
        try {
            return ArrayConcat.concat(previous, delta, arena);
        } catch (LimitExceededException e) {
            throw new LimitExceededException(what + e.detail(), resource, messageOffset, dictionaries.path(id), e);
        } catch (InvalidDataException e) {
            throw new InvalidDataException(what + e.detail(), resource, messageOffset, dictionaries.path(id), e);
        } catch (IndexOutOfBoundsException e) {
            // only unvalidated (NONE) input reaches this: its offsets or lengths point outside its buffers
            throw new InvalidDataException(what + "cannot append it to the dictionary, whose buffers do not hold what "
                    + "its offsets and lengths say (" + e.getMessage() + ")", resource, messageOffset,
                    dictionaries.path(id), e);
        }
    }

    static String kind(Message m) {
        return switch (m.header()) {
            case MessageHeader.SchemaHeader s -> "a schema message";
            case MessageHeader.RecordBatchHeader r -> "a record batch message";
            case MessageHeader.DictionaryBatchHeader d -> "a dictionary batch message";
        };
    }
}
