package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.Field;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lengths, starts and indices read through the offsets and index buffers, on whole and sliced arrays. */
class OffsetAccessorTest {
    private static final String[] WORDS = {"", "a", "bb", "", "ccc", "dddd", "é", ""};

    private static void checkStrings(VarBinaryArray a, List<String> expected) {
        assertEquals(expected.size(), a.length());
        for (int i = 0; i < expected.size(); i++) {
            long len = expected.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertEquals(len, a.valueLength(i), "length of value " + i);
            assertEquals(a.valueEnd(i) - a.valueStart(i), a.valueLength(i), "start/end of value " + i);
            assertEquals(expected.get(i), a.getObject(i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> a.valueLength(expected.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> a.valueLength(-1));
    }

    @Test
    void stringLengthsOnWholeAndSlicedArrays() {
        List<String> words = Arrays.asList(WORDS);
        for (VarBinaryArray a : List.<VarBinaryArray>of(dev.quiver.array.Arrow.utf8(WORDS),
                dev.quiver.array.Arrow.largeUtf8(WORDS))) {
            checkStrings(a, words);
            for (int from = 0; from <= WORDS.length; from++) {
                for (int n = 0; from + n <= WORDS.length; n++) {
                    checkStrings((VarBinaryArray) a.slice(from, n), words.subList(from, from + n));
                }
            }
        }
    }

    @Test
    void lengthOfTheLastValueReadsNoFurtherThanItsEndOffset() {
        // offsets buffer of exactly length + 1 entries: the last value's two offsets end the buffer
        MemorySegment offsets = MemorySegment.ofArray(new byte[12]);
        offsets.set(LE.INT, 0, 0);
        offsets.set(LE.INT, 4, 2);
        offsets.set(LE.INT, 8, 5);
        Utf8Array a = (Utf8Array) Array.of(new ArrayData(ArrowTypes.UTF8, 2, 0, 0,
                new MemorySegment[] {ArrayData.ABSENT, offsets, MemorySegment.ofArray("hello".getBytes())}, null, null));
        assertEquals(2, a.valueLength(0));
        assertEquals(3, a.valueLength(1));
        // one offset short: reading the last length fails inside the buffer's bounds, not past them
        Utf8Array shortOffsets = (Utf8Array) Array.of(new ArrayData(ArrowTypes.UTF8, 2, 0, 0,
                new MemorySegment[] {ArrayData.ABSENT, offsets.asSlice(0, 8), ArrayData.ABSENT}, null, null));
        assertEquals(2, shortOffsets.valueLength(0));
        assertThrows(IndexOutOfBoundsException.class, () -> shortOffsets.valueLength(1));
    }

    @Test
    void listLengthsOnWholeAndSlicedArrays() {
        List<List<Integer>> lists = List.of(List.of(), List.of(1), List.of(2, 3), List.of(), List.of(4, 5, 6));
        Field item = Field.nullable("item", ArrowTypes.INT32);
        for (var type : List.of(ArrowTypes.LIST, ArrowTypes.LARGE_LIST)) {
            BaseListArray a = (BaseListArray) dev.quiver.array.Arrow.of(Field.nullable("l", type, item), lists);
            for (int from = 0; from <= lists.size(); from++) {
                for (int n = 0; from + n <= lists.size(); n++) {
                    BaseListArray s = (BaseListArray) a.slice(from, n);
                    for (int i = 0; i < n; i++) {
                        List<Integer> expected = lists.get(from + i);
                        assertEquals(expected.size(), s.valueLength(i));
                        for (int k = 0; k < expected.size(); k++) {
                            assertEquals(expected.get(k), ((Int32Array) s.values()).get((int) s.valueStart(i) + k));
                        }
                    }
                    int end = n;
                    assertThrows(IndexOutOfBoundsException.class, () -> s.valueLength(end));
                }
            }
        }
    }

    @Test
    void dictionaryIndicesOfEveryWidth() {
        Array dict = dev.quiver.array.Arrow.utf8("x", "y", "z");
        List<Array> indices = List.of(dev.quiver.array.Arrow.int8(2, 0, 1), dev.quiver.array.Arrow.uint8(2, 0, 1),
                dev.quiver.array.Arrow.int16(2, 0, 1), dev.quiver.array.Arrow.uint16(2, 0, 1),
                dev.quiver.array.Arrow.int32(2, 0, 1), dev.quiver.array.Arrow.uint32(2, 0, 1),
                dev.quiver.array.Arrow.int64(2, 0, 1), dev.quiver.array.Arrow.uint64(2, 0, 1));
        for (Array ix : indices) {
            DictionaryArray d = dev.quiver.array.Arrow.dictionary(ix, dict);
            assertEquals(List.of(2L, 0L, 1L), List.of(d.getIndex(0), d.getIndex(1), d.getIndex(2)), ix.type().toString());
            assertEquals(List.of("z", "x", "y"), d.toList());
            DictionaryArray sliced = (DictionaryArray) d.slice(1, 2);
            assertEquals(1L, sliced.getIndex(1));
            assertThrows(IndexOutOfBoundsException.class, () -> sliced.getIndex(2));
        }
        DictionaryArray unsigned = dev.quiver.array.Arrow.dictionary(dev.quiver.array.Arrow.uint32(4_000_000_000L), dict);
        assertEquals(4_000_000_000L, unsigned.getIndex(0));
    }

    /**
     * Unvalidated data may declare a child far longer than its buffers (quiver-fuzz found a list child of 1.3 billion
     * int16 values over 48 bytes, and getObject presized its List from that count: 806 MB allocated for 2 KB). The
     * getters that materialise values grow their lists as values are read: the first value past the buffer is an
     * IndexOutOfBoundsException, with a few KB allocated.
     */
    @Test
    void materialisingDoesNotAllocateFromADeclaredLength() {
        MemorySegment offsets = MemorySegment.ofArray(new byte[8]);
        offsets.set(LE.INT, 0, 0);
        offsets.set(LE.INT, 4, 1_300_000_000);
        ArrayData values = new ArrayData(ArrowTypes.INT16, 1_300_000_000, 0, 0,
                new MemorySegment[] {ArrayData.ABSENT, MemorySegment.ofArray(new byte[48])}, null, null);
        Array list = Array.of(new ArrayData(new dev.quiver.type.ArrowType.List(), 1, 0, 0,
                new MemorySegment[] {ArrayData.ABSENT, offsets}, new ArrayData[] {values}, null));
        Array child = ((ListArray) list).values();
        for (Runnable r : List.<Runnable>of(() -> list.getObject(0), list::toList, child::toList)) {
            long before = allocated();
            assertThrows(IndexOutOfBoundsException.class, r::run);
            long used = allocated() - before;
            assertTrue(used < (1 << 20), "allocated " + used + " bytes");
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }
}
