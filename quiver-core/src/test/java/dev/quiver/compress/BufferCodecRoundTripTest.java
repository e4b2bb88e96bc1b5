package dev.quiver.compress;

import dev.quiver.memory.LE;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.quiver.compress.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class BufferCodecRoundTripTest {

    private static MemorySegment roundTrip(BufferCodec codec, MemorySegment src, Arena arena) {
        MemorySegment encoded = codec.encode(src, arena);
        assertTrue(encoded.byteSize() <= codec.maxEncodedLength(src.byteSize()));
        MemorySegment decoded = codec.decode(encoded, capped(arena, Math.max(64, src.byteSize())), "rt", 0,
                src.byteSize());
        assertEquals(-1, decoded.mismatch(src), "decoded bytes differ");
        return encoded;
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void emptyBufferIsZeroBytes(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(0, codec.maxEncodedLength(0));
            assertEquals(0, codec.encode(MemorySegment.ofArray(new byte[0]), arena).byteSize());
            assertEquals(0, codec.encode(MemorySegment.ofArray(new byte[0]), MemorySegment.ofArray(new byte[0])));
            assertEquals(0, codec.decode(MemorySegment.ofArray(new byte[0]), capped(arena, 0), "e", 0, 0).byteSize());
            // An 8-byte prefix of 0 with nothing after it is also an empty buffer.
            assertEquals(0, codec.decode(prefixed(0, MemorySegment.ofArray(new byte[0])), capped(arena, 0), "e", 0, 0)
                    .byteSize());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void oneByteIsStoredRaw(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment enc = roundTrip(codec, bytes(42), arena);
            assertEquals(9, enc.byteSize());
            assertEquals(-1, enc.get(LE.LONG, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void incompressibleIsStoredRawAndDecodedZeroCopy(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = offHeap(arena, random(100 * 1024, 11));
            MemorySegment enc = roundTrip(codec, src, arena);
            assertEquals(-1, enc.get(LE.LONG, 0));
            assertEquals(8 + src.byteSize(), enc.byteSize());
            MemorySegment dec = codec.decode(enc, capped(arena, 0), "raw", 0, src.byteSize());
            assertEquals(enc.address() + 8, dec.address(), "raw buffers are slices of the input");
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void tenMebibytesCompressible(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = offHeap(arena, compressible(10 << 20, 12));
            MemorySegment enc = roundTrip(codec, src, arena);
            assertEquals(src.byteSize(), enc.get(LE.LONG, 0));
            assertTrue(enc.byteSize() < src.byteSize() / 2, "compressed to " + enc.byteSize());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void heapAndNativeMix(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        MemorySegment heap = compressible(300_000, 13);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment heapDst = MemorySegment.ofArray(new byte[(int) codec.maxEncodedLength(300_000)]);
            MemorySegment fromHeap = heapDst.asSlice(0, codec.encode(heap, heapDst));
            MemorySegment heapEncoded = codec.encode(heap, arena);
            MemorySegment nativeEncoded = codec.encode(offHeap(arena, heap), arena);
            assertEquals(-1, heapEncoded.mismatch(nativeEncoded));
            assertEquals(-1, fromHeap.mismatch(nativeEncoded));
            for (MemorySegment enc : new MemorySegment[] {heapEncoded, offHeap(arena, nativeEncoded)}) {
                assertEquals(-1, codec.decode(enc, arena, "m", 0, Long.MAX_VALUE).mismatch(heap));
                // An allocator handing out heap memory.
                assertEquals(-1, codec.decode(enc, (size, align) -> MemorySegment.ofArray(new byte[(int) size]),
                        "m", 0, Long.MAX_VALUE).mismatch(heap));
            }
            // A heap segment over a long[] cannot be viewed as a ByteBuffer: the Java paths take over.
            long[] longs = new long[40_000];
            for (int i = 0; i < longs.length; i++) longs[i] = i % 100;
            MemorySegment longSeg = MemorySegment.ofArray(longs);
            MemorySegment enc = codec.encode(longSeg, arena);
            assertEquals(-1, codec.decode(enc, arena, "m", 0, Long.MAX_VALUE).mismatch(longSeg));
        }
    }

    @Test
    void lz4SpansManyBlocksAndLevels() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = offHeap(arena, compressible(9 * 1024 * 1024 + 77, 14));
            for (int level : new int[] {-1, 0, 1, 3, 9, 12}) {
                BufferCodec codec = BufferCodec.create(CompressionType.LZ4_FRAME, level);
                assertEquals(level, codec.level());
                MemorySegment enc = roundTrip(codec, src, arena);
                // 9 MiB is written as ten blocks of at most 1 MiB (id 6).
                assertEquals(0x60, enc.get(LE.BYTE, 13) & 0xFF);
            }
            MemorySegment small = offHeap(arena, compressible(200_000, 15));
            MemorySegment enc = roundTrip(BufferCodec.create(CompressionType.LZ4_FRAME), small, arena);
            assertEquals(0x50, enc.get(LE.BYTE, 13) & 0xFF, "256 KiB blocks for 200 kB");
        }
    }

    @Test
    void zstdLevels() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = offHeap(arena, compressible(1 << 20, 16));
            for (int level : new int[] {-5, 1, 3, 9, 19}) {
                roundTrip(BufferCodec.create(CompressionType.ZSTD, level), src, arena);
            }
            assertEquals(ZstdCodec.DEFAULT_LEVEL, BufferCodec.create(CompressionType.ZSTD).level());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void highlyCompressibleData(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment zeros = arena.allocate(10 << 20);
            MemorySegment enc = roundTrip(codec, zeros, arena);
            assertTrue(enc.byteSize() < 100_000);
        }
    }

    @Test
    void encodeIntoCallerBuffer() {
        BufferCodec codec = BufferCodec.create(CompressionType.ZSTD);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = offHeap(arena, compressible(50_000, 17));
            MemorySegment dst = arena.allocate(codec.maxEncodedLength(src.byteSize()));
            long n = codec.encode(src, dst);
            assertEquals(50_000, dst.get(LE.LONG, 0));
            assertEquals(-1, codec.decode(dst.asSlice(0, n), arena, "d", 0, 50_000).mismatch(src));
        }
    }
}
