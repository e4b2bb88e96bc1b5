package dev.quiver.ipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An arena shared by the holders that read it: a dictionary's value and every record batch that uses that
 * value. The arena closes when the last holder lets go: a dictionary replaced (or extended by a delta) is
 * released as soon as no batch holds it any more, so dictionary memory stays proportional to what is still
 * used. The creator holds it first (count 1) and lets go once it has handed it over. A batch dropped without
 * being closed never lets go; its arena is then left to the garbage collector ({@link
 * dev.quiver.memory.ReclaimableArena}) and to the reader's close.
 */
final class CountedArena {
    private final Arena arena;
    private int holders = 1;

    CountedArena(Arena arena) {
        this.arena = arena;
    }

    Arena arena() {
        return arena;
    }

    /** Whether {@code s} is memory of this arena. */
    boolean covers(MemorySegment s) {
        return s.isNative() && s.scope().equals(arena.scope());
    }

    synchronized void hold() {
        if (holders == 0) throw new IllegalStateException("dictionary memory already released");
        holders++;
    }

    void release() {
        boolean last;
        synchronized (this) {
            if (holders == 0) return;
            last = --holders == 0;
        }
        if (last) arena.close();
    }
}
