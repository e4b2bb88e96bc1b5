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
                boolean isNative = s.isNative();
                assertEquals(0x04030201, Loads.getInt(s, isNative, 0));
                assertEquals(0x100f0e0d, Loads.getInt(s, isNative, 12));
                assertEquals(0x0807060504030201L, Loads.getLong(s, isNative, 0));
                assertEquals(0x100f0e0d0c0b0a09L, Loads.getLong(s, isNative, 8));
                assertEquals(0x0908070605040302L, Loads.getLong(s, isNative, 1)); // unaligned
            }
        }
    }

    @Test
    void loadsAreBoundsAndLivenessChecked() {
        MemorySegment heap = MemorySegment.ofArray(new byte[8]);
        assertThrows(IndexOutOfBoundsException.class, () -> Loads.getInt(heap, false, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> Loads.getLong(heap, false, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Loads.getLong(heap, false, -1));
        MemorySegment off;
        try (Arena arena = Arena.ofConfined()) {
            off = arena.allocate(8);
            MemorySegment inArena = off;
            assertThrows(IndexOutOfBoundsException.class, () -> Loads.getInt(inArena, true, 8));
        }
        MemorySegment freed = off;
        assertThrows(IllegalStateException.class, () -> Loads.getLong(freed, true, 0));
    }
}
