package dev.quiver.array;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryOwnerTest {
    @Test
    void lazilySharedOwnerCreatesOneArenaOnDemandAndClosesIt() {
        MemoryOwner owner = MemoryOwner.lazilyShared();
        Arena a = owner.arena();
        assertSame(a, owner.arena(), "one arena");
        MemorySegment s = a.allocate(16);
        assertTrue(s.isAccessibleBy(new Thread(() -> {})), "shared");
        owner.close();
        assertFalse(a.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, owner::arena, "no arena after close");
    }

    @Test
    void lazilySharedOwnerThatNeverNeededAnArenaClosesQuietly() {
        MemoryOwner owner = MemoryOwner.lazilyShared();
        owner.close();
        assertTrue(owner.isClosed());
    }
}
