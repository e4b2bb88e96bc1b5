package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.MemoryOwner;
import dev.quiver.array.RecordBatch;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Schema;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Stage two of reading a stream (for {@link StreamDecoder}, and through it {@link RecordBatchStreamReader}): the order of messages (one schema first, then dictionaries and record batches) and
 * what each message becomes, through {@link BatchAssembler} (record batch decoding, byte swapping,
 * dictionaries). Pure: the callers bring each message's metadata and body.
 */
final class StreamState {
    private final String resource;
    private final IpcReadOptions options;
    private final MemoryOwner owner;
    private BatchAssembler assembler;

    /** What one message became. */
    sealed interface Decoded {}

    /** The schema, little-endian whatever the stream's byte order. */
    record SchemaRead(Schema schema) implements Decoded {}

    /** A dictionary batch, now the current dictionary of {@code id}. */
    record DictionaryRead(long id, ArrayData dictionary, boolean isDelta) implements Decoded {}

    record BatchRead(RecordBatch batch) implements Decoded {}

    StreamState(String resource, IpcReadOptions options, MemoryOwner owner) {
        this.resource = resource;
        this.options = options;
        this.owner = owner;
    }

    /** The schema, or null before the schema message. */
    Schema schema() {
        return assembler == null ? null : assembler.schema();
    }

    /**
     * Checks that {@code message} may come now, before its body is read, and counts it against the input's
     * limit of messages. Call once per message.
     */
    void check(Message message, long offset) {
        checkOrder(message, offset);
        if (assembler != null) assembler.budget().messages(1, offset);
    }

    private void checkOrder(Message message, long offset) {
        boolean isSchema = message.header() instanceof MessageHeader.SchemaHeader;
        if (assembler == null && !isSchema) {
            throw new InvalidDataException("the stream must start with a schema message, found "
                    + BatchAssembler.kind(message), resource, offset);
        }
        if (assembler != null && isSchema) {
            throw new InvalidDataException("unexpected second schema message", resource, offset);
        }
    }

    /**
     * Turns a checked message and its body into what it stands for.
     *
     * @param arena memory holding {@code body}, handed over (also on failure): a record batch takes it as its
     *              own, a dictionary's value keeps it while it uses it; null when {@code body} is memory that
     *              outlives the reader
     */
    Decoded accept(Message message, long offset, MemorySegment body, long bodyOffset, Arena arena) {
        try {
            checkOrder(message, offset);
        } catch (RuntimeException e) {
            if (arena != null) arena.close();
            throw e;
        }
        return switch (message.header()) {
            case MessageHeader.SchemaHeader s -> {
                if (arena != null) arena.close();
                assembler = new BatchAssembler(s.schema(), resource, options, owner);
                assembler.budget().messages(1, offset);
                yield new SchemaRead(assembler.schema());
            }
            case MessageHeader.DictionaryBatchHeader d -> {
                assembler.dictionaryBatch(message, offset, body, bodyOffset, arena);
                yield new DictionaryRead(d.id(), assembler.dictionaries().get(d.id()), d.isDelta());
            }
            case MessageHeader.RecordBatchHeader r ->
                    new BatchRead(assembler.recordBatch(message, offset, body, bodyOffset, arena, true));
        };
    }

    /** The end of the stream at {@code offset}: a stream without a schema message is invalid. */
    void end(long offset) {
        if (assembler == null) {
            throw new InvalidDataException("the stream has no schema message (it is empty)", resource, offset);
        }
    }
}
