package dev.quiver.json;

import dev.quiver.array.ArrayData;
import dev.quiver.array.Layout;
import dev.quiver.memory.Bits;
import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.UnionMode;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Logical equality of two {@link ArrayData}: same type, length, null count, validity and value of every slot
 * (null slots included, since the JSON carries their values), whatever the offsets and buffer padding.
 */
final class ArrayDataAssert {
    private ArrayDataAssert() {}

    static void assertSameData(ArrayData a, ArrayData b, String path) {
        assertEquals(a.type(), b.type(), path + ": type");
        assertEquals(a.length(), b.length(), path + ": length");
        assertEquals(a.nullCount(), b.nullCount(), path + ": null count");
        int len = a.length();
        if (Layout.hasValidity(a.type())) {
            for (int i = 0; i < len; i++) assertEquals(a.isNull(i), b.isNull(i), path + ": validity of slot " + i);
        }
        if (a.dictionary() != null || b.dictionary() != null) {
            assertNotNull(a.dictionary(), path + ": dictionary");
            assertNotNull(b.dictionary(), path + ": dictionary");
            assertSameData(a.dictionary(), b.dictionary(), path + "<dictionary>");
        } else {
            assertNull(a.dictionary());
        }
        switch (a.type()) {
            case ArrowType.Null n -> { }
            case ArrowType.Bool x -> {
                for (int i = 0; i < len; i++) {
                    assertEquals(Bits.get(a.buffer(1), a.offset() + i), Bits.get(b.buffer(1), b.offset() + i),
                            path + ": value " + i);
                }
            }
            case ArrowType.Binary x -> variable(a, b, false, path);
            case ArrowType.Utf8 x -> variable(a, b, false, path);
            case ArrowType.LargeBinary x -> variable(a, b, true, path);
            case ArrowType.LargeUtf8 x -> variable(a, b, true, path);
            case ArrowType.BinaryView x -> views(a, b, path);
            case ArrowType.Utf8View x -> views(a, b, path);
            case ArrowType.List x -> lists(a, b, false, path);
            case ArrowType.Map x -> lists(a, b, false, path);
            case ArrowType.LargeList x -> lists(a, b, true, path);
            case ArrowType.ListView x -> listViews(a, b, false, path);
            case ArrowType.LargeListView x -> listViews(a, b, true, path);
            case ArrowType.FixedSizeList f -> assertSameData(
                    a.child(0).slice(a.offset() * f.listSize(), len * f.listSize()),
                    b.child(0).slice(b.offset() * f.listSize(), len * f.listSize()), path + ".item");
            case ArrowType.Struct x -> {
                assertEquals(a.childCount(), b.childCount(), path + ": children");
                for (int k = 0; k < a.childCount(); k++) {
                    assertSameData(a.child(k).slice(a.offset(), len), b.child(k).slice(b.offset(), len), path + "." + k);
                }
            }
            case ArrowType.Union u -> unions(a, b, u, path);
            case ArrowType.RunEndEncoded x -> {
                for (int i = 0; i < len; i++) {
                    assertSameData(a.child(1).slice(run(a, i), 1), b.child(1).slice(run(b, i), 1), path + "[" + i + "]");
                }
            }
            default -> {
                int width = Layout.fixedBitWidth(a.type()) / 8;
                for (int i = 0; i < len; i++) {
                    assertArrayEquals(bytes(a.buffer(1), (long) (a.offset() + i) * width, width),
                            bytes(b.buffer(1), (long) (b.offset() + i) * width, width), path + ": value " + i);
                }
            }
        }
    }

    static byte[] bytes(MemorySegment s, long from, long n) {
        return s.asSlice(from, n).toArray(LE.BYTE);
    }

    private static long offset(ArrayData d, int buffer, boolean large, long i) {
        return large ? d.buffer(buffer).get(LE.LONG, i * 8) : d.buffer(buffer).get(LE.INT, i * 4);
    }

    private static void variable(ArrayData a, ArrayData b, boolean large, String path) {
        for (int i = 0; i < a.length(); i++) {
            long as = offset(a, 1, large, a.offset() + i), ae = offset(a, 1, large, a.offset() + i + 1);
            long bs = offset(b, 1, large, b.offset() + i), be = offset(b, 1, large, b.offset() + i + 1);
            assertArrayEquals(bytes(a.buffer(2), as, ae - as), bytes(b.buffer(2), bs, be - bs), path + ": value " + i);
        }
    }

    private static byte[] view(ArrayData d, int i) {
        MemorySegment v = d.buffer(1);
        long base = (long) (d.offset() + i) * 16;
        int size = v.get(LE.INT, base);
        if (size <= 12) return bytes(v, base + 4, size);
        return bytes(d.buffer(2 + v.get(LE.INT, base + 8)), v.get(LE.INT, base + 12), size);
    }

    private static void views(ArrayData a, ArrayData b, String path) {
        for (int i = 0; i < a.length(); i++) assertArrayEquals(view(a, i), view(b, i), path + ": value " + i);
    }

    private static void lists(ArrayData a, ArrayData b, boolean large, String path) {
        for (int i = 0; i < a.length(); i++) {
            long as = offset(a, 1, large, a.offset() + i), ae = offset(a, 1, large, a.offset() + i + 1);
            long bs = offset(b, 1, large, b.offset() + i), be = offset(b, 1, large, b.offset() + i + 1);
            assertSameData(a.child(0).slice((int) as, (int) (ae - as)), b.child(0).slice((int) bs, (int) (be - bs)),
                    path + "[" + i + "]");
        }
    }

    private static void listViews(ArrayData a, ArrayData b, boolean large, String path) {
        for (int i = 0; i < a.length(); i++) {
            long ao = offset(a, 1, large, a.offset() + i), as = offset(a, 2, large, a.offset() + i);
            long bo = offset(b, 1, large, b.offset() + i), bs = offset(b, 2, large, b.offset() + i);
            assertSameData(a.child(0).slice((int) ao, (int) as), b.child(0).slice((int) bo, (int) bs), path + "[" + i + "]");
        }
    }

    private static void unions(ArrayData a, ArrayData b, ArrowType.Union u, String path) {
        int[] ids = u.typeIds();
        for (int i = 0; i < a.length(); i++) {
            byte ta = a.buffer(0).get(LE.BYTE, a.offset() + i);
            byte tb = b.buffer(0).get(LE.BYTE, b.offset() + i);
            assertEquals(ta, tb, path + ": type id " + i);
            int k = ids == null ? ta : Arrays.stream(ids).boxed().toList().indexOf((int) ta);
            int oa = u.mode() == UnionMode.SPARSE ? a.offset() + i : a.buffer(1).get(LE.INT, (long) (a.offset() + i) * 4);
            int ob = u.mode() == UnionMode.SPARSE ? b.offset() + i : b.buffer(1).get(LE.INT, (long) (b.offset() + i) * 4);
            assertSameData(a.child(k).slice(oa, 1), b.child(k).slice(ob, 1), path + "[" + i + "]");
        }
    }

    /** Index of the run holding logical slot i. */
    private static int run(ArrayData d, int i) {
        ArrayData re = d.child(0);
        int width = ((ArrowType.Int) re.type()).bitWidth() / 8;
        long target = (long) d.offset() + i;
        for (int r = 0; r < re.length(); r++) {
            long end = switch (width) {
                case 2 -> re.buffer(1).get(LE.SHORT, (long) (re.offset() + r) * 2);
                case 4 -> re.buffer(1).get(LE.INT, (long) (re.offset() + r) * 4);
                default -> re.buffer(1).get(LE.LONG, (long) (re.offset() + r) * 8);
            };
            if (end > target) return r;
        }
        throw new AssertionError("slot " + i + " is past the last run");
    }
}
