package dev.quiver.compress;

import dev.quiver.InvalidDataException;
import dev.quiver.memory.LE;
import net.jpountz.lz4.LZ4FrameOutputStream;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.Utf8Array;
import dev.quiver.array.VarBinaryBuilder;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

import static dev.quiver.compress.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The independent blocks of one large LZ4 frame decoded as fork/join tasks: the same bytes as the sequential
 * decode, the same errors, and linked frames or a single-threaded codec stay sequential.
 */
class Lz4ParallelDecodeTest {

    private static final int MIB = 1 << 20;
    private static final BufferCodec SEQUENTIAL = BufferCodec.create(CompressionType.LZ4_FRAME);
    private static final BufferCodec THREADED = BufferCodec.create(CompressionType.LZ4_FRAME, BufferCodec.DEFAULT_LEVEL, 4);

    /** Compressible content with an incompressible stretch (a stored block) when there is room for one. */
    private static MemorySegment content(Arena arena, long size, long seed) {
        MemorySegment s = arena.allocate(size, 64);
        s.copyFrom(compressible(size, seed));
        if (size > 3L * MIB) MemorySegment.copy(random(MIB + 100, seed), 0, s, 2L * MIB + 50, MIB + 100);
        return s;
    }

    private static <T> T on(ForkJoinPool pool, Supplier<T> task) {
        return pool.submit(task::get).join();
    }

    private static long parallelFrames() {
        return Lz4FrameReader.PARALLEL_FRAMES.sum();
    }

    @Test
    void parallelDecodeIsByteIdenticalToSequentialDecode() {
        ForkJoinPool pool = new ForkJoinPool(4);
        try (Arena arena = Arena.ofShared()) {
            // 2 blocks with a 1-byte last one, 2 full blocks, partial last blocks, a stored block
            for (long size : new long[] {MIB + 1, 2L * MIB, 3L * MIB + 12_345, 7L * MIB + 12_345, 11L * MIB - 7}) {
                MemorySegment src = content(arena, size, size);
                MemorySegment encoded = SEQUENTIAL.encode(src, arena);
                assertEquals(0x60, encoded.get(LE.BYTE, 13) & 0xFF, "1 MiB blocks");
                byte[] sequential = toArray(SEQUENTIAL.decode(encoded, arena, "b.arrow", 0, size));
                assertEquals(-1, MemorySegment.ofArray(sequential).mismatch(src), "sequential, " + size);
                // heap input (read in place), shared off-heap input (copied block by block into private memory)
                for (MemorySegment in : new MemorySegment[] {MemorySegment.ofArray(toArray(encoded)), encoded}) {
                    for (int round = 0; round < 3; round++) {
                        long before = parallelFrames();
                        MemorySegment out = on(pool, () -> THREADED.decode(in, arena, "b.arrow", 0, size));
                        assertEquals(before + 1, parallelFrames(), "decoded by block tasks, " + size);
                        assertArrayEquals(sequential, toArray(out), "size " + size + ", heap " + !in.isNative());
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void corruptMiddleBlockIsTheSequentialErrorNamingTheBuffer() {
        ForkJoinPool pool = new ForkJoinPool(4);
        try (Arena arena = Arena.ofShared()) {
            long size = 6L * MIB + 999;
            MemorySegment src = content(arena, size, 5);
            byte[] bytes = toArray(SEQUENTIAL.encode(src, arena));
            // block 3 of 7: its first token announces a literal run far longer than the block
            long p = 8 + 7;
            for (int b = 0; b < 3; b++) p += 4 + (MemorySegment.ofArray(bytes).get(LE.INT, p) & 0x7FFF_FFFF);
            assertEquals(0, MemorySegment.ofArray(bytes).get(LE.INT, p) & 0x8000_0000, "a compressed block");
            bytes[(int) p + 4] = (byte) 0xF0;
            for (int i = 1; i <= 8; i++) bytes[(int) p + 4 + i] = (byte) 0xFF;
            MemorySegment in = MemorySegment.ofArray(bytes);
            InvalidDataException sequential = assertThrows(InvalidDataException.class,
                    () -> SEQUENTIAL.decode(in, arena, "w1.arrow", 5000, size));
            long before = parallelFrames();
            InvalidDataException parallel = assertThrows(InvalidDataException.class,
                    () -> on(pool, () -> THREADED.decode(in, arena, "w1.arrow", 5000, size)));
            assertEquals(before, parallelFrames(), "no frame counted as decoded in parallel");
            assertEquals(sequential.getMessage(), parallel.getMessage());
            assertTrue(parallel.getMessage().contains("w1.arrow, at byte " + (5000 + p + 4)), parallel.getMessage());
            assertTrue(parallel.getMessage().contains("corrupt LZ4 block"), parallel.getMessage());
            assertTrue(pool.awaitQuiescence(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, pool.getQueuedTaskCount(), "no block task left behind");
        } finally {
            pool.shutdown();
        }
    }

    private static byte[] checkedFrame(MemorySegment src) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_1MB,
                src.byteSize(), LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM)) {
            out.write(toArray(src));
        }
        return bytes.toByteArray();
    }

    @Test
    void blockAndContentChecksumsAreStillChecked() throws IOException {
        ForkJoinPool pool = new ForkJoinPool(4);
        try (Arena arena = Arena.ofShared()) {
            long size = 5L * MIB + 77;
            MemorySegment src = content(arena, size, 8);
            byte[] frame = checkedFrame(src);
            long before = parallelFrames();
            MemorySegment ok = on(pool, () -> THREADED.decode(prefixed(size, MemorySegment.ofArray(frame)), arena,
                    "c.arrow", 0, size));
            assertEquals(before + 1, parallelFrames());
            assertEquals(-1, ok.mismatch(src));

            // a block checksum of the middle block (block 2 of 6): header 15 bytes (content size), then blocks
            MemorySegment f = MemorySegment.ofArray(frame);
            long p = 15;
            for (int b = 0; b < 2; b++) p += 4 + (f.get(LE.INT, p) & 0x7FFF_FFFF) + 4;
            long checksumAt = p + 4 + (f.get(LE.INT, p) & 0x7FFF_FFFF);
            byte[] badBlock = frame.clone();
            badBlock[(int) checksumAt] ^= 1;
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> on(pool, () -> THREADED.decode(
                    prefixed(size, MemorySegment.ofArray(badBlock)), arena, "c.arrow", 0, size)));
            assertTrue(e.getMessage().contains("LZ4 block checksum mismatch"), e.getMessage());
            assertTrue(e.getMessage().contains("c.arrow, at byte " + (8 + checksumAt)), e.getMessage());

            // the content checksum, after the end mark
            byte[] badContent = frame.clone();
            badContent[frame.length - 1] ^= 1;
            e = assertThrows(InvalidDataException.class, () -> on(pool, () -> THREADED.decode(
                    prefixed(size, MemorySegment.ofArray(badContent)), arena, "c.arrow", 0, size)));
            assertTrue(e.getMessage().contains("LZ4 content checksum mismatch"), e.getMessage());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void sizeStillCheckedAgainstThePrefix() {
        ForkJoinPool pool = new ForkJoinPool(4);
        try (Arena arena = Arena.ofShared()) {
            long size = 4L * MIB + 3;
            MemorySegment src = content(arena, size, 2);
            byte[] body = toArray(SEQUENTIAL.encode(src, arena).asSlice(8));
            // the prefix declares one byte more, or one byte less, than the frame holds
            for (long declared : new long[] {size + 1, size - 1}) {
                InvalidDataException sequential = assertThrows(InvalidDataException.class,
                        () -> SEQUENTIAL.decode(prefixed(declared, MemorySegment.ofArray(body)), arena, "d.arrow", 0,
                                Long.MAX_VALUE));
                InvalidDataException parallel = assertThrows(InvalidDataException.class, () -> on(pool,
                        () -> THREADED.decode(prefixed(declared, MemorySegment.ofArray(body)), arena, "d.arrow", 0,
                                Long.MAX_VALUE)));
                assertEquals(sequential.getMessage(), parallel.getMessage(), "declared " + declared);
                assertTrue(parallel.getMessage().contains("d.arrow, at byte "), parallel.getMessage());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void linkedFramesAndSingleThreadedCodecsStaySequential() {
        ForkJoinPool pool = new ForkJoinPool(4);
        try (Arena arena = Arena.ofShared()) {
            long size = 5L * MIB + 1;
            MemorySegment src = content(arena, size, 3);
            MemorySegment linked = prefixed(size, MemorySegment.ofArray(LinkedLz4.frame(toArray(src), 6)));
            MemorySegment independent = SEQUENTIAL.encode(src, arena);
            long before = parallelFrames();
            assertEquals(-1, on(pool, () -> THREADED.decode(linked, arena, "e.arrow", 0, size)).mismatch(src));
            assertEquals(-1, on(pool, () -> SEQUENTIAL.decode(independent, arena, "e.arrow", 0, size)).mismatch(src));
            // off a fork/join pool, even the threaded codec decodes on the caller's thread
            assertEquals(-1, THREADED.decode(independent, arena, "e.arrow", 0, size).mismatch(src));
            assertEquals(before, parallelFrames(), "no frame decoded by block tasks");
        } finally {
            pool.shutdown();
        }
    }

    /** A file of one batch: a string column of 400,000 values (1.6 MB of offsets, 3.8 MB of data). */
    private static java.util.List<String> values() {
        String[] words = {"Paris", "Montpellier", "Toulouse", "Angers", "Rennes", "Nantes", "Nice"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        java.util.List<String> v = new java.util.ArrayList<>();
        for (int i = 0; i < 400_000; i++) v.add(words[random.nextInt(words.length)] + (i % 1000));
        return v;
    }

    private static byte[] stringFile() throws IOException {
        VarBinaryBuilder b = new VarBinaryBuilder(ArrowTypes.UTF8);
        for (String v : values()) b.append(v);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordBatch batch = RecordBatch.builder().add("v", b.buildArray()).build();
             RecordBatchFileWriter w = Ipc.newFile(bytes, batch.schema(),
                     IpcWriteOptions.DEFAULT.withCompression(CompressionType.LZ4_FRAME))) {
            w.write(batch);
        }
        return bytes.toByteArray();
    }

    private static java.util.List<String> readAll(byte[] file, IpcReadOptions options) {
        java.util.List<String> values = new java.util.ArrayList<>();
        try (RecordBatchFileReader r = Ipc.openFile(MemorySegment.ofArray(file), options);
             RecordBatch batch = r.recordBatch(0)) {
            Utf8Array v = (Utf8Array) batch.column(0);
            for (int i = 0; i < v.length(); i++) values.add(v.getString(i));
        }
        return values;
    }

    @Test
    void readerDecodesBlocksInParallelOnlyWithThreads() throws IOException {
        byte[] file = stringFile();
        long before = parallelFrames();
        java.util.List<String> sequential = readAll(file, IpcReadOptions.DEFAULT.withUseThreads(false));
        assertEquals(before, parallelFrames(), "useThreads=false: every block decoded on the caller's thread");
        assertEquals(values(), sequential);
        java.util.List<String> threaded = readAll(file, IpcReadOptions.DEFAULT.withUseThreads(true));
        if (Runtime.getRuntime().availableProcessors() > 1) {
            // the offsets do not compress (stored as is); the data buffer is 4 blocks
            assertEquals(before + 1, parallelFrames(), "the data buffer decoded by block tasks");
        }
        assertEquals(sequential, threaded);
    }
}
