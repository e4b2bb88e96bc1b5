package dev.quiver.metadata;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.metadata.MessageHeader.DictionaryBatchHeader;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import dev.quiver.metadata.MessageHeader.SchemaHeader;
import dev.quiver.type.MetadataVersion;

import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * The {@code Message} table of Message.fbs (the metadata of each encapsulated IPC message) to and from
 * {@link Message}. Headers: Schema, DictionaryBatch and RecordBatch; Tensor and SparseTensor are
 * reported as {@link UnsupportedFeatureException}. Decoding verifies every byte it follows; errors are
 * {@link dev.quiver.QuiverException}s carrying the absolute byte offset ({@code baseOffset} plus the
 * position inside {@code metadata}). Metadata versions V1 to V5 are decoded; whether an old version is
 * acceptable is the caller's decision.
 */
public final class MessageCodec {
    private MessageCodec() {}

    private static final int VERSION = 0, HEADER_TYPE = 1, HEADER = 2, BODY_LENGTH = 3, METADATA = 4;
    private static final int D_ID = 0, D_DATA = 1, D_IS_DELTA = 2;
    private static final byte TAG_SCHEMA = 1, TAG_DICTIONARY_BATCH = 2, TAG_RECORD_BATCH = 3;

    /**
     * Decodes the Message flatbuffer in {@code metadata}.
     *
     * @param metadata   exactly the metadata bytes of one message (padding after the flatbuffer is fine)
     * @param resource   name of the file or stream, for error messages
     * @param baseOffset absolute offset of {@code metadata} within the resource, for error messages
     */
    public static Message decode(MemorySegment metadata, String resource, long baseOffset) {
        return decode(metadata, resource, baseOffset, SchemaCodec.DEFAULT_MAX_FIELD_DEPTH);
    }

    /** As {@link #decode(MemorySegment, String, long)} with a limit on the nesting depth of schema fields. */
    public static Message decode(MemorySegment metadata, String resource, long baseOffset, int maxFieldDepth) {
        FlatBufferReader r = new FlatBufferReader(metadata, resource, baseOffset);
        FbTable t = r.root("Message");
        MetadataVersion version = readVersion(t, VERSION);
        int tag = t.getUByte(HEADER_TYPE, "header_type");
        String name = switch (tag) {
            case 0 -> throw r.invalid("message has no header (MessageHeader tag NONE)", t.pos());
            case TAG_SCHEMA -> "Schema";
            case TAG_DICTIONARY_BATCH -> "DictionaryBatch";
            case TAG_RECORD_BATCH -> "RecordBatch";
            case 4 -> throw new UnsupportedFeatureException("Tensor messages are not supported", resource, t.absolute());
            case 5 -> throw new UnsupportedFeatureException("SparseTensor messages are not supported", resource,
                    t.absolute());
            default -> throw new UnsupportedFeatureException("unknown MessageHeader type " + tag, resource,
                    t.absolute());
        };
        FbTable h = t.table(HEADER, name);
        if (h == null) throw r.invalid("message of type " + name + " has no header table", t.pos());
        MessageHeader header = switch (tag) {
            case TAG_SCHEMA -> new SchemaHeader(SchemaCodec.read(h, maxFieldDepth));
            case TAG_RECORD_BATCH -> RecordBatchCodec.read(h);
            default -> readDictionaryBatch(h);
        };
        long bodyLength = t.getLong(BODY_LENGTH, "bodyLength", 0);
        if (bodyLength < 0) throw r.invalid("message bodyLength is negative: " + bodyLength, t.pos());
        Map<String, String> metadataMap = CustomMetadata.read(t, METADATA);
        return new Message(version, header, bodyLength, metadataMap);
    }

    private static DictionaryBatchHeader readDictionaryBatch(FbTable t) {
        long id = t.getLong(D_ID, "id", 0);
        FbTable data = t.table(D_DATA, "RecordBatch");
        if (data == null) throw t.reader().invalid("dictionary batch " + id + " has no data", t.pos());
        RecordBatchHeader rb = RecordBatchCodec.read(data);
        return new DictionaryBatchHeader(id, rb, t.getBool(D_IS_DELTA, "isDelta", false));
    }

    /** Reads a MetadataVersion (default V1): negative is invalid, above V5 unsupported. */
    static MetadataVersion readVersion(FbTable t, int slot) {
        short v = t.getShort(slot, "version", (short) 0);
        MetadataVersion[] all = MetadataVersion.values();
        if (v < 0) throw t.reader().invalid("invalid metadata version " + v, t.pos());
        if (v >= all.length) {
            throw new UnsupportedFeatureException("metadata version " + (v + 1) + " is newer than V"
                    + all.length, t.reader().resource(), t.absolute());
        }
        return all[v];
    }

    /**
     * Encodes {@code message} as a Message flatbuffer, byte for byte as Arrow C++ does (its length is a multiple
     * of 4 or 8; the framing pads it).
     */
    public static byte[] encode(Message message) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        MessageHeader h = message.header();
        if (h == null) throw new IllegalArgumentException("message has no header");
        byte tag;
        int header;
        switch (h) {
            case SchemaHeader s -> { tag = TAG_SCHEMA; header = SchemaCodec.write(b, s.schema()); }
            case RecordBatchHeader rb -> { tag = TAG_RECORD_BATCH; header = RecordBatchCodec.write(b, rb); }
            case DictionaryBatchHeader d -> {
                tag = TAG_DICTIONARY_BATCH;
                int data = RecordBatchCodec.write(b, d.data());
                b.startTable(3);
                b.addLong(D_ID, d.id(), 0);
                b.addOffset(D_DATA, data);
                b.addBool(D_IS_DELTA, d.isDelta(), false);
                header = b.endTable();
            }
        }
        int md = CustomMetadata.write(b, message.metadata());
        // Field order of Arrow C++'s CreateMessage: bodyLength, custom_metadata, header, version, header_type.
        b.startTable(5);
        b.addLong(BODY_LENGTH, message.bodyLength(), 0);
        b.addOffset(METADATA, md);
        b.addOffset(HEADER, header);
        writeVersion(b, VERSION, message.version());
        b.addByte(HEADER_TYPE, tag, (byte) 0);
        return b.finish(b.endTable());
    }

    /** Writes the version (V5 when null), omitted when it is the schema's default V1, as Flatbuffers does. */
    static void writeVersion(FlatBufferBuilder b, int slot, MetadataVersion v) {
        b.addShort(slot, (short) (v == null ? MetadataVersion.V5 : v).ordinal(), (short) 0);
    }
}
