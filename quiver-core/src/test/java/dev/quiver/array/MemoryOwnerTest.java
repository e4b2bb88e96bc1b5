package dev.quiver.array;

import dev.quiver.memory.ReclaimableArena;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryOwnerTest {
    @Test
    void closingTheOwnerClosesItsArenaAndEveryTrackedArenaStillOpen() {
        Arena own = Arena.ofShared();
        MemoryOwner owner = new MemoryOwner(own);
        ReclaimableArena open = ReclaimableArena.ofShared();
        ReclaimableArena closedBefore = ReclaimableArena.ofShared();
        owner.track(open);
        owner.track(closedBefore);
        MemorySegment s = open.allocate(16);
        closedBefore.close();
        owner.close();
        owner.close(); // idempotent
        assertTrue(owner.isClosed());
        assertFalse(own.scope().isAlive());
        assertFalse(open.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void trackingAfterCloseClosesTheArenaAndRefuses() {
        MemoryOwner owner = new MemoryOwner(null);
        owner.close();
        ReclaimableArena late = ReclaimableArena.ofShared();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> owner.track(late));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertFalse(late.scope().isAlive(), "the late arena is not leaked");
    }
}
