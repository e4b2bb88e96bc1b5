package dev.quiver.memory;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.quiver.testing.Collector.collectUntil;
import static dev.quiver.testing.Collector.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReclaimableArenaTest {

    @Test
    void closingFreesAtOnceAndEverySegmentThenRefusesAccess() {
        assertTrue(ReclaimableArena.ofShared().isReclaimable(), "the tests run with native access");
        ReclaimableArena a = ReclaimableArena.ofShared();
        long before = ReclaimableArena.reclaimableBytes();
        MemorySegment zeroed = a.allocate(1000, 8);
        MemorySegment raw = a.allocateUninitialized(1 << 20, 64);
        assertEquals(0, raw.address() % 64, "aligned");
        assertEquals(-1, zeroed.mismatch(MemorySegment.ofArray(new byte[1000])), "allocate zero-fills");
        raw.set(ValueLayout.JAVA_LONG, 8, 42);
        assertEquals(42, raw.get(ValueLayout.JAVA_LONG, 8));
        assertTrue(ReclaimableArena.reclaimableBytes() - before >= (1 << 20) + 1000);
        a.close();
        a.close(); // idempotent
        assertTrue(ReclaimableArena.reclaimableBytes() - before <= 0, "freed by the close, no collection needed");
        assertFalse(raw.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> raw.get(ValueLayout.JAVA_LONG, 8));
        assertThrows(IllegalStateException.class, () -> a.allocate(8));
    }

    @Test
    void aDroppedArenaIsFreedByTheCollector() throws InterruptedException {
        long before = settle(ReclaimableArena::reclaimableBytes);
        allocateAndDrop();
        assertTrue(ReclaimableArena.reclaimableBytes() - before >= 8 << 20);
        collectUntil(() -> ReclaimableArena.reclaimableBytes() - before < 8 << 20, "dropped memory is reclaimed");
    }

    private static void allocateAndDrop() {
        ReclaimableArena.ofShared().allocateUninitialized(8 << 20, 64).fill((byte) 1);
    }

    @Test
    void aSegmentKeepsItsArenaAliveAfterTheArenaIsDropped() throws InterruptedException {
        long before = settle(ReclaimableArena::reclaimableBytes);
        MemorySegment kept = slice();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(kept.scope().isAlive());
        assertEquals(7L, kept.get(ValueLayout.JAVA_LONG, 0), "the memory is still there");
        assertTrue(ReclaimableArena.reclaimableBytes() - before >= 4 << 20, "and still counted");
        kept = null;
        collectUntil(() -> ReclaimableArena.reclaimableBytes() - before < 4 << 20, "freed once the segment goes");
    }

    /** A slice of memory whose arena nothing else refers to. */
    private static MemorySegment slice() {
        MemorySegment s = ReclaimableArena.ofShared().allocateUninitialized(4 << 20, 64);
        s.set(ValueLayout.JAVA_LONG, 1024, 7L);
        return s.asSlice(1024, 64);
    }

    @Test
    void aConfinedArenaClosedFromAnotherThreadStaysOpen() throws Exception {
        ReclaimableArena a = ReclaimableArena.ofConfined();
        MemorySegment s = a.allocate(16);
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                a.close();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        assertTrue(failure[0] instanceof WrongThreadException, String.valueOf(failure[0]));
        assertEquals(0, s.get(ValueLayout.JAVA_BYTE, 0));
        a.close();
        assertFalse(s.scope().isAlive());
    }
}
