package dev.quiver.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Writes a Flatbuffers buffer back to front, like the reference builder: objects are created children
 * first, and each is identified by its distance from the end of the buffer ("offset"). Offsets stored in
 * the buffer therefore always point forward. Scalars are aligned to their size, tables and vectors to 4,
 * vectors of 8-byte structs to 8, and the finished buffer's length is a multiple of 8, so the verifiers of
 * Arrow C++, Java and Rust accept it.
 *
 * <p>Usage: create strings, vectors and sub-tables first; then {@link #startTable}, add fields,
 * {@link #endTable}; finally {@link #finish} with the root table.
 */
final class FlatBufferBuilder {
    private byte[] buf;
    private int head;             // data occupies buf[head, buf.length)
    private int minAlign = 8;
    private int[] slots;          // field offsets of the table being built, 0 = absent
    private int tableStart = -1;

    FlatBufferBuilder() {
        this(256);
    }

    FlatBufferBuilder(int capacity) {
        buf = new byte[Math.max(16, capacity)];
        head = buf.length;
    }

    /** Current size of the written data: the offset of the object last written. */
    int offset() {
        return buf.length - head;
    }

    private void grow(int needed) {
        int used = offset();
        long cap = buf.length;
        while (cap - used < needed) cap *= 2;
        if (cap > Integer.MAX_VALUE - 8) throw new IllegalStateException("flatbuffer larger than 2 GiB");
        byte[] nb = new byte[(int) cap];
        System.arraycopy(buf, head, nb, nb.length - used, used);
        buf = nb;
        head = nb.length - used;
    }

    /** Pads so that after writing {@code additional} bytes the offset is a multiple of {@code size}. */
    private void prep(int size, int additional) {
        if (size > minAlign) minAlign = size;
        int pad = (-(offset() + additional)) & (size - 1);
        if (head < pad + size + additional) grow(pad + size + additional);
        for (int i = 0; i < pad; i++) buf[--head] = 0;
    }

    private void putByte(byte v) {
        buf[--head] = v;
    }

    private void putShort(short v) {
        head -= 2;
        buf[head] = (byte) v;
        buf[head + 1] = (byte) (v >> 8);
    }

    private void putInt(int v) {
        head -= 4;
        writeInt(head, v);
    }

    private void writeInt(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >> 8);
        buf[at + 2] = (byte) (v >> 16);
        buf[at + 3] = (byte) (v >> 24);
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    /** Writes a forward offset to the object at {@code target}. */
    private void putOffset(int target) {
        prep(4, 0);
        if (target > offset()) throw new IllegalStateException("offset must point to an object already written");
        putInt(offset() - target + 4);
    }

    // ---- strings and vectors ----------------------------------------------------------------

    int createString(String s) {
        notInTable();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        prep(4, b.length + 1);
        putByte((byte) 0);
        head -= b.length;
        System.arraycopy(b, 0, buf, head, b.length);
        putInt(b.length);
        return offset();
    }

    /** A vector of offsets to tables (or strings), in order. */
    int createOffsetVector(int[] targets) {
        notInTable();
        prep(4, 4 * targets.length);
        for (int i = targets.length - 1; i >= 0; i--) putOffset(targets[i]);
        putInt(targets.length);
        return offset();
    }

    int createIntVector(int[] values) {
        notInTable();
        prep(4, 4 * values.length);
        for (int i = values.length - 1; i >= 0; i--) putInt(values[i]);
        putInt(values.length);
        return offset();
    }

    int createLongVector(long[] values) {
        startVector(8, values.length, 8);
        for (int i = values.length - 1; i >= 0; i--) putLong(values[i]);
        return endVector(values.length);
    }

    /**
     * A vector of {@code count} structs of {@code elemSize} bytes, aligned to 8. {@code writer} is called
     * for each element from the last to the first and must write that element's fields back to front
     * with {@link #structLong}, {@link #structInt} and {@link #structPad}, {@code elemSize} bytes in all.
     */
    int createStructVector(int elemSize, int count, IntConsumer writer) {
        startVector(elemSize, count, 8);
        for (int i = count - 1; i >= 0; i--) {
            int before = head;
            writer.accept(i);
            if (before - head != elemSize) throw new IllegalStateException("struct size mismatch");
        }
        return endVector(count);
    }

    void structLong(long v) { putLong(v); }
    void structInt(int v) { putInt(v); }
    void structPad(int bytes) { for (int i = 0; i < bytes; i++) putByte((byte) 0); }

    private void startVector(int elemSize, int count, int align) {
        notInTable();
        prep(4, elemSize * count);
        prep(align, elemSize * count);
    }

    private int endVector(int count) {
        prep(4, 0);
        putInt(count);
        return offset();
    }

    // ---- tables ------------------------------------------------------------------------------

    void startTable(int numSlots) {
        notInTable();
        slots = new int[numSlots];
        tableStart = offset();
    }

    private void notInTable() {
        if (tableStart >= 0) throw new IllegalStateException("a table is being built");
    }

    private void inTable() {
        if (tableStart < 0) throw new IllegalStateException("no table is being built");
    }

    void addByte(int slot, byte v, byte dflt) {
        if (v != dflt) { inTable(); prep(1, 0); putByte(v); slots[slot] = offset(); }
    }

    void addBool(int slot, boolean v, boolean dflt) {
        addByte(slot, (byte) (v ? 1 : 0), (byte) (dflt ? 1 : 0));
    }

    void addShort(int slot, short v, short dflt) {
        if (v != dflt) forceShort(slot, v);
    }

    /** Writes a short even when it equals the default. */
    void forceShort(int slot, short v) {
        inTable();
        prep(2, 0);
        putShort(v);
        slots[slot] = offset();
    }

    void addInt(int slot, int v, int dflt) {
        if (v != dflt) { inTable(); prep(4, 0); putInt(v); slots[slot] = offset(); }
    }

    void addLong(int slot, long v, long dflt) {
        if (v != dflt) { inTable(); prep(8, 0); putLong(v); slots[slot] = offset(); }
    }

    /** An offset field pointing at an object written before this table was started. */
    void addOffset(int slot, int target) {
        inTable();
        putOffset(target);
        slots[slot] = offset();
    }

    int endTable() {
        inTable();
        prep(4, 0);
        putInt(0); // placeholder for the offset to the vtable
        int table = offset();
        int n = slots.length;
        while (n > 0 && slots[n - 1] == 0) n--;
        int tableSize = table - tableStart;
        int vtableSize = 4 + 2 * n;
        if (tableSize > 0xFFFF || vtableSize > 0xFFFF) throw new IllegalStateException("table too large");
        prep(2, vtableSize);
        for (int i = n - 1; i >= 0; i--) putShort((short) (slots[i] == 0 ? 0 : table - slots[i]));
        putShort((short) tableSize);
        putShort((short) vtableSize);
        int vtable = offset();
        // soffset: table position minus vtable position; the vtable sits just before the table.
        writeInt(buf.length - table, vtable - table);
        slots = null;
        tableStart = -1;
        return table;
    }

    /** Writes the root offset and returns the finished buffer; its length is a multiple of 8. */
    byte[] finish(int root) {
        notInTable();
        prep(minAlign, 4);
        putOffset(root);
        return Arrays.copyOfRange(buf, head, buf.length);
    }
}
