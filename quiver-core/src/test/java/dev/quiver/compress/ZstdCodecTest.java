package dev.quiver.compress;

import com.github.luben.zstd.Zstd;
import dev.quiver.InvalidDataException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.quiver.compress.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class ZstdCodecTest {

    private static final BufferCodec ZSTD = BufferCodec.create(CompressionType.ZSTD);

    private static MemorySegment decode(long declared, MemorySegment frames, Arena arena) {
        return ZSTD.decode(offHeap(arena, prefixed(declared, frames)), arena, "z.arrow", 0, Long.MAX_VALUE);
    }

    private static MemorySegment concat(MemorySegment a, MemorySegment b) {
        MemorySegment s = MemorySegment.ofArray(new byte[(int) (a.byteSize() + b.byteSize())]);
        MemorySegment.copy(a, 0, s, 0, a.byteSize());
        MemorySegment.copy(b, 0, s, a.byteSize(), b.byteSize());
        return s;
    }

    @Test
    void largeBufferCompressedInParallelJobsIsOneStandardFrame() {
        // 6 MiB of city names: above ZstdCodec.MT_MIN_BYTES, so two threads compress it in 1 MiB jobs
        String[] cities = {"Paris", "Montpellier", "Toulouse", "Angers", "Rennes", "Nantes", "Nice"};
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 6 << 20) sb.append(cities[rnd.nextInt(cities.length)]);
        byte[] raw = sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        BufferCodec parallel = BufferCodec.create(CompressionType.ZSTD, BufferCodec.DEFAULT_LEVEL, 2);
        assertEquals(ZstdCodec.DEFAULT_LEVEL, parallel.level());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(raw.length).copyFrom(MemorySegment.ofArray(raw));
            MemorySegment encoded = parallel.encode(src, arena);
            assertTrue(encoded.byteSize() < raw.length / 4, "compressed to " + encoded.byteSize());
            MemorySegment frame = encoded.asSlice(8);
            assertEquals(raw.length, ZstdFrameHeader.contentSize(frame), "one frame declaring the whole size");
            assertEquals(raw.length, Zstd.getFrameContentSize(frame.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
            // the ordinary decoder and zstd itself read it back
            assertEquals(-1, ZSTD.decode(encoded, arena, "z", 0, Long.MAX_VALUE).mismatch(src));
            byte[] back = Zstd.decompress(frame.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), raw.length);
            assertArrayEquals(raw, back);
        }
    }

    @Test
    void contentSizeAboveDeclaredLength() {
        MemorySegment frame = resource("lines.zst");
        long n = lines().byteSize();
        assertEquals(n, ZstdFrameHeader.contentSize(frame));
        try (Arena arena = Arena.ofConfined()) {
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> decode(n - 1, frame, arena));
            assertTrue(e.getMessage().contains("content size " + n + " exceeds"), e.getMessage());
            assertTrue(e.getMessage().contains("at byte 8"), e.getMessage());
        }
    }

    @Test
    void frameWithoutContentSizeIsStreamed() {
        MemorySegment frame = resource("lines-no-size.zst");
        MemorySegment lines = lines();
        assertEquals(ZstdFrameHeader.UNKNOWN, ZstdFrameHeader.contentSize(frame));
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(-1, decode(lines.byteSize(), frame, arena).mismatch(lines));
            assertEquals(-1, ZSTD.decode(prefixed(lines.byteSize(), frame), arena, "z", 0, Long.MAX_VALUE)
                    .mismatch(lines), "heap input");
            assertThrows(InvalidDataException.class, () -> decode(lines.byteSize() - 1, frame, arena));
            assertThrows(InvalidDataException.class, () -> decode(lines.byteSize() + 1, frame, arena));
            for (long cut = 0; cut < frame.byteSize(); cut += 97) {
                long c = cut;
                InvalidDataException e = assertThrows(InvalidDataException.class,
                        () -> decode(lines.byteSize(), frame.asSlice(0, c), arena));
                assertTrue(e.getMessage().contains("at byte"), e.getMessage());
            }
        }
    }

    @Test
    void frameFromTheZstdCommandLineTool() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(-1, decode(lines().byteSize(), resource("lines.zst"), arena).mismatch(lines()));
        }
    }

    @Test
    void concatenatedFrames() {
        MemorySegment a = compressible(100_000, 31);
        MemorySegment b = compressible(50_000, 32);
        MemorySegment frames = concat(MemorySegment.ofArray(Zstd.compress(toArray(a))),
                MemorySegment.ofArray(Zstd.compress(toArray(b))));
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(-1, decode(150_000, frames, arena).mismatch(concat(a, b)));
            assertThrows(InvalidDataException.class, () -> decode(150_001, frames, arena));
            assertThrows(InvalidDataException.class, () -> decode(149_999, frames, arena));
        }
    }

    @Test
    void veryHighRatioGrowsTheOutputAsItArrives() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment zeros = arena.allocate(64 << 20);
            MemorySegment enc = ZSTD.encode(zeros, arena);
            long compressed = enc.byteSize() - 8;
            assertTrue(64L << 20 > compressed * ZstdCodec.DIRECT_RATIO, "ratio above the direct path");
            // Only the final buffer comes from the caller's allocator.
            MemorySegment out = ZSTD.decode(enc, capped(arena, 64 << 20), "z", 0, Long.MAX_VALUE);
            assertEquals(-1, out.mismatch(zeros));
            // A lie about the size is caught without allocating the lie.
            MemorySegment lie = offHeap(arena, prefixed(compressed * ZstdCodec.MAX_RATIO, enc.asSlice(8)));
            InvalidDataException e = assertThrows(InvalidDataException.class,
                    () -> ZSTD.decode(lie, capped(arena, 0), "z", 0, Long.MAX_VALUE));
            assertTrue(e.getMessage().contains("exceeds the declared") || e.getMessage().contains("decompresses to"),
                    e.getMessage());
        }
    }

    @Test
    void contentSizeFieldSizes() {
        for (int n : new int[] {0, 1, 255, 256, 300, 65_791, 65_792, 1 << 20}) {
            MemorySegment frame = MemorySegment.ofArray(Zstd.compress(toArray(compressible(n, n))));
            assertEquals(n, ZstdFrameHeader.contentSize(frame), "n=" + n);
        }
        assertEquals(ZstdFrameHeader.UNKNOWN, ZstdFrameHeader.contentSize(bytes(1, 2, 3, 4, 5, 6)));
    }
}
