package dev.quiver.compress;

import dev.quiver.memory.LE;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.quiver.compress.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * LZ4 buffers of several blocks compressed as fork/join tasks: exactly the bytes of the serial path, block by
 * block in order, and a failure in any block surfaces only once every block task has finished.
 */
class Lz4ParallelBlocksTest {

    private static final int MIB = 1 << 20;

    /** Mixed content: compressible stretches, an incompressible stretch (a stored block) and a short tail. */
    private static MemorySegment mixed(Arena arena) {
        MemorySegment s = arena.allocate(7L * MIB + 12_345, 64);
        s.copyFrom(compressible(s.byteSize(), 3));
        MemorySegment.copy(random(MIB + 100, 4), 0, s, 2L * MIB + 50, MIB + 100);
        return s;
    }

    private static byte[] encodeOn(ForkJoinPool pool, BufferCodec codec, MemorySegment src, Arena arena) {
        MemorySegment dst = arena.allocate(codec.maxEncodedLength(src.byteSize()), 8);
        long n = pool == null ? codec.encode(src, dst) : pool.submit(() -> codec.encode(src, dst)).join();
        return dst.asSlice(0, n).toArray(LE.BYTE);
    }

    @Test
    void parallelBlocksAreByteIdenticalToTheSerialPath() {
        ForkJoinPool pool = new ForkJoinPool(4);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment src = mixed(arena);
            for (int level : new int[] {0, 3}) {
                byte[] serial = encodeOn(null, BufferCodec.create(CompressionType.LZ4_FRAME, level), src, arena);
                BufferCodec threaded = BufferCodec.create(CompressionType.LZ4_FRAME, level, 4);
                // on the caller's thread (no fork/join pool) the threaded codec is serial too
                assertArrayEquals(serial, encodeOn(null, threaded, src, arena));
                for (int round = 0; round < 3; round++) {
                    assertArrayEquals(serial, encodeOn(pool, threaded, src, arena), "level " + level);
                }
                MemorySegment enc = MemorySegment.ofArray(serial);
                assertEquals(0x60, enc.get(LE.BYTE, 13) & 0xFF, "1 MiB blocks");
                assertEquals(-1, threaded.decode(enc, arena, "p", 0, src.byteSize()).mismatch(src));
                // the stored block is there: one block size word has the uncompressed flag
                assertTrue(hasStoredBlock(enc), "incompressible block stored raw");
            }
        } finally {
            pool.shutdown();
        }
    }

    private static boolean hasStoredBlock(MemorySegment enc) {
        long p = 8 + 7;
        while (true) {
            int word = enc.get(LE.INT, p);
            if (word == 0) return false;
            if ((word & 0x8000_0000) != 0) return true;
            p += 4 + (word & 0x7FFF_FFFF);
        }
    }

    @Test
    void blocksRunOnSeveralWorkers() {
        ForkJoinPool pool = new ForkJoinPool(4);
        AtomicInteger steals = new AtomicInteger();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment src = mixed(arena);
            BufferCodec threaded = BufferCodec.create(CompressionType.LZ4_FRAME, 0, 4);
            for (int i = 0; i < 5; i++) encodeOn(pool, threaded, src, arena);
            steals.set((int) pool.getStealCount());
        } finally {
            pool.shutdown();
        }
        assertTrue(steals.get() > 0, "block tasks were taken by other workers");
    }

    @Test
    void sourceClosedWhileBlocksCompressFailsCleanlyAfterEveryTaskEnded() {
        ForkJoinPool pool = new ForkJoinPool(2);
        BufferCodec threaded = BufferCodec.create(CompressionType.LZ4_FRAME, 0, 2);
        try (Arena out = Arena.ofShared()) {
            Arena in = Arena.ofShared();
            MemorySegment src = in.allocate(8L * MIB, 64);
            src.copyFrom(compressible(src.byteSize(), 9));
            MemorySegment dst = out.allocate(threaded.maxEncodedLength(src.byteSize()), 8);
            in.close();
            // every block's Java copy into private memory sees the closed arena
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> pool.submit(() -> threaded.encode(src, dst)).join());
            assertTrue(e instanceof IllegalStateException || e.getCause() instanceof IllegalStateException, e.toString());
            assertTrue(pool.awaitQuiescence(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, pool.getQueuedTaskCount(), "no block task left behind");
        } finally {
            pool.shutdown();
        }
    }
}
