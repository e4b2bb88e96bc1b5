package dev.quiver.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Writes a Flatbuffers buffer back to front with the algorithm of the reference (C++) builder, so that the
 * same calls in the same order give the same bytes as Arrow C++: objects are created children first, and each
 * is identified by its distance from the end of the buffer ("offset"); offsets stored in the buffer therefore
 * always point forward.
 *
 * <p>The rules that decide every byte:
 * <ul>
 *   <li>A scalar is aligned to its size before it is written; the largest alignment used so far is the
 *       buffer's alignment, to which {@link #finish} pads (so a finished buffer is a multiple of 4 or 8).</li>
 *   <li>A string or vector is pre-aligned so that its int32 length, written last, needs no padding, and its
 *       elements are aligned to their own alignment (8 for longs and the 8-byte structs of Arrow); an empty
 *       vector is not pre-aligned. A string is followed by one NUL byte.</li>
 *   <li>A table's fields are written in the order they are added (generated code adds them largest first);
 *       a scalar equal to its default is not written. The table starts with an int32 offset to its vtable;
 *       the vtable lists the fields up to the highest present one, so its size is 4 + 2 &times; (highest slot
 *       + 1), or 4 for a table without fields.</li>
 *   <li>Vtables are shared: when a table's vtable equals (size, table size and field offsets) one written
 *       before in this buffer, the new one is dropped and the table points at the old one.</li>
 * </ul>
 *
 * <p>Usage: create strings, vectors and sub-tables first; then {@link #startTable}, add fields,
 * {@link #endTable}; finally {@link #finish} with the root table.
 */
final class FlatBufferBuilder {
    private byte[] buf;
    private int head;             // data occupies buf[head, buf.length)
    private int minAlign = 1;
    private boolean nested;       // a table or vector is being built
    private int numSlots = -1;    // slots of the table being built, -1 when none
    private int tableStart;
    private int[] fieldOffsets = new int[8];
    private int[] fieldSlots = new int[8];
    private int fieldCount;
    private int maxSlot = -1;
    private int[] vtables = new int[8]; // offsets of the vtables written, in the order written
    private int vtableCount;

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

    private void ensure(int bytes) {
        if (head >= bytes) return;
        int used = offset();
        long cap = buf.length;
        while (cap - used < bytes) cap *= 2;
        if (cap > Integer.MAX_VALUE - 8) throw new IllegalStateException("flatbuffer larger than 2 GiB");
        byte[] nb = new byte[(int) cap];
        System.arraycopy(buf, head, nb, nb.length - used, used);
        buf = nb;
        head = nb.length - used;
    }

    private void pad(int bytes) {
        ensure(bytes);
        for (int i = 0; i < bytes; i++) buf[--head] = 0;
    }

    private void trackAlign(int size) {
        if (size > minAlign) minAlign = size;
    }

    /** Pads so that the offset is a multiple of {@code size}. */
    private void align(int size) {
        trackAlign(size);
        pad((-offset()) & (size - 1));
    }

    /** Pads so that after writing {@code len} more bytes the offset is a multiple of {@code alignment}. */
    private void preAlign(int len, int alignment) {
        if (len == 0) return;
        trackAlign(alignment);
        pad((-(offset() + len)) & (alignment - 1));
    }

    private void rawByte(byte v) {
        ensure(1);
        buf[--head] = v;
    }

    private void rawShort(short v) {
        ensure(2);
        head -= 2;
        buf[head] = (byte) v;
        buf[head + 1] = (byte) (v >> 8);
    }

    private void rawInt(int v) {
        ensure(4);
        head -= 4;
        writeInt(head, v);
    }

    private void writeInt(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >> 8);
        buf[at + 2] = (byte) (v >> 16);
        buf[at + 3] = (byte) (v >> 24);
    }

    private void writeShort(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >> 8);
    }

    private void rawLong(long v) {
        rawInt((int) (v >>> 32));
        rawInt((int) v);
    }

    private int pushInt(int v) {
        align(4);
        rawInt(v);
        return offset();
    }

    /** The forward offset, stored at the (4-aligned) current position, to the object at {@code target}. */
    private int referTo(int target) {
        align(4);
        if (target <= 0 || target > offset()) {
            throw new IllegalStateException("offset must point to an object already written");
        }
        return offset() - target + 4;
    }

    // ---- strings and vectors ----------------------------------------------------------------

    int createString(String s) {
        notNested();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        preAlign(b.length + 1, 4);
        pad(1);
        ensure(b.length);
        head -= b.length;
        System.arraycopy(b, 0, buf, head, b.length);
        return pushInt(b.length);
    }

    /** A vector of offsets to tables (or strings), in order. */
    int createOffsetVector(int[] targets) {
        startVector(targets.length, 4, 4);
        for (int i = targets.length - 1; i >= 0; i--) pushInt(referTo(targets[i]));
        return endVector(targets.length);
    }

    int createIntVector(int[] values) {
        startVector(values.length, 4, 4);
        for (int i = values.length - 1; i >= 0; i--) rawInt(values[i]);
        return endVector(values.length);
    }

    int createLongVector(long[] values) {
        startVector(values.length, 8, 8);
        for (int i = values.length - 1; i >= 0; i--) rawLong(values[i]);
        return endVector(values.length);
    }

    /**
     * A vector of {@code count} structs of {@code elemSize} bytes, aligned to 8. {@code writer} is called
     * for each element from the last to the first and must write that element's fields back to front
     * with {@link #structLong}, {@link #structInt} and {@link #structPad}, {@code elemSize} bytes in all.
     */
    int createStructVector(int elemSize, int count, IntConsumer writer) {
        startVector(count, elemSize, 8);
        for (int i = count - 1; i >= 0; i--) {
            int before = offset();
            writer.accept(i);
            if (offset() - before != elemSize) throw new IllegalStateException("struct size mismatch");
        }
        return endVector(count);
    }

    void structLong(long v) { rawLong(v); }
    void structInt(int v) { rawInt(v); }
    void structPad(int bytes) { pad(bytes); }

    private void startVector(int count, int elemSize, int alignment) {
        notNested();
        nested = true;
        int len = Math.multiplyExact(count, elemSize);
        preAlign(len, 4);
        preAlign(len, alignment);
    }

    private int endVector(int count) {
        nested = false;
        return pushInt(count);
    }

    // ---- tables ------------------------------------------------------------------------------

    /** Starts a table whose fields use slots 0 to {@code numSlots - 1}. */
    void startTable(int numSlots) {
        notNested();
        nested = true;
        this.numSlots = numSlots;
        tableStart = offset();
    }

    private void notNested() {
        if (nested) throw new IllegalStateException("a table or vector is being built");
    }

    private void track(int slot) {
        if (numSlots < 0) throw new IllegalStateException("no table is being built");
        if (slot < 0 || slot >= numSlots) throw new IllegalArgumentException("slot " + slot + " of " + numSlots);
        if (fieldCount == fieldOffsets.length) {
            fieldOffsets = Arrays.copyOf(fieldOffsets, fieldCount * 2);
            fieldSlots = Arrays.copyOf(fieldSlots, fieldCount * 2);
        }
        fieldOffsets[fieldCount] = offset();
        fieldSlots[fieldCount] = slot;
        fieldCount++;
        if (slot > maxSlot) maxSlot = slot;
    }

    private void inTable() {
        if (numSlots < 0) throw new IllegalStateException("no table is being built");
    }

    void addByte(int slot, byte v, byte dflt) {
        if (v != dflt) forceByte(slot, v);
    }

    private void forceByte(int slot, byte v) {
        inTable();
        align(1);
        rawByte(v);
        track(slot);
    }

    void addBool(int slot, boolean v, boolean dflt) {
        addByte(slot, (byte) (v ? 1 : 0), (byte) (dflt ? 1 : 0));
    }

    void addShort(int slot, short v, short dflt) {
        if (v != dflt) forceShort(slot, v);
    }

    /** Writes a short even when it equals the default (for tests that need a field present). */
    void forceShort(int slot, short v) {
        inTable();
        align(2);
        rawShort(v);
        track(slot);
    }

    void addInt(int slot, int v, int dflt) {
        if (v != dflt) {
            inTable();
            pushInt(v);
            track(slot);
        }
    }

    void addLong(int slot, long v, long dflt) {
        if (v != dflt) {
            inTable();
            align(8);
            rawLong(v);
            track(slot);
        }
    }

    /** An offset field pointing at an object written before this table was started; 0 means absent. */
    void addOffset(int slot, int target) {
        if (target == 0) return;
        inTable();
        pushInt(referTo(target));
        track(slot);
    }

    int endTable() {
        inTable();
        int table = pushInt(0); // the offset to the vtable, filled in below
        int vtableSize = 4 + 2 * (maxSlot + 1);
        int tableSize = table - tableStart;
        if (tableSize > 0xFFFF || vtableSize > 0xFFFF) throw new IllegalStateException("table too large");
        pad(vtableSize);
        writeShort(head, vtableSize);
        writeShort(head + 2, tableSize);
        for (int i = 0; i < fieldCount; i++) {
            int at = head + 4 + 2 * fieldSlots[i];
            if (buf[at] != 0 || buf[at + 1] != 0) throw new IllegalStateException("slot " + fieldSlots[i] + " set twice");
            writeShort(at, table - fieldOffsets[i]);
        }
        int vtable = offset();
        for (int i = 0; i < vtableCount; i++) {
            int old = buf.length - vtables[i];
            if ((buf[old] & 0xFF | (buf[old + 1] & 0xFF) << 8) == vtableSize
                    && Arrays.equals(buf, head, head + vtableSize, buf, old, old + vtableSize)) {
                vtable = vtables[i];
                head += offset() - table; // drop the new vtable
                break;
            }
        }
        if (vtable == offset()) {
            if (vtableCount == vtables.length) vtables = Arrays.copyOf(vtables, vtableCount * 2);
            vtables[vtableCount++] = vtable;
        }
        // soffset from the table to its vtable: table position minus vtable position.
        writeInt(buf.length - table, vtable - table);
        numSlots = -1;
        nested = false;
        fieldCount = 0;
        maxSlot = -1;
        return table;
    }

    /** Writes the root offset, padded so the buffer's length is a multiple of its largest alignment. */
    byte[] finish(int root) {
        notNested();
        preAlign(4, minAlign);
        pushInt(referTo(root));
        return Arrays.copyOfRange(buf, head, buf.length);
    }
}
