package dev.quiver.compress;

import dev.quiver.memory.LE;
import dev.quiver.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Linked LZ4 blocks (as Arrow C++ and the lz4 tool write them) decoded by liblz4 through {@link NativeLz4}, with
 * the frame's earlier output as history: the bytes the Java decoder produces, from every kind of input memory.
 */
class Lz4LinkedBlocksTest {

    private static final BufferCodec LZ4 = BufferCodec.create(CompressionType.LZ4_FRAME);

    /**
     * {@code n} bytes that repeat random 20,000-byte chunks at distances of up to 60,000 bytes, so that matches
     * cross the 64 KiB block boundaries (linked blocks need the previous block to decode).
     */
    static byte[] crossBlockData(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; ) {
            int len = Math.min(n - i, 500 + r.nextInt(20_000));
            if (i > 60_000 && r.nextInt(3) > 0) {
                int from = i - 1 - r.nextInt(60_000);
                for (int k = 0; k < len; k++) b[i + k] = b[from + k];
            } else {
                for (int k = 0; k < len; k++) b[i + k] = (byte) ('a' + r.nextInt(20));
            }
            i += len;
        }
        return b;
    }

    private static MemorySegment prefixed(MemorySegment dst, long declared, byte[] frame) {
        dst.set(LE.LONG, 0, declared);
        MemorySegment.copy(MemorySegment.ofArray(frame), 0, dst, 8, frame.length);
        return dst;
    }

    @Test
    void liblz4IsReachableThroughLz4Java() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
            assertTrue(NativeLz4.AVAILABLE, "LZ4_decompress_safe_usingDict from lz4-java's library");
        }
    }

    @Test
    void linkedFramesOfEverySizeDecodeFromHeapConfinedSharedAndMappedInput(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        for (int n : new int[] {1, 100, 65_536, 65_537, 200_000, 3 * 1024 * 1024 + 7}) {
            for (int blockSizeId : new int[] {4, 5}) {
                byte[] data = crossBlockData(n, n + blockSizeId);
                byte[] frame = LinkedLz4.frame(data, blockSizeId);
                MemorySegment expected = MemorySegment.ofArray(data);
                String what = n + " bytes, block id " + blockSizeId;
                byte[] heapInput = prefixed(MemorySegment.ofArray(new byte[8 + frame.length]), n, frame).toArray(LE.BYTE);
                try (Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
                    MemorySegment heap = MemorySegment.ofArray(heapInput);
                    MemorySegment own = prefixed(confined.allocate(8 + frame.length), n, frame);
                    MemorySegment other = prefixed(shared.allocate(8 + frame.length), n, frame);
                    Path file = dir.resolve("f" + n + "-" + blockSizeId);
                    Files.write(file, heapInput);
                    MemorySegment mapped;
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                        mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), shared);
                    }
                    for (MemorySegment in : new MemorySegment[] {heap, own, other, mapped}) {
                        MemorySegment out = LZ4.decode(in, confined, "linked", 0, n);
                        assertEquals(-1, out.mismatch(expected), what);
                    }
                }
                assertArrayEquals(data, Lz4LinkedFuzz.decodeInJava(frame, n), what + " (Java decoder)");
            }
        }
    }

    @Test
    void theBlocksReallyAreLinked() {
        byte[] data = crossBlockData(300_000, 7);
        byte[] frame = LinkedLz4.frame(data, 4);
        // the same blocks declared independent: matches into the previous block are refused
        byte[] independent = new Lz4Frames().header(0x60, 0x40, 0).bytes();
        System.arraycopy(independent, 0, frame, 0, 7);
        var e = assertThrows(dev.quiver.InvalidDataException.class, () -> LZ4.decode(
                prefixed(MemorySegment.ofArray(new byte[8 + frame.length]), data.length, frame), Arena.ofAuto(),
                "i", 0, data.length));
        assertTrue(e.getMessage().contains("corrupt LZ4 block"), e.getMessage());
    }

    @Test
    void aShortDeclaredLengthStopsTheNativeDecoder() {
        byte[] data = crossBlockData(300_000, 8);
        byte[] frame = LinkedLz4.frame(data, 4);
        for (long declared : new long[] {data.length - 1, 65_536, 65_537, 100}) {
            var e = assertThrows(dev.quiver.InvalidDataException.class, () -> LZ4.decode(
                    prefixed(MemorySegment.ofArray(new byte[8 + frame.length]), declared, frame), Arena.ofAuto(),
                    "short", 0, declared));
            assertTrue(e.getMessage().contains("declared uncompressed length"), e.getMessage());
        }
    }

    @Test
    void damagedLinkedFramesDecodeAsTheJavaDecoderDoesInAChildJvm() {
        ChildJvm.Result r = ChildJvm.run(ChildJvm.main(Lz4LinkedFuzz.class, "3000").heap("256m"));
        r.assertSucceeded();
        assertEquals(3000, r.reported("cases"));
    }
}
