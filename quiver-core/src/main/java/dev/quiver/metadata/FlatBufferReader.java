package dev.quiver.metadata;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.memory.LE;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Verifying access to one Flatbuffers buffer held in a {@link MemorySegment}. Every offset is checked
 * before it is followed, the way the Flatbuffers verifier checks a buffer: the root offset, each table's
 * vtable, each field inside its table, each vector and string inside the buffer, and scalar alignment
 * (relative to the start of the buffer). Offsets to sub-objects are unsigned and point forward, so no
 * object can reach itself; the number of tables opened is bounded, so a buffer that shares sub-objects
 * cannot make decoding do more than linear work.
 *
 * <p>Errors are {@link InvalidDataException}s whose offset is {@code baseOffset} plus the position in this
 * buffer, so they point at the byte in the enclosing resource.
 */
final class FlatBufferReader {
    /** Largest buffer Flatbuffers can address (offsets are 32-bit, signed in places). */
    static final long MAX_SIZE = Integer.MAX_VALUE;

    private final MemorySegment buf;
    private final long size;
    private final String resource;
    private final long baseOffset;
    private long tablesLeft;
    private final Map<Long, String> strings = new HashMap<>();

    /**
     * @param buf        the Flatbuffers bytes (the metadata only)
     * @param resource   name of the file or stream, for messages
     * @param baseOffset absolute offset of {@code buf} in the resource, for messages
     */
    FlatBufferReader(MemorySegment buf, String resource, long baseOffset) {
        this.buf = buf;
        this.size = buf.byteSize();
        this.resource = resource;
        this.baseOffset = baseOffset;
        if (size > MAX_SIZE) {
            throw new LimitExceededException("flatbuffer of " + size + " bytes is larger than 2 GiB",
                    resource, baseOffset);
        }
        // An honest buffer holds at most one table per 4 bytes, and decoders open each table once.
        this.tablesLeft = size / 2 + 64;
    }

    long size() { return size; }
    String resource() { return resource; }
    long baseOffset() { return baseOffset; }

    /** An error at position {@code pos} of this buffer. */
    InvalidDataException invalid(String detail, long pos) {
        return new InvalidDataException(detail, resource, baseOffset + pos);
    }

    /** The absolute offset of position {@code pos} in the resource. */
    long absolute(long pos) { return baseOffset + pos; }

    // ---- raw, checked reads ------------------------------------------------------------------

    private void checkRange(long pos, long len, String what) {
        checkRange(pos, len, "", "", what, "");
    }

    /** As {@link #checkRange(long, long, String)} for the thing named {@code a + b + c + d}, joined only on failure. */
    private void checkRange(long pos, long len, String a, String b, String c, String d) {
        if (pos < 0 || len < 0 || pos > size || len > size - pos) {
            throw invalid(a + b + c + d + " (" + len + " bytes at " + pos + ") lies outside the " + size
                    + "-byte flatbuffer", Math.max(0, Math.min(pos, size)));
        }
    }

    private void checkAlign(long pos, int align, String a, String b, String c, String d) {
        if ((pos & (align - 1)) != 0) {
            throw invalid(a + b + c + d + " at " + pos + " is not aligned to " + align + " bytes", pos);
        }
    }

    byte readByte(long pos) { checkRange(pos, 1, "byte"); return buf.get(LE.BYTE, pos); }
    short readShort(long pos) { checkRange(pos, 2, "short"); return buf.get(LE.SHORT, pos); }
    int readInt(long pos) { checkRange(pos, 4, "int"); return buf.get(LE.INT, pos); }
    long readLong(long pos) { checkRange(pos, 8, "long"); return buf.get(LE.LONG, pos); }

    /** Reads a scalar of {@code width} bytes at {@code pos} after checking bounds and alignment. */
    void checkScalar(long pos, int width, String what) {
        checkScalar(pos, width, what, "", "");
    }

    /** As {@link #checkScalar(long, int, String)} for the scalar named {@code a + b + c}, joined only on failure. */
    void checkScalar(long pos, int width, String a, String b, String c) {
        checkRange(pos, width, "", a, b, c);
        checkAlign(pos, width, "", a, b, c);
    }

    // ---- offsets, tables, vectors, strings ---------------------------------------------------

    /** Follows the unsigned forward offset stored at {@code at}; the target is inside the buffer. */
    long follow(long at, String what) {
        return follow(at, "", what, "");
    }

    /** As {@link #follow(long, String)} for the offset named {@code a + b + c}, joined only on failure. */
    long follow(long at, String a, String b, String c) {
        checkRange(at, 4, "offset to ", a, b, c);
        checkAlign(at, 4, "offset to ", a, b, c);
        long u = Integer.toUnsignedLong(buf.get(LE.INT, at));
        if (u == 0) {
            throw invalid("offset to " + a + b + c + " is zero (points at itself)", at);
        }
        long target = at + u;
        if (u > Integer.MAX_VALUE || target >= size) {
            throw invalid("offset to " + a + b + c + " (" + u + ") points past the end of the " + size
                    + "-byte flatbuffer", at);
        }
        return target;
    }

    /** The root table. */
    FbTable root(String what) {
        if (size < 8) {
            throw invalid("flatbuffer of " + size + " bytes is too short to hold a " + what, 0);
        }
        return table(follow(0, what), what);
    }

    /** Opens and verifies the table at {@code pos}. */
    FbTable table(long pos, String what) {
        if (--tablesLeft < 0) {
            throw new LimitExceededException("flatbuffer references more tables than its size allows"
                    + " (shared or repeated sub-objects)", resource, baseOffset + pos);
        }
        checkRange(pos, 4, "", "", what, " table");
        checkAlign(pos, 4, "", "", what, " table");
        long vtable = pos - buf.get(LE.INT, pos);
        if (vtable < 0 || vtable > size - 4) {
            throw invalid("vtable of " + what + " table lies outside the flatbuffer (at " + vtable + ")", pos);
        }
        checkAlign(vtable, 2, "", "vtable of ", what, "");
        int vsize = Short.toUnsignedInt(buf.get(LE.SHORT, vtable));
        int tsize = Short.toUnsignedInt(buf.get(LE.SHORT, vtable + 2));
        if (vsize < 4 || (vsize & 1) != 0) {
            throw invalid("vtable of " + what + " has invalid size " + vsize, vtable);
        }
        checkRange(vtable, vsize, "", "vtable of ", what, "");
        if (tsize < 4) {
            throw invalid(what + " table declares size " + tsize + ", less than its 4-byte header", vtable);
        }
        checkRange(pos, tsize, "", "", what, " table");
        return new FbTable(this, pos, vtable, vsize, tsize, what);
    }

    /** A vector at {@code pos} of elements of {@code elemSize} bytes, each aligned to {@code align}. */
    FbVector vector(long pos, int elemSize, String what) {
        return vector(pos, elemSize, what, "", "");
    }

    /** As {@link #vector(long, int, String)} for the vector named {@code a + b + c}, joined only on failure. */
    FbVector vector(long pos, int elemSize, String a, String b, String c) {
        checkRange(pos, 4, a, b, c, " vector length");
        checkAlign(pos, 4, a, b, c, " vector");
        long n = Integer.toUnsignedLong(buf.get(LE.INT, pos));
        long avail = size - pos - 4;
        // n < 2^32 and elemSize <= 24, so the product cannot overflow a long.
        if (n * elemSize > avail) {
            throw invalid(a + b + c + " vector of " + n + " elements of " + elemSize
                    + " bytes runs past the end of the " + size + "-byte flatbuffer", pos);
        }
        return new FbVector(pos + 4, (int) n, elemSize);
    }

    /** The string at {@code pos}: in bounds, NUL-terminated, valid UTF-8. Decoded once per position. */
    String string(long pos, String what) {
        String cached = strings.get(pos);
        if (cached != null) return cached;
        checkRange(pos, 4, "", "", what, " string length");
        checkAlign(pos, 4, "", "", what, " string");
        long n = Integer.toUnsignedLong(buf.get(LE.INT, pos));
        if (n >= size - pos - 4) {
            throw invalid(what + " string of " + n + " bytes (plus its NUL) runs past the end of the "
                    + size + "-byte flatbuffer", pos);
        }
        long data = pos + 4;
        if (buf.get(LE.BYTE, data + n) != 0) {
            throw invalid(what + " string is not NUL-terminated", data + n);
        }
        ByteBuffer bytes = buf.asSlice(data, n).asByteBuffer();
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String s;
        try {
            CharBuffer cb = dec.decode(bytes);
            s = cb.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(what + " string is not valid UTF-8", resource,
                    baseOffset + data + bytes.position(), null, e);
        }
        strings.put(pos, s);
        return s;
    }

    /** One verified vector: {@code length} elements of {@code elemSize} bytes starting at {@code data}. */
    record FbVector(long data, int length, int elemSize) {
        long element(int i) { return data + (long) i * elemSize; }
    }
}
