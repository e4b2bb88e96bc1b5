package dev.quiver.compress;

import net.jpountz.lz4.LZ4Factory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@code LZ4_decompress_safe_usingDict} of the liblz4 that lz4-java bundles (and has loaded for its own JNI
 * bindings), called through an FFM downcall: decodes linked blocks, whose matches reach into the output of the
 * previous blocks, natively. The history is the output just before the block's ({@code dictStart + dictSize
 * == dst}), which liblz4 then treats as a prefix of the output; the safe decoder never reads before
 * {@code dictStart} or past the input, and never writes past {@code dstCapacity}, whatever the input says.
 *
 * <p>Callers pass only native memory nobody else can free or shrink during the call: the input in place when
 * {@link Segments#nativeMayRead} allows it, else a private copy; the output of the decoding call alone.
 * Unavailable (callers decode in Java) when lz4-java has no native library for the platform, the symbol is
 * missing, lz4-java was loaded by another class loader, or native access is denied.
 */
final class NativeLz4 {
    private NativeLz4() {}

    private static final MethodHandle DECOMPRESS_USING_DICT;

    /** Whether {@link #decompressUsingDict} may be called. */
    static final boolean AVAILABLE;

    static {
        MethodHandle h = null;
        try {
            LZ4Factory.fastestInstance(); // loads the native library when the platform has one
            if (ValueLayout.ADDRESS.byteSize() == 8 && !Boolean.getBoolean("quiver.lz4.javaLinkedBlocks")
                    && net.jpountz.util.Native.isLoaded()) {
                // lz4-java's Native.load has System.load-ed its library through this class loader
                var symbol = SymbolLookup.loaderLookup().find("LZ4_decompress_safe_usingDict");
                if (symbol.isPresent()) {
                    h = Linker.nativeLinker().downcallHandle(symbol.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
                }
            }
        } catch (RuntimeException | LinkageError e) { // IllegalCallerException when native access is denied
            h = null;
        }
        DECOMPRESS_USING_DICT = h;
        AVAILABLE = h != null;
    }

    /**
     * Decodes {@code src[srcOffset, srcOffset + srcSize)} into {@code dst} from {@code dstOffset}, at most
     * {@code dstCapacity} bytes, with the {@code dictSize} bytes before {@code dstOffset} as history.
     *
     * @return the bytes written, or a negative number when the block is malformed
     */
    static int decompressUsingDict(MemorySegment src, long srcOffset, int srcSize, MemorySegment dst, long dstOffset,
                                   int dstCapacity, int dictSize) {
        // bounds are checked here, in Java; liblz4 then stays inside them
        MemorySegment in = src.asSlice(srcOffset, srcSize);
        MemorySegment out = dst.asSlice(dstOffset - dictSize, (long) dictSize + dstCapacity);
        long outAddress = out.address() + dictSize;
        try {
            return (int) DECOMPRESS_USING_DICT.invokeExact(in.address(), outAddress, srcSize, dstCapacity,
                    out.address(), dictSize);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
