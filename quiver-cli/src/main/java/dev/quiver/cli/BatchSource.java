package dev.quiver.cli;

import dev.quiver.array.ArrayData;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.ipc.StreamDecoder;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Record batches of an IPC file or stream, read one at a time so that large inputs never accumulate in
 * memory. Each batch borrows the reader's memory: use it, close it, then read the next.
 *
 * <p>For conversions that keep what the source says, a source also tells its dictionary batches as they are in the
 * input ({@link #takeDictionaries()}: a delta's new values only, a replacement's whole values) and each message's
 * body compression ({@link #compression()}, {@link DictionaryMessage#compression()}).
 */
sealed interface BatchSource extends AutoCloseable {

    /** The batches of a reader that {@link Input#open} opened: a file or a stream, told by its first bytes. */
    static BatchSource of(RecordBatchReader reader) {
        return switch (reader) {
            case RecordBatchFileReader f -> new OfFile(f);
            case RecordBatchStreamReader s -> new OfStream(s);
            default -> throw new IllegalArgumentException("not an IPC reader: " + reader.getClass());
        };
    }

    IpcFormat format();

    Schema schema();

    /** The next batch, or null at the end. */
    RecordBatch next() throws IOException;

    /** Number of batches when known up front (files), else -1. */
    int knownBatchCount();

    /** Custom metadata of the file footer (empty for streams). */
    Map<String, String> footerMetadata();

    @Override
    void close() throws IOException;

    /**
     * One dictionary batch message of the input: {@code values} are dictionary {@code id}'s values, or, with
     * {@code isDelta}, those its delta appends; {@code compression} is its body's (null: none).
     */
    record DictionaryMessage(long id, ArrayData values, boolean isDelta, CompressionType compression) {}

    /**
     * The dictionary batches of the input that precede the batch {@link #next()} returned last and follow the one
     * before (after {@code next()} returned null: those before the end), in the input's order; each is told once.
     * Their values stay readable while the source is open.
     */
    List<DictionaryMessage> takeDictionaries();

    /** The body compression of the batch {@link #next()} returned last (null: none). */
    CompressionType compression();

    /** About how many bytes of the input are read so far (for progress). */
    long position();

    /** Skips batches until batch {@code index}; returns it, or null when the input has fewer batches. */
    default RecordBatch seek(int index) throws IOException {
        for (int i = 0; i < index; i++) {
            RecordBatch b = next();
            if (b == null) return null;
            b.close();
        }
        return next();
    }

    final class OfFile implements BatchSource {
        private final RecordBatchFileReader reader;
        private int next;
        private CompressionType compression;
        /** The dictionary blocks not told yet, with their offsets (the footer's order: the file's). */
        private List<Block> dictionaryBlocks;
        private int dictionariesTold;
        /** Per dictionary id, the number of values of the blocks before (a delta is a slice of the final value). */
        private final Map<Long, Long> valuesBefore = new HashMap<>();
        private final List<DictionaryMessage> pending = new ArrayList<>();

        OfFile(RecordBatchFileReader reader) { this.reader = reader; }

        @Override
        public List<DictionaryMessage> takeDictionaries() {
            if (dictionaryBlocks == null) dictionaryBlocks = reader.footer().dictionaries();
            long before = lastReturned ? reader.footer().recordBatches().get(next - 1).offset() : Long.MAX_VALUE;
            while (dictionariesTold < dictionaryBlocks.size()
                    && dictionaryBlocks.get(dictionariesTold).offset() < before) {
                Block block = dictionaryBlocks.get(dictionariesTold++);
                MessageHeader.DictionaryBatchHeader d =
                        (MessageHeader.DictionaryBatchHeader) reader.message(block).message().header();
                ArrayData all = reader.dictionary(d.id());
                long from = d.isDelta() ? valuesBefore.getOrDefault(d.id(), 0L) : 0;
                long length = d.data().length();
                if (from + length > all.length()) { // a footer that disagrees with itself: the reader checked the rest
                    throw new dev.quiver.InvalidDataException("dictionary block " + (dictionariesTold - 1)
                            + " holds values beyond the dictionary's " + all.length(), "the file", block.offset());
                }
                valuesBefore.put(d.id(), from + length);
                pending.add(new DictionaryMessage(d.id(), all.slice((int) from, (int) length), d.isDelta(),
                        d.data().compression()));
            }
            List<DictionaryMessage> out = List.copyOf(pending);
            pending.clear();
            return out;
        }

        /** Whether next() returned a batch last (not null at the end). */
        private boolean lastReturned;

        @Override public CompressionType compression() { return compression; }

        private long position;

        @Override public long position() { return position; }

        @Override public IpcFormat format() { return IpcFormat.FILE; }
        @Override public Schema schema() { return reader.schema(); }
        @Override public int knownBatchCount() { return reader.numRecordBatches(); }
        @Override public Map<String, String> footerMetadata() { return reader.footer().metadata(); }

        @Override
        public RecordBatch next() {
            lastReturned = next < reader.numRecordBatches();
            if (!lastReturned) return null;
            Block block = reader.footer().recordBatches().get(next);
            position = Math.max(position, block.offset() + block.metaDataLength() + block.bodyLength());
            Message m = reader.message(block).message();
            compression = m.header() instanceof MessageHeader.RecordBatchHeader r ? r.compression() : null;
            return reader.recordBatch(next++);
        }

        @Override
        public RecordBatch seek(int index) {
            if (index >= reader.numRecordBatches()) return null;
            next = index;
            return next();
        }

        @Override public void close() { reader.close(); }
    }

    final class OfStream implements BatchSource {
        private final RecordBatchStreamReader reader;
        private final List<DictionaryMessage> pending = new ArrayList<>();
        /** Per dictionary id, its length after the dictionary batch read last. */
        private final Map<Long, Integer> lengths = new HashMap<>();
        /** Whether a dictionary's values hold dictionaries (then a pending one is copied at any dictionary batch). */
        private final boolean nested;
        private CompressionType compression;
        private CompressionType dictionaryCompression;
        private long position;

        @Override public long position() { return position; }

        OfStream(RecordBatchStreamReader reader) {
            this.reader = reader;
            this.nested = nestedDictionaries(reader.schema().fields(), false);
            reader.observe(new StreamDecoder.Listener() {
                @Override
                public void onMessage(Message message, long offset) {
                    position = offset + message.bodyLength();
                    switch (message.header()) {
                        case MessageHeader.RecordBatchHeader r -> compression = r.compression();
                        case MessageHeader.DictionaryBatchHeader d -> {
                            dictionaryCompression = d.data().compression();
                            // the value told before is let go once this batch replaces or extends it: keep a copy
                            for (int i = 0; i < pending.size(); i++) {
                                DictionaryMessage p = pending.get(i);
                                if (p.id() == d.id() || nested) {
                                    pending.set(i, new DictionaryMessage(p.id(), p.values().copyTo(Arena.ofAuto()),
                                            p.isDelta(), p.compression()));
                                }
                            }
                        }
                        default -> { }
                    }
                }

                @Override
                public void onDictionary(long id, ArrayData dictionary, boolean isDelta) {
                    int before = isDelta ? lengths.getOrDefault(id, 0) : 0;
                    lengths.put(id, dictionary.length());
                    pending.add(new DictionaryMessage(id, dictionary.slice(before, dictionary.length() - before),
                            isDelta, dictionaryCompression));
                }
            });
        }

        private static boolean nestedDictionaries(List<dev.quiver.type.Field> fields, boolean inside) {
            for (dev.quiver.type.Field f : fields) {
                if (f.dictionary() != null && inside) return true;
                if (nestedDictionaries(f.children(), inside || f.dictionary() != null)) return true;
            }
            return false;
        }

        @Override
        public List<DictionaryMessage> takeDictionaries() {
            List<DictionaryMessage> out = List.copyOf(pending);
            pending.clear();
            return out;
        }

        @Override public CompressionType compression() { return compression; }

        @Override public IpcFormat format() { return IpcFormat.STREAM; }
        @Override public Schema schema() { return reader.schema(); }
        @Override public int knownBatchCount() { return -1; }
        @Override public Map<String, String> footerMetadata() { return Map.of(); }
        @Override public RecordBatch next() throws IOException { return reader.readNext(); }
        @Override public void close() throws IOException { reader.close(); }
    }
}
