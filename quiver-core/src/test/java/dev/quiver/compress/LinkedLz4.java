package dev.quiver.compress;

import net.jpountz.lz4.LZ4Factory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Writes LZ4 frames of linked blocks as liblz4's streaming compressor does (each block may match into the 64 KiB
 * before it), through the liblz4 lz4-java bundles: what Arrow C++ writes for a buffer over 64 KiB, for tests.
 */
final class LinkedLz4 {
    private LinkedLz4() {}

    private static final MethodHandle CREATE;
    private static final MethodHandle FREE;
    private static final MethodHandle COMPRESS;

    static {
        LZ4Factory.nativeInstance(); // loads lz4-java's library into this class loader
        Linker linker = Linker.nativeLinker();
        SymbolLookup lib = SymbolLookup.loaderLookup();
        CREATE = linker.downcallHandle(lib.find("LZ4_createStream").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG));
        FREE = linker.downcallHandle(lib.find("LZ4_freeStream").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        COMPRESS = linker.downcallHandle(lib.find("LZ4_compress_fast_continue").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    /** One frame of linked blocks of at most {@code blockSizeId}'s size (4: 64 KiB), without checksums. */
    static byte[] frame(byte[] data, int blockSizeId) {
        int block = Lz4FrameCodec.blockSize(blockSizeId);
        Lz4Frames f = new Lz4Frames().header(0x40, blockSizeId << 4, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(MemorySegment.ofArray(data), 0, src, 0, data.length);
            MemorySegment dst = arena.allocate(block + block / 255 + 64);
            long stream = (long) CREATE.invokeExact();
            try {
                for (int off = 0; off < data.length; off += block) {
                    int len = Math.min(block, data.length - off);
                    int c = (int) COMPRESS.invokeExact(stream, src.address() + off, dst.address(), len,
                            (int) dst.byteSize(), 1);
                    if (c <= 0) throw new IllegalStateException("LZ4_compress_fast_continue: " + c);
                    if (c >= len) { // as LZ4F does: stored raw (still the history of the next block)
                        f.storedBlock(src.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE));
                    } else {
                        f.block(dst.asSlice(0, c).toArray(ValueLayout.JAVA_BYTE));
                    }
                }
            } finally {
                int ignored = (int) FREE.invokeExact(stream);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return f.end().bytes();
    }
}
