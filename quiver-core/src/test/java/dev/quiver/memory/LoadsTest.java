package dev.quiver.memory;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoadsTest {
    @Test
    void heapAndNativeSegmentsReadTheSameLittleEndianValues() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment heap = MemorySegment.ofArray(new byte[16]);
            MemorySegment off = arena.allocate(16);
            for (MemorySegment s : List.of(heap, off)) {
                for (int i = 0; i < 16; i++) s.set(LE.BYTE, i, (byte) (i + 1));
                // both variants read any segment; they differ only in which call site the JIT profiles
                for (boolean isNative : new boolean[] {false, true}) {
                    assertEquals(0x04030201, isNative ? Loads.intNative(s, 0) : Loads.intHeap(s, 0));
                    assertEquals(0x100f0e0d, isNative ? Loads.intNative(s, 12) : Loads.intHeap(s, 12));
                    assertEquals(0x0807060504030201L, isNative ? Loads.longNative(s, 0) : Loads.longHeap(s, 0));
                    assertEquals(0x100f0e0d0c0b0a09L, isNative ? Loads.longNative(s, 8) : Loads.longHeap(s, 8));
                    assertEquals(0x0908070605040302L, isNative ? Loads.longNative(s, 1) : Loads.longHeap(s, 1));
                }
            }
        }
    }

    @Test
    void loadsAreBoundsAndLivenessChecked() {
        MemorySegment heap = MemorySegment.ofArray(new byte[8]);
        assertThrows(IndexOutOfBoundsException.class, () -> Loads.intHeap(heap, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> Loads.longHeap(heap, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Loads.longHeap(heap, -1));
        MemorySegment off;
        try (Arena arena = Arena.ofConfined()) {
            off = arena.allocate(8);
            MemorySegment inArena = off;
            assertThrows(IndexOutOfBoundsException.class, () -> Loads.intNative(inArena, 8));
        }
        MemorySegment freed = off;
        assertThrows(IllegalStateException.class, () -> Loads.longNative(freed, 0));
    }
}
