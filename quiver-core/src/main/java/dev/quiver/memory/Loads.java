package dev.quiver.memory;

import java.lang.foreign.MemorySegment;

/**
 * Little-endian loads for hot accessors, split by the kind of segment. The JIT inlines a segment access for the
 * segment classes it has seen at that call site; one call site fed heap, allocated and mapped segments alike
 * (three classes) stops being inlined and becomes several times slower. Here heap segments and native segments
 * (allocated or mapped) each have call sites of their own, chosen by a flag the caller computes once per buffer
 * with {@link MemorySegment#isNative()}; the caller branches on it itself ({@code isNative ? intNative(..) :
 * intHeap(..)}), so that the branch profile is its own too and code that only ever reads heap (or native) memory
 * compiles only that path. Every load is an ordinary bounds- and liveness-checked segment access.
 */
public final class Loads {
    private Loads() {}

    public static int intNative(MemorySegment s, long offset) {
        return s.get(LE.INT, offset);
    }

    public static int intHeap(MemorySegment s, long offset) {
        return s.get(LE.INT, offset);
    }

    public static long longNative(MemorySegment s, long offset) {
        return s.get(LE.LONG, offset);
    }

    public static long longHeap(MemorySegment s, long offset) {
        return s.get(LE.LONG, offset);
    }
}
