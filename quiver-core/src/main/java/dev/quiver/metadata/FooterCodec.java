package dev.quiver.metadata;

import dev.quiver.metadata.FlatBufferReader.FbVector;
import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code Footer} table of File.fbs (the index at the end of an IPC file) to and from {@link Footer}.
 * Blocks are 24-byte structs: offset (long), metaDataLength (int), 4 bytes of padding, bodyLength (long).
 */
public final class FooterCodec {
    private FooterCodec() {}

    private static final int VERSION = 0, SCHEMA = 1, DICTIONARIES = 2, RECORD_BATCHES = 3, METADATA = 4;
    private static final int BLOCK_SIZE = 24;

    /**
     * Decodes the Footer flatbuffer in {@code footer}.
     *
     * @param footer     exactly the footer bytes
     * @param resource   name of the file, for error messages
     * @param baseOffset absolute offset of {@code footer} within the file, for error messages
     */
    public static Footer decode(MemorySegment footer, String resource, long baseOffset) {
        return decode(footer, resource, baseOffset, SchemaCodec.DEFAULT_MAX_FIELD_DEPTH);
    }

    /** As {@link #decode(MemorySegment, String, long)} with a limit on the nesting depth of schema fields. */
    public static Footer decode(MemorySegment footer, String resource, long baseOffset, int maxFieldDepth) {
        FlatBufferReader r = new FlatBufferReader(footer, resource, baseOffset);
        FbTable t = r.root("Footer");
        MetadataVersion version = MessageCodec.readVersion(t, VERSION);
        FbTable st = t.table(SCHEMA, "Schema");
        if (st == null) throw r.invalid("file footer has no schema", t.pos());
        Schema schema = SchemaCodec.read(st, maxFieldDepth);
        List<Block> dictionaries = readBlocks(t, DICTIONARIES, "dictionaries");
        List<Block> batches = readBlocks(t, RECORD_BATCHES, "recordBatches");
        Map<String, String> metadata = CustomMetadata.read(t, METADATA);
        return new Footer(version, schema, dictionaries, batches, metadata, t.has(METADATA));
    }

    private static List<Block> readBlocks(FbTable t, int slot, String name) {
        FbVector v = t.vector(slot, name, BLOCK_SIZE);
        if (v == null) return List.of();
        FlatBufferReader r = t.reader();
        List<Block> blocks = new ArrayList<>(v.length());
        for (int i = 0; i < v.length(); i++) {
            long offset = t.structLong(v, i, 0);
            int metaDataLength = t.structInt(v, i, 8);
            long bodyLength = t.structLong(v, i, 16);
            String which = name + " block " + i;
            if (offset < 0) throw r.invalid(which + " has negative offset " + offset, v.element(i));
            if (metaDataLength < 0) {
                throw r.invalid(which + " has negative metaDataLength " + metaDataLength, v.element(i) + 8);
            }
            if (bodyLength < 0) throw r.invalid(which + " has negative bodyLength " + bodyLength, v.element(i) + 16);
            blocks.add(new Block(offset, metaDataLength, bodyLength));
        }
        return blocks;
    }

    /**
     * Encodes {@code footer} as a Footer flatbuffer, byte for byte as Arrow C++ does: schema, dictionary blocks,
     * record batch blocks, metadata, then the table. Its length is a multiple of 4, not always of 8.
     */
    public static byte[] encode(Footer footer) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int schema = SchemaCodec.write(b, footer.schema());
        int dictionaries = writeBlocks(b, footer.dictionaries());
        int batches = writeBlocks(b, footer.recordBatches());
        int md = footer.metadataPresent() ? CustomMetadata.writeVector(b, footer.metadata()) : 0;
        // Field order of Arrow C++'s CreateFooter: the offsets last declared first, then the version.
        b.startTable(5);
        b.addOffset(METADATA, md);
        b.addOffset(RECORD_BATCHES, batches);
        b.addOffset(DICTIONARIES, dictionaries);
        b.addOffset(SCHEMA, schema);
        MessageCodec.writeVersion(b, VERSION, footer.version());
        return b.finish(b.endTable());
    }

    private static int writeBlocks(FlatBufferBuilder b, List<Block> blocks) {
        return b.createStructVector(BLOCK_SIZE, blocks.size(), i -> {
            Block k = blocks.get(i);
            b.structLong(k.bodyLength());
            b.structPad(4);
            b.structInt(k.metaDataLength());
            b.structLong(k.offset());
        });
    }
}
