package dev.quiver.memory;

import java.lang.foreign.MemorySegment;

/**
 * Little-endian loads for hot accessors, split by the kind of segment. The JIT inlines a segment access for the
 * segment classes it has seen at that call site; one call site fed heap, allocated and mapped segments alike
 * (three classes) stops being inlined and becomes several times slower. Here heap segments and native segments
 * (allocated or mapped) each have call sites of their own, chosen by a flag the caller computes once per buffer
 * with {@link MemorySegment#isNative()}. Every load is an ordinary bounds- and liveness-checked segment access.
 */
public final class Loads {
    private Loads() {}

    public static int getInt(MemorySegment s, boolean isNative, long offset) {
        return isNative ? intNative(s, offset) : intHeap(s, offset);
    }

    public static long getLong(MemorySegment s, boolean isNative, long offset) {
        return isNative ? longNative(s, offset) : longHeap(s, offset);
    }

    private static int intNative(MemorySegment s, long offset) {
        return s.get(LE.INT, offset);
    }

    private static int intHeap(MemorySegment s, long offset) {
        return s.get(LE.INT, offset);
    }

    private static long longNative(MemorySegment s, long offset) {
        return s.get(LE.LONG, offset);
    }

    private static long longHeap(MemorySegment s, long offset) {
        return s.get(LE.LONG, offset);
    }
}
