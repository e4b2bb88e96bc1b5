package dev.quiver.flight.directory;

import dev.quiver.InvalidDataException;
import dev.quiver.QuiverException;
import dev.quiver.ipc.Inspector;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.memory.LE;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An Arrow IPC file or stream memory-mapped, as a list of its messages (metadata and body as slices of the mapping,
 * verified but not decoded): what DoGet sends as it is. The mapping lives until {@link #close()}.
 */
final class MappedFlight implements AutoCloseable {
    private static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    enum Kind { SCHEMA, DICTIONARY, BATCH }

    /** One message: where its parts are in the mapping, and the rows of a record batch. */
    record Message(Kind kind, MemorySegment metadata, MemorySegment body, long rows) {
        long wireSize() { return metadata.byteSize() + body.byteSize(); }
    }

    private final Arena arena;
    private final Runnable onClose;
    final Schema schema;
    final boolean isFile;
    final long size;
    /** Every message in the order DoGet sends them: the schema, then (file) all dictionaries and the batches, or
     *  (stream) dictionaries and batches as the stream has them. */
    final List<Message> messages;
    /** Index in {@link #messages} of each record batch. */
    final int[] batchAt;

    private MappedFlight(Arena arena, Schema schema, boolean isFile, long size, List<Message> messages) {
        this(arena, null, schema, isFile, size, messages);
    }

    private MappedFlight(Arena arena, Runnable onClose, Schema schema, boolean isFile, long size, List<Message> messages) {
        this.arena = arena;
        this.onClose = onClose;
        this.schema = schema;
        this.isFile = isFile;
        this.size = size;
        this.messages = messages;
        int n = 0;
        for (Message m : messages) if (m.kind == Kind.BATCH) n++;
        this.batchAt = new int[n];
        n = 0;
        for (int i = 0; i < messages.size(); i++) if (messages.get(i).kind == Kind.BATCH) batchAt[n++] = i;
    }

    int numBatches() { return batchAt.length; }

    long rows() {
        long r = 0;
        for (Message m : messages) r += m.rows;
        return r;
    }

    /**
     * Maps {@code path} and lists its messages; the metadata of each is verified, no value is read.
     *
     * @param onClose run when the mapping is closed
     */
    static MappedFlight open(Path path, IpcReadOptions options, Runnable onClose) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment data;
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size == 0) throw new InvalidDataException("the file is empty", path.toString(), 0);
                data = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            }
            MappedFlight f;
            try {
                f = isFile(data) ? file(arena, data, options) : stream(arena, data, path.toString(), options);
            } catch (QuiverException e) {
                // the served directory's own file: its client asked nothing wrong, but cannot have it
                throw new InvalidDataException("not a readable Arrow IPC file or stream: " + e.getMessage(),
                        path.getFileName().toString(), -1, null, e);
            }
            return new MappedFlight(arena, onClose, f.schema, f.isFile, f.size, f.messages);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static boolean isFile(MemorySegment data) {
        if (data.byteSize() < 8) return false;
        for (int i = 0; i < MAGIC.length; i++) if (data.get(LE.BYTE, i) != MAGIC[i]) return false;
        return true;
    }

    private static MappedFlight file(Arena arena, MemorySegment data, IpcReadOptions options) {
        try (RecordBatchFileReader r = Ipc.openFile(data, options)) {
            List<Message> out = new ArrayList<>();
            // the schema message that starts the file's stream section
            int first = data.get(LE.INT, 8);
            int prefix = first == -1 ? 8 : 4;
            int length = prefix == 8 ? data.get(LE.INT, 12) : first;
            MessageSummary schema = r.message(new Block(8, prefix + Math.max(length, 0), 0));
            if (!(schema.message().header() instanceof MessageHeader.SchemaHeader)) {
                throw new InvalidDataException("the file's first message is not its schema", "file", 8);
            }
            out.add(slice(data, schema, prefix + (long) length, Kind.SCHEMA));
            for (Block b : r.footer().dictionaries()) out.add(slice(data, r.message(b), b.metaDataLength(), Kind.DICTIONARY));
            for (Block b : r.footer().recordBatches()) out.add(slice(data, r.message(b), b.metaDataLength(), Kind.BATCH));
            return new MappedFlight(arena, r.footer().schema(), true, data.byteSize(), List.copyOf(out));
        }
    }

    private static MappedFlight stream(Arena arena, MemorySegment data, String resource, IpcReadOptions options) {
        Inspector.StreamLayout layout = Inspector.stream(data, 0, options.limits());
        List<Message> out = new ArrayList<>();
        Schema schema = null;
        for (MessageSummary m : layout.messages()) {
            int prefix = data.get(LE.INT, m.offset()) == -1 ? 8 : 4;
            Kind kind = switch (m.message().header()) {
                case MessageHeader.SchemaHeader s -> {
                    if (schema != null) throw new InvalidDataException("a second schema message", resource, m.offset());
                    schema = s.schema();
                    yield Kind.SCHEMA;
                }
                case MessageHeader.DictionaryBatchHeader d -> Kind.DICTIONARY;
                case MessageHeader.RecordBatchHeader b -> Kind.BATCH;
            };
            if (schema == null) {
                throw new InvalidDataException("the stream must start with a schema message", resource, m.offset());
            }
            out.add(slice(data, m, prefix + (long) m.metadataLength(), kind));
        }
        if (schema == null) throw new InvalidDataException("the stream has no schema message", resource, 0);
        return new MappedFlight(arena, schema, false, data.byteSize(), List.copyOf(out));
    }

    /** The parts of a located message: metadata after its prefix, body {@code bodyStart} bytes after its offset. */
    private static Message slice(MemorySegment data, MessageSummary m, long bodyStart, Kind kind) {
        int prefix = data.get(LE.INT, m.offset()) == -1 ? 8 : 4;
        MemorySegment metadata = data.asSlice(m.offset() + prefix, m.metadataLength());
        MemorySegment body = data.asSlice(m.offset() + bodyStart, m.bodyLength());
        long rows = m.message().header() instanceof MessageHeader.RecordBatchHeader b ? b.length() : 0;
        return new Message(kind, metadata, body, rows);
    }

    /** Unmaps the file. */
    @Override
    public void close() {
        arena.close();
        if (onClose != null) onClose.run();
    }
}
