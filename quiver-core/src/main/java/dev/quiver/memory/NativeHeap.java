package dev.quiver.memory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C library's {@code malloc}, {@code calloc} and {@code free}, called through FFM downcalls: native memory
 * that is not zero-filled on allocation (a decoder that overwrites every byte does not pay for, nor touch, the
 * pages twice) and that can be freed by whichever thread finds it unreachable. Unavailable (callers fall back
 * to the JDK's arenas) when the platform is not 64-bit or native access is denied.
 */
final class NativeHeap {
    private NativeHeap() {}

    private static final MethodHandle MALLOC;
    private static final MethodHandle CALLOC;
    private static final MethodHandle FREE;

    /** Whether the functions below may be called. */
    static final boolean AVAILABLE;

    static {
        MethodHandle malloc = null;
        MethodHandle calloc = null;
        MethodHandle free = null;
        try {
            if (ValueLayout.ADDRESS.byteSize() == 8) {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                malloc = linker.downcallHandle(libc.find("malloc").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
                calloc = linker.downcallHandle(libc.find("calloc").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
                free = linker.downcallHandle(libc.find("free").orElseThrow(),
                        FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));
            }
        } catch (RuntimeException | LinkageError e) { // IllegalCallerException when native access is denied
            malloc = calloc = free = null;
        }
        MALLOC = malloc;
        CALLOC = calloc;
        FREE = free;
        AVAILABLE = free != null;
    }

    /** {@code size} bytes, uninitialized (or zeroed with {@code zero}); 0 when the C library has no memory. */
    static long allocate(long size, boolean zero) {
        try {
            return zero ? (long) CALLOC.invokeExact(1L, size) : (long) MALLOC.invokeExact(size);
        } catch (Throwable t) {
            throw new IllegalStateException("malloc failed", t);
        }
    }

    static void free(long address) {
        try {
            FREE.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("free failed", t);
        }
    }
}
