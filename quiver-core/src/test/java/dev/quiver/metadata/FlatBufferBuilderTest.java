package dev.quiver.metadata;

import dev.quiver.InvalidDataException;
import dev.quiver.memory.LE;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The low-level builder writes aligned buffers that the verifying reader reads back, with the byte layout of the
 * reference (C++) Flatbuffers builder: shared vtables, fields in the order added, padding to the largest
 * alignment used.
 */
class FlatBufferBuilderTest {

    @Test
    void scalarsStringsAndVectorsAreAlignedAndReadBack() {
        FlatBufferBuilder b = new FlatBufferBuilder(16); // small: forces growth
        int s = b.createString("héllo");
        int ints = b.createIntVector(new int[] {1, -2, 3});
        int longs = b.createLongVector(new long[] {Long.MIN_VALUE, 7});
        b.startTable(0);
        int empty = b.endTable();
        int tables = b.createOffsetVector(new int[] {empty, empty});
        b.startTable(9);
        b.addByte(0, (byte) 1, (byte) 0);
        b.addLong(1, 0x1122334455667788L, 0);
        b.addShort(2, (short) -3, (short) 0);
        b.addInt(3, 42, 0);
        b.addBool(4, true, false);
        b.addOffset(5, s);
        b.addOffset(6, ints);
        b.addOffset(7, longs);
        b.addOffset(8, tables);
        byte[] bytes = b.finish(b.endTable());
        assertEquals(0, bytes.length % 8, "padded to 8: it holds a long");

        MemorySegment seg = MemorySegment.ofArray(bytes);
        FlatBufferReader r = new FlatBufferReader(seg, "t", 0);
        FbTable t = r.root("T");
        assertEquals(1, t.getByte(0, "b", (byte) 0));
        assertEquals(0x1122334455667788L, t.getLong(1, "l", 0));
        assertEquals(0, t.field(1, 8, "l") % 8, "long aligned to 8");
        assertEquals(-3, t.getShort(2, "s", (short) 0));
        assertEquals(42, t.getInt(3, "i", 0));
        assertTrue(t.getBool(4, "z", false));
        assertEquals("héllo", t.string(5, "str"));
        FlatBufferReader.FbVector iv = t.vector(6, "ints", 4);
        assertEquals(3, iv.length());
        assertEquals(-2, t.intAt(iv, 1));
        FlatBufferReader.FbVector lv = t.vector(7, "longs", 8);
        assertEquals(0, lv.data() % 8, "long elements aligned to 8");
        assertEquals(Long.MIN_VALUE, t.longAt(lv, 0));
        assertEquals(7, seg.get(LE.LONG, lv.element(1)));
        FlatBufferReader.FbVector tv = t.vector(8, "tables", 4);
        assertEquals(2, tv.length());
        assertEquals(t.tableAt(tv, 0, "E").pos(), t.tableAt(tv, 1, "E").pos());
        // Slots beyond the vtable are absent and read as defaults.
        assertFalse(t.has(20));
        assertEquals(99, t.getInt(20, "missing", 99));
        assertNull(t.string(20, "missing"));
    }

    @Test
    void defaultsAreOmittedUnlessForced() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        b.startTable(3);
        b.addInt(0, 0, 0);
        b.forceShort(1, (short) 0);
        b.addLong(2, 5, 5);
        FbTable t = new FlatBufferReader(MemorySegment.ofArray(b.finish(b.endTable())), "t", 0).root("T");
        assertFalse(t.has(0));
        assertTrue(t.has(1));
        assertFalse(t.has(2));
    }

    /** Tables read back from a buffer whose root holds a vector of them, with the buffer's length. */
    private record Written(MemorySegment seg, FbTable[] tables) {
        /** Position of table {@code i}'s vtable. */
        long vtable(int i) {
            return tables[i].pos() - seg.get(LE.INT, tables[i].pos());
        }
    }

    /** Finishes {@code b} with a root table whose field 0 is a vector of {@code tables}, and reads them back. */
    private static Written inRootVector(FlatBufferBuilder b, int... tables) {
        int v = b.createOffsetVector(tables);
        b.startTable(1);
        b.addOffset(0, v);
        MemorySegment seg = MemorySegment.ofArray(b.finish(b.endTable()));
        FbTable root = new FlatBufferReader(seg, "t", 0).root("T");
        FlatBufferReader.FbVector tv = root.vector(0, "v", 4);
        FbTable[] read = new FbTable[tables.length];
        for (int i = 0; i < read.length; i++) read[i] = root.tableAt(tv, i, "E");
        return new Written(seg, read);
    }

    @Test
    void equalVtablesAreWrittenOnce() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int[] t = new int[3];
        for (int i = 0; i < 3; i++) {
            b.startTable(2);
            b.addInt(1, 10 + i, 0);
            t[i] = b.endTable();
        }
        Written w = inRootVector(b, t);
        for (int i = 0; i < 3; i++) {
            assertEquals(10 + i, w.tables()[i].getInt(1, "i", 0));
            assertEquals(w.vtable(0), w.vtable(i), "table " + i + " uses the first table's vtable");
        }
        // Three 8-byte tables and one 8-byte vtable (the two equal ones dropped), the vector (4 + 3 * 4), the root
        // table (8), its 6-byte vtable, 2 bytes of padding and the root offset.
        assertEquals(3 * 8 + 8 + 16 + 8 + 6 + 2 + 4, w.seg().byteSize());
    }

    @Test
    void paddingInsideATableIsPartOfItsSize() {
        // The second table starts after a 6-byte vtable, so its int is preceded by 2 bytes of padding that belong
        // to it: its vtable records 10 bytes against the first table's 8, and is not shared.
        FlatBufferBuilder b = new FlatBufferBuilder();
        int[] t = new int[2];
        for (int i = 0; i < 2; i++) {
            b.startTable(1);
            b.addInt(0, i + 1, 0);
            t[i] = b.endTable();
        }
        Written w = inRootVector(b, t);
        assertEquals(8, w.seg().get(LE.SHORT, w.vtable(0) + 2), "first table size");
        assertEquals(10, w.seg().get(LE.SHORT, w.vtable(1) + 2), "second table size");
        assertEquals(1, w.tables()[0].getInt(0, "i", 0));
        assertEquals(2, w.tables()[1].getInt(0, "i", 0));
    }

    @Test
    void vtablesOfDifferentFieldsAreNotShared() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        b.startTable(1);
        b.addByte(0, (byte) 1, (byte) 0);
        int small = b.endTable();
        b.startTable(1);
        b.addInt(0, 1, 0);
        int large = b.endTable();
        Written w = inRootVector(b, small, large);
        assertTrue(w.vtable(0) != w.vtable(1));
        assertEquals(1, w.tables()[0].getByte(0, "b", (byte) 0));
        assertEquals(1, w.tables()[1].getInt(0, "i", 0));
    }

    @Test
    void fieldsAreLaidOutInTheOrderAdded() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        b.startTable(3);
        b.addLong(2, 7, 0);   // largest first, as flatc's generated code adds them
        b.addInt(1, 5, 0);
        b.addByte(0, (byte) 3, (byte) 0);
        byte[] bytes = b.finish(b.endTable());
        FbTable t = new FlatBufferReader(MemorySegment.ofArray(bytes), "t", 0).root("T");
        // Back to front: the long is written first, so it lies last; 3 bytes of padding align the vtable offset.
        assertEquals(7, t.field(0, 1, "b") - t.pos());
        assertEquals(8, t.field(1, 4, "i") - t.pos());
        assertEquals(12, t.field(2, 8, "l") - t.pos());
        assertEquals(0, t.field(2, 8, "l") % 8, "long aligned to 8");
    }

    @Test
    void bufferIsPaddedToItsLargestAlignmentOnly() {
        // String "abc" (4 + 3 + NUL = 8 bytes), table (offset 4 + short 2 + 2 padding + vtable offset 4), vtable 8,
        // root offset 4: 32 bytes, aligned to 4 only.
        FlatBufferBuilder b = new FlatBufferBuilder();
        int s = b.createString("abc");
        b.startTable(2);
        b.addOffset(0, s);
        b.addShort(1, (short) 1, (short) 0);
        assertEquals(32, b.finish(b.endTable()).length);
        // An empty vector of 8-byte-aligned structs is not aligned at all: 4 (length) + 12 (table) + 8 (vtable)
        // + 4 (root offset) = 28, not a multiple of 8.
        FlatBufferBuilder e = new FlatBufferBuilder();
        int v = e.createStructVector(16, 0, i -> { });
        e.startTable(2);
        e.addOffset(0, v);
        e.addShort(1, (short) 1, (short) 0);
        assertEquals(28, e.finish(e.endTable()).length);
    }

    @Test
    void misalignedScalarIsRejected() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        b.startTable(2);
        b.addByte(0, (byte) 1, (byte) 0);
        b.addInt(1, 7, 0);
        byte[] bytes = b.finish(b.endTable());
        FbTable t = new FlatBufferReader(MemorySegment.ofArray(bytes), "t", 0).root("T");
        long intPos = t.field(1, 4, "i");
        // Point field 1 one byte further on: inside the table but no longer aligned.
        long vt = t.pos() - MemorySegment.ofArray(bytes).get(LE.INT, t.pos());
        MemorySegment.ofArray(bytes).set(LE.SHORT, vt + 6, (short) (intPos - t.pos() + 1));
        FbTable t2 = new FlatBufferReader(MemorySegment.ofArray(bytes), "t", 0).root("T");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> t2.getInt(1, "i", 0));
        assertTrue(e.getMessage().contains("aligned"), e.getMessage());
    }

    @Test
    void usageErrorsAreCaught() {
        FlatBufferBuilder b = new FlatBufferBuilder();
        b.startTable(1);
        assertThrows(IllegalStateException.class, () -> b.createString("x"));
        assertThrows(IllegalStateException.class, () -> b.startTable(1));
        assertThrows(IllegalArgumentException.class, () -> b.addInt(1, 1, 0));
        b.endTable();
        assertThrows(IllegalStateException.class, () -> b.addInt(0, 1, 0));
    }
}
