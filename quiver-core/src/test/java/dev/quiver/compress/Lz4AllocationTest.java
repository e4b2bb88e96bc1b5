package dev.quiver.compress;

import dev.quiver.InvalidDataException;
import dev.quiver.testing.ChildJvm;
import dev.quiver.testing.ProcessMemory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Defect 5 of issue 8: LZ4 decoding allocated (and zero-filled) the declared uncompressed length before decoding
 * a byte, up to 255 times the input. Now nothing is allocated before the frame header is checked, nothing is
 * zero-filled, and a declared length implausible for the input is only grown into as output really arrives.
 */
class Lz4AllocationTest {

    /** Records every allocation asked of it. */
    private static final class Counting implements SegmentAllocator {
        final Arena arena;
        final List<Long> sizes = new ArrayList<>();

        Counting(Arena arena) {
            this.arena = arena;
        }

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment) {
            sizes.add(byteSize);
            return arena.allocate(byteSize, byteAlignment);
        }

        long total() {
            return sizes.stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    void aFourMebibyteInputDeclaringAGibibyteAllocatesNothingFromTheCallerBeforeItFails() {
        MemorySegment in = Lz4LyingInput.input();
        try (Arena arena = Arena.ofConfined()) {
            Counting alloc = new Counting(arena);
            InvalidDataException e = assertThrows(InvalidDataException.class, () ->
                    BufferCodec.create(CompressionType.LZ4_FRAME).decode(in, alloc, "lying", 0, Long.MAX_VALUE));
            assertTrue(e.getMessage().contains("LZ4 data decompresses to 4194304 bytes but the prefix declares "
                    + (in.byteSize() - 8) * 255), e.getMessage());
            assertEquals(List.of(), alloc.sizes, "the declared length is never allocated for a lying input");
        }
    }

    @Test
    void aFourMebibyteLyingInputTouchesTensOfMebibytesNotAGibibyte() {
        Assumptions.assumeTrue(ProcessMemory.available(), "needs /proc/self/status (Linux)");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.main(Lz4LyingInput.class).heap("64m"));
        String out = r.assertSucceeded();
        long growthKib = r.reported("peak growth");
        // the input really decodes to 4 MiB: growing to it (doubling) touches at most a few times that
        assertTrue(growthKib < 48 * 1024, "peak resident memory grew by " + growthKib + " KiB:\n" + out);
    }

    @Test
    void aHighlyCompressibleBufferGrowsIntoExactlyOneAllocationOfItsLength() {
        MemorySegment zeros = MemorySegment.ofArray(new byte[48 << 20]);
        BufferCodec codec = BufferCodec.create(CompressionType.LZ4_FRAME);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment encoded = codec.encode(zeros, arena);
            assertTrue(encoded.byteSize() * Lz4Output.DIRECT_RATIO < zeros.byteSize(), "beyond the direct ratio");
            Counting alloc = new Counting(arena);
            MemorySegment decoded = codec.decode(encoded, alloc, "zeros", 0, Long.MAX_VALUE);
            assertEquals(List.of(zeros.byteSize()), alloc.sizes);
            assertArrayEquals(zeros.toArray(dev.quiver.memory.LE.BYTE), decoded.toArray(dev.quiver.memory.LE.BYTE));
        }
    }

    @Test
    void aPlausibleDeclaredLengthIsAllocatedOnceAfterTheHeaderIsChecked() {
        MemorySegment data = Fixtures.compressible(3 << 20, 5);
        BufferCodec codec = BufferCodec.create(CompressionType.LZ4_FRAME);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment encoded = codec.encode(data, arena);
            Counting alloc = new Counting(arena);
            assertEquals(-1, codec.decode(encoded, alloc, "data", 0, Long.MAX_VALUE).mismatch(data));
            assertEquals(List.of(data.byteSize()), alloc.sizes);
            // a corrupt frame header: nothing allocated at all
            MemorySegment corrupt = Fixtures.offHeap(arena, encoded);
            corrupt.set(dev.quiver.memory.LE.BYTE, 8 + 6, (byte) (corrupt.get(dev.quiver.memory.LE.BYTE, 8 + 6) ^ 1));
            Counting none = new Counting(arena);
            assertThrows(InvalidDataException.class, () -> codec.decode(corrupt, none, "corrupt", 0, Long.MAX_VALUE));
            assertEquals(0, none.total());
        }
    }
}
