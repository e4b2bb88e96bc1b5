package dev.quiver.ipc;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The mapping's arena: closed on the unmapping thread by default, on the caller's when asked; never twice. */
class MappingArenaTest {

    private static void awaitClosed(MemorySegment s) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (s.scope().isAlive()) {
            assertTrue(System.nanoTime() < deadline, "closed within 30 s");
            Thread.onSpinWait();
        }
    }

    @Test
    void backgroundCloseFreesTheMemorySoonAndIsIdempotent() {
        Arena a = MappingArena.create(IpcReadOptions.DEFAULT);
        assertInstanceOf(MappingArena.class, a);
        MemorySegment s = a.allocate(64);
        s.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, 42);
        a.close();
        a.close(); // a second close is a no-op, as the readers' failure paths may call it twice
        assertTrue(((MappingArena) a).isClosed());
        awaitClosed(s);
        assertThrows(IllegalStateException.class, () -> s.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0));
    }

    @Test
    void moreClosesThanTheQueueHoldsAreAllDone() {
        List<MemorySegment> segments = new ArrayList<>();
        for (int i = 0; i < 3 * MappingArena.MAX_PENDING; i++) {
            Arena a = MappingArena.create(IpcReadOptions.DEFAULT);
            segments.add(a.allocate(8));
            a.close();
        }
        for (MemorySegment s : segments) awaitClosed(s);
    }

    @Test
    void withoutBackgroundUnmapTheCallerCloses() {
        Arena a = MappingArena.create(IpcReadOptions.DEFAULT.withBackgroundUnmap(false));
        MemorySegment s = a.allocate(8);
        a.close();
        assertFalse(s.scope().isAlive());
    }
}
