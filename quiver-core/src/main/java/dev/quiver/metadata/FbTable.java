package dev.quiver.metadata;

import dev.quiver.metadata.FlatBufferReader.FbVector;

/**
 * A verified Flatbuffers table: its vtable lies inside the buffer and is well formed, and the table's
 * declared size lies inside the buffer. Field accessors check that each field lies inside the table, is
 * aligned to its size, and that offsets to sub-objects stay inside the buffer. {@code slot} is the field's
 * index in the schema (a union takes two slots: its type tag, then its value).
 */
final class FbTable {
    private final FlatBufferReader r;
    private final long pos;
    private final long vtable;
    private final int vsize;
    private final int tsize;
    private final String what;

    FbTable(FlatBufferReader r, long pos, long vtable, int vsize, int tsize, String what) {
        this.r = r;
        this.pos = pos;
        this.vtable = vtable;
        this.vsize = vsize;
        this.tsize = tsize;
        this.what = what;
    }

    /** Position of the table in the buffer. */
    long pos() { return pos; }

    /** Absolute offset of the table in the resource. */
    long absolute() { return r.absolute(pos); }

    FlatBufferReader reader() { return r; }

    /** Position of field {@code slot} of {@code width} bytes, or -1 when absent; checked and aligned. */
    long field(int slot, int width, String name) {
        int vo = 4 + 2 * slot;
        if (vo + 2 > vsize) return -1;
        int off = Short.toUnsignedInt(r.readShort(vtable + vo));
        if (off == 0) return -1;
        if (off < 4 || off + width > tsize) {
            throw r.invalid(what + "." + name + " at table offset " + off + " (" + width
                    + " bytes) lies outside the table's " + tsize + " bytes", vtable + vo);
        }
        long p = pos + off;
        r.checkScalar(p, width, what, ".", name);
        return p;
    }

    boolean has(int slot) {
        int vo = 4 + 2 * slot;
        return vo + 2 <= vsize && r.readShort(vtable + vo) != 0;
    }

    byte getByte(int slot, String name, byte dflt) {
        long p = field(slot, 1, name);
        return p < 0 ? dflt : r.readByte(p);
    }

    /** An unsigned byte (union type tags), 0..255. */
    int getUByte(int slot, String name) {
        return getByte(slot, name, (byte) 0) & 0xFF;
    }

    boolean getBool(int slot, String name, boolean dflt) {
        long p = field(slot, 1, name);
        return p < 0 ? dflt : r.readByte(p) != 0;
    }

    short getShort(int slot, String name, short dflt) {
        long p = field(slot, 2, name);
        return p < 0 ? dflt : r.readShort(p);
    }

    int getInt(int slot, String name, int dflt) {
        long p = field(slot, 4, name);
        return p < 0 ? dflt : r.readInt(p);
    }

    long getLong(int slot, String name, long dflt) {
        long p = field(slot, 8, name);
        return p < 0 ? dflt : r.readLong(p);
    }

    /** Position of the object an offset field points at, or -1 when absent. */
    private long target(int slot, String name) {
        long p = field(slot, 4, name);
        return p < 0 ? -1 : r.follow(p, what, ".", name);
    }

    /** The sub-table in {@code slot}, or null when absent. */
    FbTable table(int slot, String name) {
        long t = target(slot, name);
        return t < 0 ? null : r.table(t, name);
    }

    /** The string in {@code slot}, or null when absent. */
    String string(int slot, String name) {
        long t = target(slot, name);
        return t < 0 ? null : r.string(t, what + "." + name);
    }

    /** The vector in {@code slot}, or null when absent. */
    FbVector vector(int slot, String name, int elemSize) {
        long t = target(slot, name);
        return t < 0 ? null : r.vector(t, elemSize, what, ".", name);
    }

    /** Element {@code i} of a vector of tables. */
    FbTable tableAt(FbVector v, int i, String name) {
        return r.table(r.follow(v.element(i), name + "[" + i + "]"), name);
    }

    /**
     * Element {@code i} of a vector of ints. The vector itself was verified; like the Flatbuffers verifier,
     * element alignment beyond the vector's own 4 bytes is not required.
     */
    int intAt(FbVector v, int i) {
        return r.readInt(v.element(i));
    }

    /** Element {@code i} of a vector of longs. */
    long longAt(FbVector v, int i) {
        return r.readLong(v.element(i));
    }

    /** The long at {@code fieldOffset} inside struct element {@code i} of a vector of structs. */
    long structLong(FbVector v, int i, int fieldOffset) {
        return r.readLong(v.element(i) + fieldOffset);
    }

    /** The int at {@code fieldOffset} inside struct element {@code i} of a vector of structs. */
    int structInt(FbVector v, int i, int fieldOffset) {
        return r.readInt(v.element(i) + fieldOffset);
    }
}
