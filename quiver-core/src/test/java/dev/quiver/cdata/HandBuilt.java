package dev.quiver.cdata;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.quiver.cdata.CStructs.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A minimal C Data producer written with FFM, for tests: it lays out ArrowSchema and ArrowArray structures by hand
 * (any content, malformed on purpose) with release callbacks that count their calls.
 */
final class HandBuilt implements AutoCloseable {
    final Arena arena = Arena.ofShared();
    final AtomicInteger schemaReleases = new AtomicInteger();
    final AtomicInteger arrayReleases = new AtomicInteger();
    private final MemorySegment releaseSchema;
    private final MemorySegment releaseArray;

    HandBuilt() {
        try {
            MethodType t = MethodType.methodType(void.class, MemorySegment.class);
            var l = MethodHandles.lookup();
            releaseSchema = Linker.nativeLinker().upcallStub(
                    l.findVirtual(HandBuilt.class, "onReleaseSchema", t).bindTo(this),
                    FunctionDescriptor.ofVoid(ADDRESS), arena);
            releaseArray = Linker.nativeLinker().upcallStub(
                    l.findVirtual(HandBuilt.class, "onReleaseArray", t).bindTo(this),
                    FunctionDescriptor.ofVoid(ADDRESS), arena);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private void onReleaseSchema(MemorySegment s) {
        schemaReleases.incrementAndGet();
        s.reinterpret(ARROW_SCHEMA.byteSize()).set(ADDRESS, S_RELEASE, MemorySegment.NULL);
    }

    private void onReleaseArray(MemorySegment a) {
        arrayReleases.incrementAndGet();
        a.reinterpret(ARROW_ARRAY.byteSize()).set(ADDRESS, A_RELEASE, MemorySegment.NULL);
    }

    MemorySegment schema(String format, String name, long flags, MemorySegment... children) {
        MemorySegment s = arena.allocate(ARROW_SCHEMA);
        s.set(ADDRESS, S_FORMAT, format == null ? MemorySegment.NULL : arena.allocateFrom(format));
        s.set(ADDRESS, S_NAME, arena.allocateFrom(name));
        s.set(JAVA_LONG, S_FLAGS, flags);
        s.set(JAVA_LONG, S_N_CHILDREN, children.length);
        s.set(ADDRESS, S_CHILDREN, pointers(children));
        s.set(ADDRESS, S_RELEASE, releaseSchema);
        return s;
    }

    MemorySegment array(long length, long nullCount, long offset, MemorySegment[] buffers, MemorySegment... children) {
        MemorySegment a = arena.allocate(ARROW_ARRAY);
        a.set(JAVA_LONG, A_LENGTH, length);
        a.set(JAVA_LONG, A_NULL_COUNT, nullCount);
        a.set(JAVA_LONG, A_OFFSET, offset);
        a.set(JAVA_LONG, A_N_BUFFERS, buffers.length);
        a.set(JAVA_LONG, A_N_CHILDREN, children.length);
        a.set(ADDRESS, A_BUFFERS, pointers(buffers));
        a.set(ADDRESS, A_CHILDREN, pointers(children));
        a.set(ADDRESS, A_RELEASE, releaseArray);
        return a;
    }

    /** Native memory holding these int32 values. */
    MemorySegment ints(int... values) {
        MemorySegment m = arena.allocate(Math.max(4, values.length * 4L), 8);
        for (int i = 0; i < values.length; i++) m.setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, i, values[i]);
        return m;
    }

    MemorySegment bytes(byte... values) {
        MemorySegment m = arena.allocate(Math.max(1, values.length), 8);
        m.copyFrom(MemorySegment.ofArray(values));
        return m;
    }

    private MemorySegment pointers(MemorySegment[] targets) {
        if (targets.length == 0) return MemorySegment.NULL;
        MemorySegment p = arena.allocate(ADDRESS, targets.length);
        for (int i = 0; i < targets.length; i++) {
            p.setAtIndex(ADDRESS, i, targets[i] == null ? MemorySegment.NULL : targets[i]);
        }
        return p;
    }

    @Override
    public void close() {
        arena.close();
    }
}
