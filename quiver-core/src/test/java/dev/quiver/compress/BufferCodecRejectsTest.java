package dev.quiver.compress;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.memory.LE;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static dev.quiver.compress.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Malformed IPC buffers: every one is an InvalidDataException or LimitExceededException saying where. */
class BufferCodecRejectsTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    private static InvalidDataException invalid(BufferCodec codec, MemorySegment buffer, long offset) {
        try (Arena arena = Arena.ofConfined()) {
            InvalidDataException e = assertThrows(InvalidDataException.class,
                    () -> codec.decode(buffer, capped(arena, 1 << 24), "t.arrow", offset, NO_LIMIT));
            assertTrue(e.getMessage().contains("at byte "), e.getMessage());
            assertTrue(e.getMessage().contains("t.arrow"), e.getMessage());
            assertTrue(e.offset() >= offset && e.offset() <= offset + buffer.byteSize(), e.getMessage());
            return e;
        }
    }

    private static MemorySegment encoded(BufferCodec codec, MemorySegment src) {
        return codec.encode(src, Arena.ofAuto());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shorterThanPrefix(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        for (int n = 1; n < 8; n++) {
            InvalidDataException e = invalid(codec, MemorySegment.ofArray(new byte[n]), 100);
            assertEquals(100, e.offset());
            assertTrue(e.getMessage().contains("shorter than its 8-byte length prefix"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void negativeDeclaredLengths(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        for (long declared : new long[] {-2, -100, Long.MIN_VALUE}) {
            MemorySegment buf = prefixed(declared, encoded(codec, compressible(1000, 1)).asSlice(8));
            InvalidDataException e = invalid(codec, buf, 40);
            assertEquals(40, e.offset());
            assertTrue(e.getMessage().contains("negative uncompressed length " + declared), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void declaredLongMaxValueIsImpossible(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        MemorySegment buf = prefixed(Long.MAX_VALUE, encoded(codec, compressible(1000, 1)).asSlice(8));
        assertTrue(invalid(codec, buf, 0).getMessage().contains("impossible"));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void twentyBytesDeclaringOneTerabyteAllocateNothing(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        MemorySegment buf = prefixed(1L << 40, random(12, 3));
        try (Arena arena = Arena.ofConfined()) {
            InvalidDataException e = assertThrows(InvalidDataException.class,
                    () -> codec.decode(buf, capped(arena, 0), "t.arrow", 8, NO_LIMIT));
            assertTrue(e.getMessage().contains("impossible"), e.getMessage());
            assertTrue(e.getMessage().contains("at byte 8"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void declaredLengthAboveCallerLimit(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        MemorySegment buf = encoded(codec, compressible(5000, 2));
        try (Arena arena = Arena.ofConfined()) {
            LimitExceededException e = assertThrows(LimitExceededException.class,
                    () -> codec.decode(buf, capped(arena, 0), "t.arrow", 16, 4999));
            assertTrue(e.getMessage().contains("5000"), e.getMessage());
            assertTrue(e.getMessage().contains("at byte 16"), e.getMessage());
            assertEquals(5000, codec.decode(buf, arena, "t.arrow", 16, 5000).byteSize());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void uncompressedBufferAboveCallerLimit(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        MemorySegment buf = prefixed(-1, random(300, 4));
        try (Arena arena = Arena.ofConfined()) {
            LimitExceededException e = assertThrows(LimitExceededException.class,
                    () -> codec.decode(buf, arena, "t.arrow", 0, 299));
            assertTrue(e.getMessage().contains("at byte 0"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void declaredLengthTooSmallOrTooLarge(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        MemorySegment good = encoded(codec, compressible(70_000, 5));
        assertEquals(70_000, good.get(LE.LONG, 0));
        for (long declared : new long[] {69_999, 70_001, 1, 140_000}) {
            MemorySegment bad = prefixed(declared, good.asSlice(8));
            invalid(codec, bad, 1000);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void prefixWithoutData(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        assertTrue(invalid(codec, prefixed(10, MemorySegment.ofArray(new byte[0])), 0)
                .getMessage().contains("impossible for 0 bytes"));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void truncatedAtEveryByte(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        MemorySegment good = encoded(codec, compressible(3000, 6));
        assertTrue(good.get(LE.LONG, 0) > 0, "test needs a compressed buffer");
        for (long cut = 1; cut < good.byteSize(); cut++) {
            invalid(codec, good.asSlice(0, cut), 64);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void trailingBytesAfterTheFrame(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        MemorySegment good = encoded(codec, compressible(3000, 6));
        MemorySegment longer = MemorySegment.ofArray(new byte[(int) good.byteSize() + 5]);
        longer.copyFrom(good);
        invalid(codec, longer, 0);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void wrongCodecForTheData(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        CompressionType other = type == CompressionType.ZSTD ? CompressionType.LZ4_FRAME : CompressionType.ZSTD;
        MemorySegment foreign = encoded(BufferCodec.create(other), compressible(3000, 6));
        invalid(codec, foreign, 0);
    }

    /** Flipping any byte must give correct output, different output, or InvalidDataException: nothing else. */
    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void corruptedAtEveryByte(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        MemorySegment good = encoded(codec, compressible(2000, 7));
        byte[] bytes = toArray(good);
        int rejected = 0;
        for (int i = 8; i < bytes.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] bad = bytes.clone();
                bad[i] ^= (byte) mask;
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment out = codec.decode(MemorySegment.ofArray(bad), capped(arena, 1 << 20), "c", 0, NO_LIMIT);
                    assertEquals(2000, out.byteSize());
                } catch (InvalidDataException e) {
                    assertTrue(e.getMessage().contains("at byte "), e.getMessage());
                    rejected++;
                }
            }
        }
        assertTrue(rejected > 0);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void randomGarbageBehindAPrefix(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 2000; i++) {
            MemorySegment garbage = random(1 + r.nextInt(200), r.nextLong());
            MemorySegment buf = prefixed(r.nextInt(1 << 16), garbage);
            try (Arena arena = Arena.ofConfined()) {
                codec.decode(buf, capped(arena, 1 << 20), "g", 0, NO_LIMIT);
            } catch (InvalidDataException e) {
                assertTrue(e.getMessage().contains("at byte "), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void garbageWithAValidMagicNumber(CompressionType type) {
        BufferCodec codec = BufferCodec.create(type);
        int magic = type == CompressionType.ZSTD ? ZstdFrameHeader.MAGIC : Lz4FrameCodec.MAGIC;
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 3000; i++) {
            MemorySegment garbage = random(8 + r.nextInt(300), r.nextLong());
            garbage.set(LE.INT, 0, magic);
            if (type == CompressionType.LZ4_FRAME && r.nextBoolean()) {
                // A well-formed descriptor, so that the garbage reaches the blocks.
                garbage.set(LE.BYTE, 4, (byte) (0x40 | (r.nextInt(0x40) & ~0x03)));
                garbage.set(LE.BYTE, 5, (byte) 0x40);
                garbage.set(LE.BYTE, 6, (byte) (XxHash32.hash(garbage, 4, 2, 0) >>> 8));
            }
            try (Arena arena = Arena.ofConfined()) {
                codec.decode(prefixed(r.nextInt(1 << 12), garbage), capped(arena, 1 << 20), "g", 0, NO_LIMIT);
            } catch (QuiverException e) {
                assertTrue(e.getMessage().contains("at byte "), e.getMessage());
            }
        }
    }

    @Test
    void levelsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> BufferCodec.create(CompressionType.ZSTD, 23));
        assertThrows(IllegalArgumentException.class, () -> BufferCodec.create(CompressionType.LZ4_FRAME, 13));
    }

    @Test
    void destinationTooSmallForEncode() {
        BufferCodec codec = BufferCodec.create(CompressionType.LZ4_FRAME);
        MemorySegment src = random(100, 1);
        assertThrows(IllegalArgumentException.class,
                () -> codec.encode(src, MemorySegment.ofArray(new byte[(int) codec.maxEncodedLength(100) - 1])));
    }
}
