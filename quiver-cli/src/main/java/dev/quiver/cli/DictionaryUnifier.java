package dev.quiver.cli;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.array.Array;
import dev.quiver.array.ArrayConcat;
import dev.quiver.array.ArrayData;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes batches whose dictionaries change from one to the next writable as one IPC file, which allows a
 * dictionary to grow (delta dictionary batches) but never to be replaced: per dictionary id it keeps the dictionary
 * written so far and gives each batch that one, after appending the batch's own dictionary where it is neither a
 * prefix of it nor an extension of it, and adding that dictionary's position to the batch's indices. So batches of
 * several inputs (or of a stream that replaced a dictionary) keep every value they had, and the file holds one
 * dictionary per id, written once and then in deltas. A dictionary whose values hold dictionaries cannot be sent as a
 * delta (as Arrow C++); it is left as it is, for the writer to refuse if it changes.
 */
final class DictionaryUnifier {
    /** Per dictionary id, the dictionary the file holds so far (only ever grows by appending). */
    private final Map<Long, ArrayData> written = new HashMap<>();
    /** Per dictionary id, where each dictionary seen (by identity) starts in the written one. */
    private final Map<Long, Map<ArrayData, Integer>> positions = new HashMap<>();

    /** {@code b}, or a batch over the same columns with dictionaries the file can hold (borrowing {@code b}'s memory). */
    RecordBatch unify(RecordBatch b, String input, int index) {
        List<Array> columns = new ArrayList<>(b.numColumns());
        boolean changed = false;
        for (int c = 0; c < b.numColumns(); c++) {
            ArrayData d = b.column(c).data();
            ArrayData u = unify(b.schema().field(c), d, input, index);
            changed |= u != d;
            columns.add(u == d ? b.column(c) : Array.of(u));
        }
        return changed ? new RecordBatch(b.schema(), b.numRows(), columns, b.metadata(), null, null) : b;
    }

    private ArrayData unify(Field f, ArrayData d, String input, int index) {
        if (f.dictionary() == null) {
            ArrayData[] children = d.children();
            boolean changed = false;
            for (int i = 0; i < children.length && i < f.children().size(); i++) {
                ArrayData u = unify(f.children().get(i), children[i], input, index);
                changed |= u != children[i];
                children[i] = u;
            }
            return changed ? new ArrayData(d.type(), d.length(), d.offset(), d.nullCount(), d.buffers(), children,
                    d.dictionary()) : d;
        }
        if (hasDictionaries(f.children())) return d;
        long id = f.dictionary().id();
        ArrayData dict = d.dictionary();
        Map<ArrayData, Integer> seen = positions.computeIfAbsent(id, k -> new IdentityHashMap<>());
        ArrayData have = written.get(id);
        Integer at = seen.get(dict);
        if (at == null) {
            if (have == null) {
                have = dict.copyTo(Arena.ofAuto());
                written.put(id, have);
                at = 0;
            } else if (dict.length() <= have.length() && same(have.slice(0, dict.length()), dict)) {
                at = 0; // a prefix of what the file holds: the indices point at the same values
            } else if (dict.length() > have.length() && same(have, dict.slice(0, have.length()))) {
                have = dict.copyTo(Arena.ofAuto()); // grown: the writer sends the new values as a delta
                written.put(id, have);
                at = 0;
            } else {
                at = have.length();
                checkIndexRange(f, (long) at + dict.length(), id, input, index);
                have = ArrayConcat.concat(have, dict, Arena.ofAuto());
                written.put(id, have);
            }
            seen.put(dict, at);
        }
        if (at > 0) checkIndexRange(f, (long) at + dict.length(), id, input, index);
        MemorySegment[] buffers = d.buffers();
        if (at > 0) buffers[1] = shifted(d, f.dictionary().indexType(), at);
        return new ArrayData(d.type(), d.length(), d.offset(), d.nullCount(), buffers, d.children(), have);
    }

    private static void checkIndexRange(Field f, long values, long id, String input, int index) {
        ArrowType.Int t = f.dictionary().indexType();
        long max = t.bitWidth() == 64 ? Long.MAX_VALUE : t.signed() ? (1L << (t.bitWidth() - 1)) - 1 : (1L << t.bitWidth()) - 1;
        if (values - 1 > max) {
            throw new UnsupportedFeatureException("batch " + index + ": in one file, dictionary " + id + " (field '"
                    + f.name() + "') would hold " + values + " values, more than its " + t + " indices address: "
                    + "write a stream (--to stream), which may replace dictionaries", input, -1);
        }
    }

    /** The indices of {@code d} plus {@code shift}, in new memory laid out as {@code d}'s (same offset). */
    private static MemorySegment shifted(ArrayData d, ArrowType.Int type, int shift) {
        int width = type.bitWidth() / 8;
        MemorySegment in = d.buffer(1);
        MemorySegment out = Arena.ofAuto().allocate((long) (d.offset() + d.length()) * width, 8);
        for (int i = 0; i < d.length(); i++) {
            if (d.isNull(i)) continue;
            long at = (long) (d.offset() + i) * width;
            switch (width) {
                case 1 -> out.set(LE.BYTE, at, (byte) ((type.signed() ? in.get(LE.BYTE, at) : in.get(LE.BYTE, at) & 0xFF) + shift));
                case 2 -> out.set(LE.SHORT, at, (short) ((type.signed() ? in.get(LE.SHORT, at) : in.get(LE.SHORT, at) & 0xFFFF) + shift));
                case 4 -> out.set(LE.INT, at, in.get(LE.INT, at) + shift);
                default -> out.set(LE.LONG, at, in.get(LE.LONG, at) + shift);
            }
        }
        return out;
    }

    private static boolean hasDictionaries(List<Field> fields) {
        for (Field f : fields) if (f.dictionary() != null || hasDictionaries(f.children())) return true;
        return false;
    }

    private static boolean same(ArrayData a, ArrayData b) {
        return a == b || ArrayEquality.compare(a, b) == null;
    }
}
