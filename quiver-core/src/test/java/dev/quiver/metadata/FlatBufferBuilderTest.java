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

/** The low-level builder writes aligned buffers that the verifying reader reads back. */
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
        assertEquals(0, bytes.length % 8);

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
        b.endTable();
        assertThrows(IllegalStateException.class, () -> b.addInt(0, 1, 0));
    }
}
