package dev.quiver.compress;

import dev.quiver.InvalidDataException;
import dev.quiver.testing.ProcessMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Run in a child JVM by {@link Lz4AllocationTest}: decodes the 4 MiB LZ4 buffer that declares about 1 GiB
 * ({@link #input()}) a few times, as a reader would (output in a shared arena), and prints how much the peak
 * resident memory grew: {@code peak growth KIB}.
 */
public final class Lz4LyingInput {
    private Lz4LyingInput() {}

    /** A frame of stored blocks, 4 MiB in all, whose prefix declares 255 times that (the most LZ4 allows). */
    static MemorySegment input() {
        byte[] block = new byte[64 << 10];
        new java.util.SplittableRandom(1).nextBytes(block);
        Lz4Frames f = new Lz4Frames().header(0x40 | Lz4FrameCodec.FLG_BLOCK_INDEPENDENCE, 4 << 4, 0);
        for (int i = 0; i < 64; i++) f.storedBlock(block);
        byte[] frame = f.end().bytes();
        return Fixtures.prefixed(255L * frame.length, MemorySegment.ofArray(frame));
    }

    public static void main(String[] args) {
        MemorySegment in = input();
        BufferCodec codec = BufferCodec.create(CompressionType.LZ4_FRAME);
        long before = ProcessMemory.peakKib();
        for (int i = 0; i < 3; i++) {
            try (Arena arena = Arena.ofShared()) {
                codec.decode(in, arena, "lying", 0, Long.MAX_VALUE);
                throw new AssertionError("the lying input decoded");
            } catch (InvalidDataException expected) {
                if (i == 0) System.out.println(expected.getMessage());
            }
        }
        System.out.println("peak growth " + (ProcessMemory.peakKib() - before));
    }
}
