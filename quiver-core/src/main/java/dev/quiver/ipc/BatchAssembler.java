package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.array.Array;
import dev.quiver.array.ArrayConcat;
import dev.quiver.array.ArrayData;
import dev.quiver.array.MemoryOwner;
import dev.quiver.array.RecordBatch;
import dev.quiver.memory.ReclaimableArena;
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
 * or a dictionary, with the memory ownership rules of the readers:
 * <ul>
 *   <li>memory a batch needs of its own (decompressed or byte-swapped buffers, a body read from a channel) is
 *       one {@link ReclaimableArena} that the batch owns: closed with the batch, reclaimed by the garbage
 *       collector when the batch and its columns are dropped, and tracked by the reader's {@link MemoryOwner}
 *       so that closing the reader closes it;</li>
 *   <li>a dictionary's value lives in {@link CountedArena}s held by the memo while it is current and by every
 *       batch that uses it, so a replaced value is released once the last batch using it is closed;</li>
 *   <li>memory is written (native decompressors included) only while it belongs to the decoding call alone:
 *       it is tracked, and so can be closed by the reader, only once decoding is done.</li>
 * </ul>
 */
final class BatchAssembler {
    private final Schema schema;
    private final String resource;
    private final IpcReadOptions options;
    private final DictionaryMemo dictionaries;
    private final MemoryOwner owner;
    private final boolean bigEndian;
    private final InputBudget budget;

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
        this.budget = new InputBudget(options.limits(), resource);
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

    /** The per-input limits this reader spends. */
    InputBudget budget() { return budget; }

    /** The schema of the batches handed out: always little-endian, as their buffers are. */
    Schema schema() { return schema; }

    private RecordBatchDecoder.Context context(Message message, boolean counted) {
        return new RecordBatchDecoder.Context(resource, options, dictionaries, message.version(), bigEndian,
                counted ? budget : null);
    }

    /**
     * A record batch over {@code body}. {@code batchArena}, when not null, holds the body and becomes the
     * batch's own memory (the caller hands it over, also on failure); decompressed buffers go to it too (or to
     * a new arena the batch owns).
     *
     * @param counted whether the batch counts against the input's total of decompressed bytes (false for a
     *                file's batch read again)
     */
    RecordBatch recordBatch(Message message, long messageOffset, MemorySegment body, long bodyOffset,
                            Arena batchArena, boolean counted) {
        if (!(message.header() instanceof MessageHeader.RecordBatchHeader h)) {
            if (batchArena != null) batchArena.close();
            throw new InvalidDataException("expected a record batch message, found " + kind(message), resource,
                    messageOffset);
        }
        Arena arena = batchArena;
        if (arena == null && (h.compression() != null || bigEndian)) arena = ReclaimableArena.ofShared();
        List<DictionaryMemo.Version> held = List.of();
        try {
            RecordBatchDecoder.Decoded decoded = RecordBatchDecoder.decode(schema.fields(), h, body, bodyOffset,
                    arena, context(message, counted));
            List<Array> arrays = new ArrayList<>(decoded.columns().size());
            for (ArrayData c : decoded.columns()) arrays.add(Array.of(c));
            held = hold(decoded.dictionaries());
            if (arena != null) owner.track(arena); // from here on, closing the reader closes it too
            List<DictionaryMemo.Version> release = held;
            return new RecordBatch(schema, (int) h.length(), arrays, message.metadata(), arena, owner,
                    release.isEmpty() ? null : () -> release.forEach(DictionaryMemo.Version::release));
        } catch (RuntimeException | Error e) {
            if (arena != null) arena.close();
            for (DictionaryMemo.Version v : held) v.release();
            throw e;
        }
    }

    private static List<DictionaryMemo.Version> hold(List<DictionaryMemo.Version> versions) {
        List<DictionaryMemo.Version> held = new ArrayList<>(versions.size());
        try {
            for (DictionaryMemo.Version v : versions) {
                v.hold();
                held.add(v);
            }
        } catch (RuntimeException e) {
            for (DictionaryMemo.Version v : held) v.release();
            throw e;
        }
        return held;
    }

    /**
     * Reads a dictionary batch into the memo. {@code bodyArena}, when not null, holds the body (the caller hands
     * it over, also on failure).
     */
    void dictionaryBatch(Message message, long messageOffset, MemorySegment body, long bodyOffset, Arena bodyArena) {
        List<CountedArena> created = new ArrayList<>(2);
        try {
            MessageHeader.DictionaryBatchHeader d = (MessageHeader.DictionaryBatchHeader) message.header();
            Field field = dictionaries.field(d.id());
            if (field == null) {
                throw new InvalidDataException("dictionary batch for id " + d.id()
                        + ", which no field of the schema uses", resource, messageOffset);
            }
            DictionaryMemo.Version previous = dictionaries.version(d.id());
            if (d.isDelta() && previous == null) {
                throw new InvalidDataException("delta dictionary batch for id " + d.id()
                        + " before any dictionary with that id", resource, messageOffset, dictionaries.path(d.id()));
            }
            if (d.isDelta()) budget.delta(d.id(), messageOffset);
            Arena work = bodyArena;
            if (work == null && (d.data().compression() != null || bigEndian)) work = ReclaimableArena.ofShared();
            if (work != null) created.add(new CountedArena(work));
            Field valueField = new Field(dictionaries.path(d.id()), field.type(), true, field.children(), null, null);
            RecordBatchDecoder.Decoded decoded = RecordBatchDecoder.decode(List.of(valueField), d.data(), body,
                    bodyOffset, work, context(message, true));
            ArrayData values = decoded.columns().get(0);
            List<CountedArena> candidates = new ArrayList<>(created);
            for (DictionaryMemo.Version v : decoded.dictionaries()) candidates.addAll(v.memory());
            long others = dictionaries.bytes() - (previous == null ? 0 : previous.bytes);
            if (d.isDelta()) {
                // A delta appends to the current value in new memory: batches read earlier keep the old one.
                budget.dictionaries(others + previous.bytes + DictionaryMemo.bytes(values), d.id(),
                        dictionaries.path(d.id()), messageOffset);
                ReclaimableArena concatenated = ReclaimableArena.ofShared();
                created.add(new CountedArena(concatenated));
                values = appendDelta(d.id(), previous.values, values, messageOffset, concatenated);
                candidates.add(created.getLast());
                candidates.addAll(previous.memory());
            }
            budget.dictionaries(others + DictionaryMemo.bytes(values), d.id(), dictionaries.path(d.id()),
                    messageOffset);
            DictionaryMemo.Version next = DictionaryMemo.Version.of(values, candidates);
            try {
                for (CountedArena c : created) owner.track(c.arena());
            } catch (RuntimeException e) {
                next.release();
                throw e;
            }
            dictionaries.put(d.id(), next);
        } finally {
            // the creator lets go: memory the new value does not use (a delta's own body, once concatenated) goes now
            for (CountedArena c : created) c.release();
            if (bodyArena != null && created.isEmpty()) bodyArena.close();
        }
    }

    /** {@code previous} followed by {@code delta}; what does not fit is a QuiverException naming the delta. */
    private ArrayData appendDelta(long id, ArrayData previous, ArrayData delta, long messageOffset,
                                  java.lang.foreign.SegmentAllocator arena) {
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
