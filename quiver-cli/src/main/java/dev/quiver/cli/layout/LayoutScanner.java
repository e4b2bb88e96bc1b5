package dev.quiver.cli.layout;

import dev.quiver.InvalidDataException;
import dev.quiver.QuiverException;
import dev.quiver.cli.layout.WireLayout.BlockCheck;
import dev.quiver.cli.layout.WireLayout.Buffer;
import dev.quiver.cli.layout.WireLayout.FooterInfo;
import dev.quiver.cli.layout.WireLayout.Kind;
import dev.quiver.cli.layout.WireLayout.Message;
import dev.quiver.cli.layout.WireLayout.Part;
import dev.quiver.ipc.InputKind;
import dev.quiver.ipc.Inspector;
import dev.quiver.ipc.IpcLimits;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.memory.LE;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link WireLayout} of IPC bytes: walks the messages without reading their bodies (a file's footer
 * first, since it says where the stream inside the file ends), decodes each message's Flatbuffer, assigns every body
 * buffer to its field, checks each footer block against the message at its offset. Pure: the caller brings the
 * bytes. Damage stops the walk where it is found: the layout then has everything before it and the error.
 */
public final class LayoutScanner {
    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    private final MemorySegment data;
    private final String name;
    private final IpcLimits limits;
    private final List<Part> parts = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private Schema schema;
    private QuiverException error;
    private QuiverException streamError;
    private QuiverException footerError;

    private LayoutScanner(MemorySegment data, String name, IpcLimits limits) {
        this.data = data;
        this.name = name;
        this.limits = limits;
    }

    /**
     * The layout of {@code data}, a whole file or stream named {@code name} in messages.
     *
     * @throws QuiverException when the bytes are neither (Parquet, JSON, empty...): said at byte 0
     */
    public static WireLayout scan(MemorySegment data, String name) {
        InputKind kind = InputKind.detect(data);
        LayoutScanner s = new LayoutScanner(data, name, IpcLimits.DEFAULT);
        return switch (kind) {
            case ARROW_FILE -> s.file();
            case ARROW_STREAM, UNKNOWN -> s.stream();
            default -> throw kind.mismatch(null, name);
        };
    }

    private WireLayout stream() {
        long size = data.byteSize();
        long end = walk(0, size);
        if (end >= 0 && end < size) part(Kind.EXTRA, end, size - end, -1, "after the end-of-stream marker (readers ignore them)");
        return new WireLayout(name, WireLayout.Format.STREAM, size, List.copyOf(parts), List.copyOf(messages), null,
                streamError, null, error);
    }

    private WireLayout file() {
        long size = data.byteSize();
        part(Kind.MAGIC, 0, Math.min(6, size), -1, "ARROW1");
        if (size > 6) part(Kind.MAGIC_PADDING, 6, Math.min(8, size) - 6, -1, hex(6, Math.min(8, size) - 6));
        Inspector.FooterLayout located = null;
        try {
            located = Inspector.footer(data, name, limits);
            schema = located.footer().schema();
        } catch (QuiverException e) {
            footerError = e;
        }
        long trailer = size - 10;
        long streamEnd = located != null ? located.offset() : Math.max(8, trailer);
        long end = size >= 8 ? walk(8, Math.min(streamEnd, size)) : -1;
        FooterInfo footer = null;
        if (located != null) {
            if (end >= 0 && end < located.offset()) {
                part(Kind.EXTRA, end, located.offset() - end, -1, "between the stream and the footer");
            }
            int length = (int) (trailer - located.offset());
            FlatbufferTree.Tree tree = null;
            try {
                tree = FlatbufferTree.footer(data.asSlice(located.offset(), length), name, located.offset());
            } catch (QuiverException e) {
                remember(e);
            }
            part(Kind.FOOTER, located.offset(), length, -1, "Footer");
            footer = new FooterInfo(located.offset(), length, located.footer(), tree,
                    checks(located.footer().dictionaries(), "DictionaryBatch", "dictionary block"),
                    checks(located.footer().recordBatches(), "RecordBatch", "record batch block"));
        } else {
            remember(footerError);
            if (end >= 0 && size >= 10 && end < trailer) {
                part(Kind.UNREADABLE, end, trailer - end, -1, "no readable footer: " + footerError.detail());
            }
        }
        if (size >= 10 && trailer >= 8) {
            part(Kind.FOOTER_LENGTH, trailer, 4, -1, Integer.toString(data.get(LE.INT, trailer)));
            part(Kind.MAGIC, size - 6, 6, -1, matches(size - 6) ? "ARROW1" : "not ARROW1: " + hex(size - 6, 6));
        }
        return new WireLayout(name, WireLayout.Format.FILE, size, List.copyOf(parts), List.copyOf(messages), footer,
                streamError, footerError, error);
    }

    /** Walks the messages of {@code [start, end)}; returns where they end, or -1 when damage stopped the walk. */
    private long walk(long start, long end) {
        MessageWalker walker = new MessageWalker(data, start, end, name, limits);
        long at = start;
        try {
            for (MessageSummary m; (m = walker.next()) != null; at = walker.position()) message(m);
        } catch (QuiverException e) {
            streamError = e;
            remember(e);
            if (end > at) part(Kind.UNREADABLE, at, end - at, -1, e.detail());
            return -1;
        }
        if (walker.endOfStream() >= 0) {
            int n = walker.endMarkerLength();
            long eos = walker.endOfStream();
            part(Kind.END_OF_STREAM, eos, n, -1, n == 8 ? words(eos, 2) : words(eos, 1));
        }
        return walker.position();
    }

    private void message(MessageSummary m) {
        int index = messages.size();
        int prefix = data.get(LE.INT, m.offset()) == CONTINUATION ? 8 : 4;
        long metadataAt = m.offset() + prefix;
        FlatbufferTree.Tree tree = FlatbufferTree.message(data.asSlice(metadataAt, m.metadataLength()), name,
                metadataAt);
        if (m.message().header() instanceof MessageHeader.SchemaHeader s && schema == null) schema = s.schema();
        Message msg = new Message(index, m, prefix, m.metadataLength(), tree, List.of());
        msg = new Message(index, m, prefix, m.metadataLength(), tree, buffers(msg));
        messages.add(msg);
        if (prefix == 8) part(Kind.CONTINUATION, m.offset(), 4, index, "ffffffff");
        part(Kind.METADATA_LENGTH, metadataAt - 4, 4, index, Integer.toString(m.metadataLength()));
        long fb = msg.flatbufferLength();
        part(Kind.FLATBUFFER, metadataAt, fb, index, m.type());
        part(Kind.PADDING, metadataAt + fb, m.metadataLength() - fb, index, "");
        part(Kind.BODY, msg.bodyOffset(), m.bodyLength(), index, "");
    }

    private List<Buffer> buffers(Message m) {
        MessageHeader.RecordBatchHeader h = m.batch();
        if (h == null) return List.of();
        List<Field> fields = switch (m.summary().message().header()) {
            case MessageHeader.DictionaryBatchHeader d -> valueField(d.id());
            default -> schema == null ? List.of() : schema.fields();
        };
        List<BufferMap.Role> roles = BufferMap.of(fields, h, m.summary().message().version());
        List<Buffer> out = new ArrayList<>(h.bufferCount());
        for (int i = 0; i < h.bufferCount(); i++) {
            long at = m.bodyOffset() + h.bufferOffsets()[i];
            long length = h.bufferLengths()[i];
            Long uncompressed = null;
            if (h.compression() != null && length >= 8 && at >= 0 && at <= data.byteSize() - 8) {
                uncompressed = data.get(LE.LONG, at);
            }
            out.add(new Buffer(i, roles.get(i).path(), roles.get(i).kind(), at, length, uncompressed));
        }
        return List.copyOf(out);
    }

    /** The field whose values dictionary {@code id} holds, as a dictionary batch's one column, or none. */
    private List<Field> valueField(long id) {
        if (schema == null) return List.of();
        Field f = find(schema.fields(), id);
        return f == null ? List.of() : List.of(new Field(f.name(), f.type(), true, f.children(), null, null));
    }

    private static Field find(List<Field> fields, long id) {
        for (Field f : fields) {
            if (f.dictionary() != null && f.dictionary().id() == id) return f;
            Field inner = find(f.children(), id);
            if (inner != null) return inner;
        }
        return null;
    }

    private List<BlockCheck> checks(List<Block> blocks, String type, String what) {
        Map<Long, Message> byOffset = new HashMap<>();
        for (Message m : messages) byOffset.put(m.offset(), m);
        List<BlockCheck> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Message m = byOffset.get(b.offset());
            String problem = null;
            if (m == null) {
                problem = "no message of the stream starts at this offset";
            } else if (!m.type().equals(type)) {
                problem = "the message at this offset is a " + m.type() + ", not a " + type;
            } else if (m.bodyLength() != b.bodyLength()) {
                problem = "the message's body is " + m.bodyLength() + " bytes, the block says " + b.bodyLength();
            } else if (m.prefixLength() + (long) m.metadataLength() != b.metaDataLength()) {
                problem = "the message's prefix and metadata are " + (m.prefixLength() + m.metadataLength())
                        + " bytes, the block's metaDataLength says " + b.metaDataLength();
            }
            if (problem != null) {
                remember(new InvalidDataException(what + " " + i + " does not match the stream: " + problem, name,
                        b.offset()));
            }
            out.add(new BlockCheck(b, problem));
        }
        return List.copyOf(out);
    }

    private void part(Kind kind, long offset, long length, int message, String detail) {
        if (length > 0) parts.add(new Part(kind, offset, length, message, detail));
    }

    private void remember(QuiverException e) {
        if (error == null) error = e;
    }

    private boolean matches(long at) {
        for (int i = 0; i < MAGIC.length; i++) if (data.get(LE.BYTE, at + i) != MAGIC[i]) return false;
        return true;
    }

    /** {@code n} four-byte words in hex: "ffffffff 00000000". */
    private String words(long at, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(' ');
            byte[] b = new byte[4];
            MemorySegment.copy(data, LE.BYTE, at + 4L * i, b, 0, 4);
            sb.append(HexFormat.of().formatHex(b));
        }
        return sb.toString();
    }

    private String hex(long at, long n) {
        byte[] b = new byte[(int) n];
        MemorySegment.copy(data, LE.BYTE, at, b, 0, b.length);
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
