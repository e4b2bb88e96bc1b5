package dev.quiver.array;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoding of segments, without an intermediate copy when the segment wraps a byte[]. */
final class Utf8 {
    private Utf8() {}

    static String decode(MemorySegment s) {
        long len = s.byteSize();
        if (len == 0) return "";
        if (len > Integer.MAX_VALUE - 8) throw new IllegalStateException("string of " + len + " bytes is too long");
        if (!s.isReadOnly() && s.heapBase().orElse(null) instanceof byte[] array) {
            return new String(array, (int) s.address(), (int) len, StandardCharsets.UTF_8);
        }
        return new String(s.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
