package dev.quiver.metadata;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.UnsupportedFeatureException;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import dev.quiver.metadata.MessageHeader.SchemaHeader;
import dev.quiver.testing.TestData;
import dev.quiver.type.Field;
import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Malformed and hostile metadata: every failure is a QuiverException that says where. */
class MetadataHostileInputTest {
    private static final long BASE = 1000;

    private static byte[] realMessage(String name, int index) {
        MemorySegment data = IpcTestFiles.read(TestData.gold("cpp-21.0.0", name, ".stream"));
        IpcTestFiles.Frame f = IpcTestFiles.streamMessages(data, 0).get(index);
        return f.metadata().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    private static Message decode(byte[] b) {
        return MessageCodec.decode(MemorySegment.ofArray(b), "hostile", BASE);
    }

    private static <T extends QuiverException> T assertFails(Class<T> type, byte[] b, String... fragments) {
        T e = assertThrows(type, () -> decode(b));
        assertTrue(e.getMessage().contains("at byte"), e.getMessage());
        assertTrue(e.offset() >= BASE && e.offset() <= BASE + b.length, e.getMessage());
        assertEquals("hostile", e.resource());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), () -> e.getMessage() + " lacks " + f);
        return e;
    }

    private static void putInt(byte[] b, long pos, int v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt((int) pos, v);
    }

    private static void putShort(byte[] b, long pos, int v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort((int) pos, (short) v);
    }

    private static FlatBufferReader reader(byte[] b) {
        return new FlatBufferReader(MemorySegment.ofArray(b), "t", 0);
    }

    // ---- corrupted real messages -------------------------------------------------------------

    @Test
    void truncatedAtEveryLength() {
        byte[] full = realMessage("nested", 0);
        Message expected = decode(full);
        int decoded = 0;
        for (int len = 0; len < full.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(full, len);
            try {
                IpcTestFiles.assertMessageEquals(expected, decode(cut));
                decoded++; // only trailing padding was cut
            } catch (InvalidDataException e) {
                assertTrue(e.getMessage().contains("at byte"), e.getMessage());
            }
        }
        assertTrue(decoded < 8, "decoded " + decoded + " truncated copies");
    }

    /** Schema, record batch and dictionary batch messages of real files. */
    private static List<byte[]> realMessages() {
        return List.of(realMessage("primitive", 0), realMessage("nested", 0), realMessage("union", 0),
                realMessage("dictionary", 0), realMessage("primitive", 1), realMessage("dictionary", 1),
                realMessage("datetime", 0), realMessage("custom_metadata", 0));
    }

    private static void decodeOrFailCleanly(byte[] b, String what) {
        try {
            decode(b);
        } catch (QuiverException e) {
            assertTrue(e.getMessage().contains("at byte") && e.offset() >= BASE, () -> what + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            fail(what + " threw " + e, e);
        }
    }

    @Test
    void everyByteFlippedDecodesOrFailsCleanly() {
        List<byte[]> messages = realMessages();
        for (int m = 0; m < messages.size(); m++) {
            byte[] full = messages.get(m);
            for (int i = 0; i < full.length; i++) {
                for (int mask : new int[] {0xFF, 0x01}) {
                    byte[] b = full.clone();
                    b[i] ^= (byte) mask;
                    decodeOrFailCleanly(b, "message " + m + " byte " + i + " ^ " + mask);
                }
            }
        }
    }

    @Test
    void randomCorruptionDecodesOrFailsCleanly() {
        java.util.Random rnd = new java.util.Random(20240601L);
        List<byte[]> messages = realMessages();
        for (int round = 0; round < 4000; round++) {
            byte[] b = messages.get(round % messages.size()).clone();
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(b.length);
                switch (rnd.nextInt(3)) {
                    case 0 -> b[at] = (byte) rnd.nextInt();
                    case 1 -> { if (at + 4 <= b.length) putInt(b, at & ~3, rnd.nextInt(b.length * 2) - b.length / 2); }
                    default -> { if (at + 2 <= b.length) putShort(b, at & ~1, rnd.nextInt(64)); }
                }
            }
            decodeOrFailCleanly(b, "round " + round);
        }
    }

    @Test
    void rootOffsetPastEnd() {
        byte[] b = realMessage("primitive", 0);
        putInt(b, 0, b.length + 100);
        assertFails(InvalidDataException.class, b, "past the end", "at byte 1000");
    }

    @Test
    void rootOffsetNegativeLooking() {
        byte[] b = realMessage("primitive", 0);
        putInt(b, 0, 0xFFFFFFF0);
        assertFails(InvalidDataException.class, b, "past the end");
    }

    @Test
    void rootOffsetZeroPointsAtItself() {
        byte[] b = realMessage("primitive", 0);
        putInt(b, 0, 0);
        assertFails(InvalidDataException.class, b, "points at itself");
    }

    @Test
    void tooShort() {
        assertFails(InvalidDataException.class, new byte[] {8, 0, 0}, "too short");
        assertFails(InvalidDataException.class, new byte[0], "too short");
    }

    @Test
    void vtableOutsideBuffer() {
        byte[] b = realMessage("primitive", 0);
        long root = reader(b).follow(0, "root");
        putInt(b, root, -(b.length * 2));   // vtable = table - soffset: far past the end
        assertFails(InvalidDataException.class, b, "vtable", "outside");
        putInt(b, root, (int) root + 8);    // vtable before the start
        assertFails(InvalidDataException.class, b, "vtable", "outside");
    }

    @Test
    void vtableThatIsTheTableItself() {
        byte[] b = realMessage("primitive", 0);
        long root = reader(b).follow(0, "root");
        putInt(b, root, 0);                 // soffset 0: the vtable is read from the table's own header
        assertFails(InvalidDataException.class, b, "vtable");
    }

    @Test
    void vtableWithOddOrTinySize() {
        byte[] b = realMessage("primitive", 0);
        FbTable t = reader(b).root("Message");
        long vt = t.pos() - ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt((int) t.pos());
        byte[] odd = b.clone();
        putShort(odd, vt, 7);
        assertFails(InvalidDataException.class, odd, "vtable", "size 7");
        byte[] tiny = b.clone();
        putShort(tiny, vt, 2);
        assertFails(InvalidDataException.class, tiny, "vtable");
        byte[] huge = b.clone();
        putShort(huge, vt, 0xFFFE);
        assertFails(InvalidDataException.class, huge, "vtable");
    }

    @Test
    void fieldOutsideDeclaredTableSize() {
        byte[] b = realMessage("primitive", 0);
        FbTable t = reader(b).root("Message");
        long vt = t.pos() - ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt((int) t.pos());
        putShort(b, vt + 2, 4);             // table declares only its 4-byte header
        assertFails(InvalidDataException.class, b, "outside the table");
    }

    @Test
    void misalignedTable() {
        byte[] b = realMessage("primitive", 0);
        long root = reader(b).follow(0, "root");
        putInt(b, 0, (int) root + 2);
        assertFails(InvalidDataException.class, b, "aligned");
    }

    @Test
    void hugeVectorLength() {
        byte[] b = realMessage("primitive", 0);
        FlatBufferReader r = reader(b);
        FbTable schema = r.root("Message").table(2, "Schema");
        long vec = r.follow(schema.field(1, 4, "fields"), "fields");
        putInt(b, vec, 0x7fffffff);
        assertFails(InvalidDataException.class, b, "2147483647 elements", "at byte " + (BASE + vec));
        putInt(b, vec, 0xffffffff);
        assertFails(InvalidDataException.class, b, "4294967295 elements");
    }

    @Test
    void stringWithoutTerminatorOrBadUtf8() {
        byte[] b = realMessage("primitive", 0);
        FlatBufferReader r = reader(b);
        FbTable schema = r.root("Message").table(2, "Schema");
        FlatBufferReader.FbVector fields = schema.vector(1, "fields", 4);
        FbTable field0 = schema.tableAt(fields, 0, "Field");
        long str = r.follow(field0.field(0, 4, "name"), "name");
        int len = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt((int) str);
        byte[] noNul = b.clone();
        noNul[(int) str + 4 + len] = 'x';
        assertFails(InvalidDataException.class, noNul, "NUL");
        byte[] badUtf8 = b.clone();
        badUtf8[(int) str + 4] = (byte) 0xC3;
        badUtf8[(int) str + 5] = (byte) 0x28;
        assertFails(InvalidDataException.class, badUtf8, "UTF-8");
        byte[] tooLong = b.clone();
        putInt(tooLong, str, b.length);
        assertFails(InvalidDataException.class, tooLong, "string");
    }

    // ---- hand-built hostile buffers ----------------------------------------------------------

    /** A Field table with the given raw type (union tag and table offset) and child offsets. */
    private static int rawField(FlatBufferBuilder b, String name, int tag, int type, int... children) {
        int n = b.createString(name);
        int cv = b.createOffsetVector(children);
        b.startTable(7);
        b.addOffset(0, n);
        b.addOffset(3, type);
        b.addOffset(5, cv);
        b.addByte(2, (byte) tag, (byte) 0);
        b.addBool(1, true, false);
        return b.endTable();
    }

    private static int emptyTable(FlatBufferBuilder b) {
        b.startTable(0);
        return b.endTable();
    }

    private static int intTable(FlatBufferBuilder b, int bitWidth) {
        b.startTable(2);
        b.addInt(0, bitWidth, 0);
        b.addBool(1, true, false);
        return b.endTable();
    }

    /** A schema message around the given top-level field offsets. */
    private static byte[] rawSchemaMessage(FlatBufferBuilder b, int... fields) {
        int fv = b.createOffsetVector(fields);
        b.startTable(4);
        b.addOffset(1, fv);
        int schema = b.endTable();
        b.startTable(5);
        b.addOffset(2, schema);
        b.forceShort(0, (short) 4);
        b.addByte(1, (byte) 1, (byte) 0);
        return b.finish(b.endTable());
    }

    @Test
    void invalidTypeParameterNamesFieldPath() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int x = rawField(b, "x", 2, intTable(b, 7));
        int items = rawField(b, "items", 12, emptyTable(b), x);
        int s = rawField(b, "s", 13, emptyTable(b), items);
        byte[] msg = rawSchemaMessage(b, s);
        InvalidDataException e = assertFails(InvalidDataException.class, msg, "Int bitWidth", "7");
        assertEquals("s.items.x", e.fieldPath());
        assertTrue(e.getMessage().contains("field 's.items.x'"), e.getMessage());
    }

    @Test
    void typeParameterChecks() {
        record Case(int tag, String fragment, java.util.function.ToIntFunction<FlatBufferBuilder> type) {}
        List<Case> cases = List.of(
                new Case(2, "bitWidth", bb -> intTable(bb, 0)),         // Int without bitWidth: default 0
                new Case(7, "Decimal bitWidth", bb -> {
                    bb.startTable(3); bb.addInt(0, 5, 0); bb.addInt(2, 100, 128); return bb.endTable(); }),
                new Case(7, "precision", bb -> {                          // precision default 0
                    bb.startTable(3); return bb.endTable(); }),
                new Case(9, "must be 64 bits", bb -> {                   // MICROSECOND with default 32 bits
                    bb.startTable(2); bb.addShort(0, (short) 2, (short) 1); return bb.endTable(); }),
                new Case(9, "unknown Time unit", bb -> {
                    bb.startTable(2); bb.addShort(0, (short) 9, (short) 1); return bb.endTable(); }),
                new Case(15, "negative", bb -> {
                    bb.startTable(1); bb.addInt(0, -3, 0); return bb.endTable(); }),
                new Case(16, "negative", bb -> {
                    bb.startTable(1); bb.addInt(0, -1, 0); return bb.endTable(); }),
                new Case(3, "precision", bb -> {
                    bb.startTable(1); bb.addShort(0, (short) 3, (short) 0); return bb.endTable(); }),
                new Case(8, "Date unit", bb -> {
                    bb.startTable(1); bb.addShort(0, (short) -1, (short) 1); return bb.endTable(); }));
        for (Case c : cases) {
            FlatBufferBuilder b = new FlatBufferBuilder();
            int type = c.type().applyAsInt(b);
            int f = rawField(b, "col", c.tag(), type);
            InvalidDataException e = assertFails(InvalidDataException.class, rawSchemaMessage(b, f), c.fragment());
            assertEquals("col", e.fieldPath());
        }
    }

    @Test
    void unknownTypeTagIsUnsupported() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int f = rawField(b, "future", 99, emptyTable(b));
        UnsupportedFeatureException e = assertFails(UnsupportedFeatureException.class, rawSchemaMessage(b, f), "99");
        assertEquals("future", e.fieldPath());
    }

    @Test
    void missingTypeIsInvalid() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int name = b.createString("none");
        b.startTable(7);
        b.addOffset(0, name);
        int f = b.endTable();
        assertFails(InvalidDataException.class, rawSchemaMessage(b, f), "no type");
    }

    @Test
    void wrongChildCounts() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int list = rawField(b, "l", 12, emptyTable(b));
        assertEquals("l", assertFails(InvalidDataException.class, rawSchemaMessage(b, list), "needs 1 child")
                .fieldPath());
        b = new FlatBufferBuilder();
        int c = rawField(b, "c", 6, emptyTable(b));
        int i32 = rawField(b, "i", 2, intTable(b, 32), c);
        assertFails(InvalidDataException.class, rawSchemaMessage(b, i32), "cannot have children");
        b = new FlatBufferBuilder();
        int k = rawField(b, "k", 5, emptyTable(b));
        int map = rawField(b, "m", 17, emptyTable(b), k);
        assertFails(InvalidDataException.class, rawSchemaMessage(b, map), "Map");
    }

    @Test
    void tensorHeadersAreUnsupported() {
        for (int tag : new int[] {4, 5}) {
            FlatBufferBuilder b = new FlatBufferBuilder();
            int tensor = emptyTable(b);
            b.startTable(5);
            b.addOffset(2, tensor);
            b.forceShort(0, (short) 4);
            b.addByte(1, (byte) tag, (byte) 0);
            byte[] msg = b.finish(b.endTable());
            assertFails(UnsupportedFeatureException.class, msg, tag == 4 ? "Tensor" : "SparseTensor");
        }
    }

    @Test
    void messageWithoutHeader() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        b.startTable(5);
        b.forceShort(0, (short) 4);
        assertFails(InvalidDataException.class, b.finish(b.endTable()), "no header");
    }

    @Test
    void fieldsNestedBeyondTheLimit() {
        Field f = Field.nullable("leaf", ArrowTypes.INT32);
        for (int i = 0; i < 999; i++) f = Field.nullable("n", ArrowTypes.STRUCT, f);
        byte[] msg = MessageCodec.encode(new Message(MetadataVersion.V5, new SchemaHeader(Schema.of(f)), 0, null));
        LimitExceededException e = assertFails(LimitExceededException.class, msg, "nested more than 64");
        assertEquals(65, e.fieldPath().split("\\.").length);
    }

    @Test
    void depthLimitIsExact() {
        Field f64 = Field.nullable("leaf", ArrowTypes.INT32);
        for (int i = 1; i < 64; i++) f64 = Field.nullable("n", ArrowTypes.STRUCT, f64);
        Schema ok = Schema.of(f64);
        byte[] msg = MessageCodec.encode(new Message(MetadataVersion.V5, new SchemaHeader(ok), 0, null));
        assertEquals(ok, ((SchemaHeader) decode(msg).header()).schema());
        byte[] deeper = MessageCodec.encode(new Message(MetadataVersion.V5,
                new SchemaHeader(Schema.of(Field.nullable("top", ArrowTypes.STRUCT, f64))), 0, null));
        assertFails(LimitExceededException.class, deeper, "nested");
        MessageCodec.decode(MemorySegment.ofArray(deeper), "x", 0, 65);
    }

    @Test
    void sharedSubObjectsCannotCauseExponentialWork() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int node = rawField(b, "leaf", 6, emptyTable(b));
        int struct = emptyTable(b);
        for (int i = 0; i < 60; i++) node = rawField(b, "d", 13, struct, node, node); // 2^60 paths
        byte[] msg = rawSchemaMessage(b, node);
        assertFails(LimitExceededException.class, msg, "tables");
    }

    @Test
    void negativeNodeAndBufferValuesNameTheIndex() {
        RecordBatchHeader badNode = new RecordBatchHeader(3, new long[] {3, -1}, new long[] {0, 0},
                new long[] {0}, new long[] {8}, null, null);
        assertFails(InvalidDataException.class,
                MessageCodec.encode(new Message(MetadataVersion.V5, badNode, 8, null)), "field node 1", "-1");
        RecordBatchHeader badNulls = new RecordBatchHeader(3, new long[] {3}, new long[] {-2},
                new long[] {0}, new long[] {8}, null, null);
        assertFails(InvalidDataException.class,
                MessageCodec.encode(new Message(MetadataVersion.V5, badNulls, 8, null)), "field node 0", "null count");
        RecordBatchHeader badBuffer = new RecordBatchHeader(3, new long[] {3}, new long[] {0},
                new long[] {0, -8}, new long[] {8, 8}, null, null);
        assertFails(InvalidDataException.class,
                MessageCodec.encode(new Message(MetadataVersion.V5, badBuffer, 8, null)), "buffer 1", "offset");
        RecordBatchHeader badLength = new RecordBatchHeader(3, new long[] {3}, new long[] {0},
                new long[] {0}, new long[] {-8}, null, null);
        assertFails(InvalidDataException.class,
                MessageCodec.encode(new Message(MetadataVersion.V5, badLength, 8, null)), "buffer 0", "length");
        RecordBatchHeader ok = new RecordBatchHeader(3, new long[0], new long[0], new long[0], new long[0], null, null);
        assertFails(InvalidDataException.class,
                MessageCodec.encode(new Message(MetadataVersion.V5, ok, -8, null)), "bodyLength");
    }

    @Test
    void negativeBlockInFooter() {
        Footer footer = new Footer(MetadataVersion.V5, Schema.of(Field.nullable("a", ArrowTypes.INT8)),
                List.of(new Block(8, 16, 0)), List.of(new Block(8, 16, 0), new Block(-5, 16, 0)), Map.of());
        byte[] b = FooterCodec.encode(footer);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> FooterCodec.decode(MemorySegment.ofArray(b), "file.arrow", 5000));
        assertTrue(e.getMessage().contains("recordBatches block 1"), e.getMessage());
        assertTrue(e.getMessage().contains("file.arrow") && e.offset() > 5000, e.getMessage());
    }

    @Test
    void footerFlippedBytesDecodeOrFailCleanly() {
        MemorySegment file = IpcTestFiles.read(TestData.gold("cpp-21.0.0", "dictionary", ".arrow_file"));
        byte[] footer = IpcTestFiles.footer(file).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        for (int i = 0; i < footer.length; i++) {
            byte[] b = footer.clone();
            b[i] ^= (byte) 0xFF;
            try {
                FooterCodec.decode(MemorySegment.ofArray(b), "f", 0);
            } catch (QuiverException e) {
                assertInstanceOf(QuiverException.class, e);
            }
        }
    }
}
