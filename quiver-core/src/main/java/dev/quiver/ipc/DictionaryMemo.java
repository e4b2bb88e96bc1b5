package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.ArrayData;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dictionaries of a stream or file: which field each dictionary id belongs to (from the schema) and the
 * current value of each id (from dictionary batches), with the memory that value reads ({@link Version}). A
 * value that is replaced, or extended by a delta, lets go of its memory; the batches that still use it hold it
 * until they are closed.
 */
final class DictionaryMemo {
    private final Map<Long, Field> fields = new HashMap<>();
    private final Map<Long, String> paths = new HashMap<>();
    private final Map<Long, Version> values = new HashMap<>();
    private long bytes;

    /**
     * The value of one dictionary id at one point of the input, and the counted arenas its buffers live in (those
     * of nested dictionaries included). Each holder (the memo while the value is current, each batch using it)
     * holds all of them.
     */
    static final class Version {
        final ArrayData values;
        final long bytes;
        private final List<CountedArena> memory;

        private Version(ArrayData values, long bytes, List<CountedArena> memory) {
            this.values = values;
            this.bytes = bytes;
            this.memory = memory;
        }

        /**
         * The version of {@code values}, holding those of {@code candidates} that its buffers (children and
         * nested dictionaries included) live in; memory outside them (a mapped file, the heap) lives as long as
         * the reader.
         */
        static Version of(ArrayData values, List<CountedArena> candidates) {
            Set<CountedArena> used = Collections.newSetFromMap(new IdentityHashMap<>());
            collect(values, candidates, used);
            List<CountedArena> memory = List.copyOf(used);
            for (CountedArena a : memory) a.hold();
            return new Version(values, DictionaryMemo.bytes(values), memory);
        }

        private static void collect(ArrayData d, List<CountedArena> candidates, Set<CountedArena> used) {
            for (int i = 0; i < d.bufferCount(); i++) {
                MemorySegment b = d.buffer(i);
                if (b.byteSize() == 0) continue;
                for (CountedArena c : candidates) {
                    if (c.covers(b)) {
                        used.add(c);
                        break;
                    }
                }
            }
            for (int i = 0; i < d.childCount(); i++) collect(d.child(i), candidates, used);
            if (d.dictionary() != null) collect(d.dictionary(), candidates, used);
        }

        /** The counted arenas this version holds. */
        List<CountedArena> memory() {
            return memory;
        }

        void hold() {
            for (CountedArena a : memory) a.hold();
        }

        void release() {
            for (CountedArena a : memory) a.release();
        }
    }

    DictionaryMemo(Schema schema, String resource) {
        for (Field f : schema.fields()) collect(f, f.name(), resource);
    }

    private void collect(Field f, String path, String resource) {
        if (f.dictionary() != null) {
            long id = f.dictionary().id();
            Field previous = fields.putIfAbsent(id, f);
            if (previous != null && !sameValueType(previous, f)) {
                throw new InvalidDataException("dictionary id " + id + " is used by fields of different types ("
                        + paths.get(id) + " and " + path + ")", resource, -1, path);
            }
            paths.putIfAbsent(id, path);
        }
        for (Field c : f.children()) collect(c, path + "." + c.name(), resource);
    }

    private static boolean sameValueType(Field a, Field b) {
        return a.type().equals(b.type()) && a.children().size() == b.children().size();
    }

    /** Bytes of the buffers of {@code d} and its children (not of its dictionary, counted under its own id). */
    static long bytes(ArrayData d) {
        long n = 0;
        for (int i = 0; i < d.bufferCount(); i++) n += d.buffer(i).byteSize();
        for (int i = 0; i < d.childCount(); i++) n += bytes(d.child(i));
        return n;
    }

    boolean isEmpty() { return fields.isEmpty(); }

    /** The field whose values the dictionary with this id holds, or null. */
    Field field(long id) { return fields.get(id); }

    String path(long id) { return paths.get(id); }

    /** The current dictionary with this id, or null when none has been read yet. */
    ArrayData get(long id) {
        Version v = values.get(id);
        return v == null ? null : v.values;
    }

    /** The current version of this id, or null. */
    Version version(long id) { return values.get(id); }

    /** Bytes of every current dictionary. */
    long bytes() { return bytes; }

    /**
     * Makes {@code next} (which holds its memory) the current value of {@code id}; the previous value lets go of
     * its memory.
     */
    void put(long id, Version next) {
        Version old = values.put(id, next);
        bytes += next.bytes - (old == null ? 0 : old.bytes);
        if (old != null) old.release();
    }

    int size() { return fields.size(); }

    java.util.Set<Long> ids() { return fields.keySet(); }
}
