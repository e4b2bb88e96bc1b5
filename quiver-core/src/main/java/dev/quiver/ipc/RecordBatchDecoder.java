package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Layout;
import dev.quiver.compress.BufferCodec;
import dev.quiver.compress.CompressionType;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.MetadataVersion;
import dev.quiver.validate.Validator;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stage three of reading: turns a record batch header and its body into arrays. Pure: no I/O. Checks the
 * counts of field nodes and buffers first, then every buffer range against the body, before it touches any
 * data; decompresses buffers when the body is compressed; finally validates the arrays at the chosen level.
 * Buffers of uncompressed bodies are zero-copy slices of {@code body}.
 */
final class RecordBatchDecoder {
    /**
     * What every batch of one input is decoded with.
     *
     * @param resource     name of the input, for error messages
     * @param dictionaries the input's dictionaries
     * @param version      the metadata version of the message
     * @param bigEndian    whether the body's values are big-endian: every buffer is then swapped to little-endian
     *                     order ({@link ByteSwap}) before validation
     * @param budget       the input's per-input limits, or null when this decode is not counted (a file's batch
     *                     read again)
     */
    record Context(String resource, IpcReadOptions options, DictionaryMemo dictionaries, MetadataVersion version,
                   boolean bigEndian, InputBudget budget) {}

    /** The columns, and the dictionary versions they use (each once). */
    record Decoded(List<ArrayData> columns, List<DictionaryMemo.Version> dictionaries) {}

    private final List<Field> fields;
    private final RecordBatchHeader header;
    private final MemorySegment body;
    private final long bodyOffset;
    private final String resource;
    private final IpcReadOptions options;
    private final SegmentAllocator allocator;
    private final DictionaryMemo dictionaries;
    private final BufferCodec codec;
    private final MetadataVersion version;
    private final InputBudget budget;
    private final List<DictionaryMemo.Version> used = new ArrayList<>(0);
    private CompletableFuture<MemorySegment>[] early; // buffers being decompressed on the pool, by index
    private final boolean bigEndian;
    private int node;
    private int buffer;
    private int variadic;

    private RecordBatchDecoder(List<Field> fields, RecordBatchHeader header, MemorySegment body, long bodyOffset,
                               SegmentAllocator allocator, Context context) {
        this.fields = fields;
        this.header = header;
        this.body = body;
        this.bodyOffset = bodyOffset;
        this.resource = context.resource();
        this.options = context.options();
        this.allocator = allocator;
        this.dictionaries = context.dictionaries();
        this.version = context.version();
        this.bigEndian = context.bigEndian();
        this.budget = context.budget();
        CompressionType c = header.compression();
        // with threads, LZ4 also decodes the independent blocks of one large buffer as tasks of the codec pool
        this.codec = c == null ? null
                : options.useThreads() ? BufferCodec.create(c, BufferCodec.DEFAULT_LEVEL, CodecPool.threads())
                : BufferCodec.create(c);
    }

    /**
     * Decodes the columns of {@code fields} from a record batch.
     *
     * @param bodyOffset absolute offset of the body in the resource, for error messages
     * @param allocator  memory for decompressed and byte-swapped buffers (unused when the body is neither
     *                   compressed nor big-endian): it must belong to this call alone until it returns, since
     *                   native decompressors write into it
     */
    static Decoded decode(List<Field> fields, RecordBatchHeader header, MemorySegment body, long bodyOffset,
                          SegmentAllocator allocator, Context context) {
        RecordBatchDecoder d = new RecordBatchDecoder(fields, header, body, bodyOffset, allocator, context);
        return new Decoded(d.run(), List.copyOf(d.used));
    }

    private List<ArrayData> run() {
        if (header.length() < 0) {
            throw new InvalidDataException("negative record batch length " + header.length(), resource, bodyOffset);
        }
        if (header.length() > Integer.MAX_VALUE) {
            throw new LimitExceededException("record batch length " + header.length()
                    + " exceeds the largest supported length " + Integer.MAX_VALUE, resource, bodyOffset);
        }
        startParallelDecompression();
        try {
            return loadColumns();
        } catch (RuntimeException | Error failure) {
            if (early != null) {
                // let running decompressions finish before the caller closes the memory they write into
                CodecPool.awaitQuietly(java.util.Arrays.asList(early));
            }
            throw failure;
        }
    }

    /**
     * When the body is compressed and holds at least two large buffers, starts decompressing every large
     * buffer on the {@link CodecPool}; {@link #nextBuffer} then takes the result, or the error, in the
     * order a sequential reader would meet it. Buffers whose range is outside the body are left to
     * {@code nextBuffer} to report.
     */
    @SuppressWarnings("unchecked")
    private void startParallelDecompression() {
        if (codec == null || !options.useThreads()) return;
        CodecPool pool = CodecPool.shared();
        if (pool == null || !(allocator instanceof Arena arena) || !CodecPool.shareable(arena)
                || !CodecPool.shareable(body)) {
            return;
        }
        int n = header.bufferCount();
        boolean[] large = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            large[i] = parallelCandidate(pool, i);
            if (large[i]) count++;
        }
        if (count < 2) return;
        for (int i = 0; i < n; i++) {
            if (large[i]) countDecompressed(i);
        }
        early = new CompletableFuture[n];
        for (int i = 0; i < n; i++) {
            if (!large[i]) continue;
            long offset = header.bufferOffsets()[i];
            MemorySegment raw = body.asSlice(offset, header.bufferLengths()[i]);
            early[i] = pool.submit(() -> codec.decode(raw, allocator, resource, bodyOffset + offset,
                    options.limits().maxDecompressedSize()));
        }
    }

    /**
     * Counts buffer {@code i}'s declared uncompressed length against the input's total before it is decoded
     * (lengths the codec will refuse anyway are left to it).
     */
    private void countDecompressed(int i) {
        if (budget == null) return;
        long offset = header.bufferOffsets()[i];
        long declared = body.get(dev.quiver.memory.LE.LONG, offset);
        if (declared > 0 && declared <= options.limits().maxDecompressedSize()) {
            budget.decompress(declared, bodyOffset + offset);
        }
    }

    private boolean parallelCandidate(CodecPool pool, int i) {
        long offset = header.bufferOffsets()[i];
        long length = header.bufferLengths()[i];
        if (offset < 0 || length < BufferCodec.PREFIX_LENGTH || offset > body.byteSize()
                || length > body.byteSize() - offset) {
            return false;
        }
        // the declared size only picks the thread; decoding checks it against the limit and the input
        long declared = body.get(dev.quiver.memory.LE.LONG, offset);
        return pool.worthIt(Math.max(length, declared));
    }

    private List<ArrayData> loadColumns() {
        List<ArrayData> columns = new ArrayList<>(fields.size());
        for (Field f : fields) {
            ArrayData column = load(f, f.name(), 0);
            try {
                // dictionaries were validated once, when their dictionary batch arrived: check indices only
                Validator.validateTrustingDictionaries(f, column, options.validation());
            } catch (InvalidDataException e) {
                throw e.at(resource, bodyOffset, f.name());
            }
            if (column.length() != header.length()) {
                throw new InvalidDataException("column length " + column.length()
                        + " differs from the record batch length " + header.length(), resource, bodyOffset, f.name());
            }
            columns.add(column);
        }
        return columns;
    }

    private ArrayData load(Field field, String path, int depth) {
        if (depth > options.limits().maxNestingDepth()) {
            throw new LimitExceededException("nesting deeper than " + options.limits().maxNestingDepth(),
                    resource, bodyOffset, path);
        }
        if (node >= header.nodeCount()) {
            throw new InvalidDataException("the record batch has " + header.nodeCount()
                    + " field nodes, fewer than the schema needs", resource, bodyOffset, path);
        }
        long length = header.nodeLengths()[node];
        long nulls = header.nodeNullCounts()[node];
        int nodeIndex = node++;
        if (length < 0 || nulls < 0) {
            throw new InvalidDataException("field node " + nodeIndex + " has negative length or null count",
                    resource, bodyOffset, path);
        }
        if (length > Integer.MAX_VALUE) {
            throw new LimitExceededException("field node " + nodeIndex + " length " + length
                    + " exceeds the largest supported length", resource, bodyOffset, path);
        }
        if (nulls > length) {
            throw new InvalidDataException("field node " + nodeIndex + " has null count " + nulls
                    + " greater than its length " + length, resource, bodyOffset, path);
        }
        ArrowType type = field.type();
        ArrayData dictionary = null;
        if (field.dictionary() != null) {
            type = field.dictionary().indexType();
            DictionaryMemo.Version v = dictionaries.version(field.dictionary().id());
            if (v != null && !used.contains(v)) used.add(v);
            dictionary = v == null ? null : v.values;
            if (dictionary == null) {
                throw new InvalidDataException("no dictionary with id " + field.dictionary().id()
                        + " was read before this record batch", resource, bodyOffset, path);
            }
        }
        if (type instanceof ArrowType.Union u && version.ordinal() < MetadataVersion.V5.ordinal()) {
            // Before V5 unions had a validity bitmap, always written empty by conforming writers.
            MemorySegment skipped = nextBuffer(path, "legacy union validity");
            if (skipped.byteSize() != 0 && nulls != 0) {
                throw new dev.quiver.UnsupportedFeatureException("unions with a validity bitmap (pre-V5) are not supported",
                        resource, bodyOffset, path);
            }
        }
        int n = Layout.bufferCount(type);
        MemorySegment[] buffers;
        int variadicCount = 0;
        if (Layout.hasVariadicBuffers(type)) {
            if (variadic >= header.variadicBufferCounts().length) {
                throw new InvalidDataException("missing variadic buffer count for a view array", resource, bodyOffset, path);
            }
            long count = header.variadicBufferCounts()[variadic++];
            if (count < 0 || count > header.bufferCount()) {
                throw new InvalidDataException("variadic buffer count " + count + " is out of range",
                        resource, bodyOffset, path);
            }
            variadicCount = (int) count;
        }
        buffers = new MemorySegment[n + variadicCount];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = nextBuffer(path, bufferName(type, i));
        }
        if (bigEndian) ByteSwap.swapArrayBuffers(type, buffers, true, allocator);
        if (type instanceof ArrowType.Null) {
            nulls = length;
        } else if (Layout.hasValidity(type) && nulls == 0) {
            buffers[0] = ArrayData.ABSENT;
        } else if (Layout.hasValidity(type) && buffers[0].byteSize() == 0) {
            throw new InvalidDataException("null count " + nulls + " but no validity bitmap", resource, bodyOffset, path);
        }
        // A dictionary-encoded field's children describe the dictionary's values, not the indices.
        List<Field> childFields = field.dictionary() != null ? List.of() : field.children();
        ArrayData[] children = new ArrayData[childFields.size()];
        for (int i = 0; i < children.length; i++) {
            Field c = childFields.get(i);
            children[i] = load(c, path + "." + c.name(), depth + 1);
        }
        try {
            return new ArrayData(type, (int) length, 0, (int) nulls, buffers, children, dictionary);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(e.getMessage(), resource, bodyOffset, path);
        }
    }

    private MemorySegment nextBuffer(String path, String what) {
        if (buffer >= header.bufferCount()) {
            throw new InvalidDataException("the record batch has " + header.bufferCount()
                    + " buffers, fewer than the schema needs (missing the " + what + " buffer)",
                    resource, bodyOffset, path);
        }
        int index = buffer++;
        long offset = header.bufferOffsets()[index];
        long length = header.bufferLengths()[index];
        if (offset < 0 || length < 0 || offset > body.byteSize() || length > body.byteSize() - offset) {
            throw new InvalidDataException("buffer " + index + " (" + what + ") spans bytes [" + offset + ", "
                    + (offset + length) + ") of a body of " + body.byteSize() + " bytes",
                    resource, bodyOffset + Math.max(0, Math.min(offset, body.byteSize())), path);
        }
        MemorySegment raw = body.asSlice(offset, length);
        if (codec == null || length == 0) return raw;
        if (early != null && early[index] != null) return CodecPool.join(early[index]);
        if (length >= BufferCodec.PREFIX_LENGTH) countDecompressed(index);
        return codec.decode(raw, allocator, resource, bodyOffset + offset, options.limits().maxDecompressedSize());
    }

    private static String bufferName(ArrowType type, int i) {
        if (i == 0 && Layout.hasValidity(type)) return "validity";
        if (type instanceof ArrowType.Union) return i == 0 ? "type ids" : "offsets";
        if (Layout.offsetWidth(type) > 0) {
            if (i == 1) return "offsets";
            if (type instanceof ArrowType.ListView || type instanceof ArrowType.LargeListView) return "sizes";
            return "data";
        }
        if (Layout.hasVariadicBuffers(type)) return i == 1 ? "views" : "variadic data " + (i - 2);
        return "values";
    }
}
