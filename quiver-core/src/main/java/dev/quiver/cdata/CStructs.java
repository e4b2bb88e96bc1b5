package dev.quiver.cdata;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The three structures of the Arrow C Data and C Stream Interfaces as FFM layouts, with the offsets of their members
 * and the downcall handles that call their callbacks. Allocate a structure with {@code arena.allocate(ARROW_ARRAY)}
 * (zero-filled: a released structure) and pass its address to a producer, or to {@link CData}'s export methods.
 */
public final class CStructs {
    private CStructs() {}

    /** {@code ARROW_FLAG_DICTIONARY_ORDERED}. */
    public static final long FLAG_DICTIONARY_ORDERED = 1;
    /** {@code ARROW_FLAG_NULLABLE}. */
    public static final long FLAG_NULLABLE = 2;
    /** {@code ARROW_FLAG_MAP_KEYS_SORTED}. */
    public static final long FLAG_MAP_KEYS_SORTED = 4;

    /** {@code struct ArrowSchema} (72 bytes on 64-bit platforms). */
    public static final StructLayout ARROW_SCHEMA = MemoryLayout.structLayout(
            ADDRESS.withName("format"),
            ADDRESS.withName("name"),
            ADDRESS.withName("metadata"),
            JAVA_LONG.withName("flags"),
            JAVA_LONG.withName("n_children"),
            ADDRESS.withName("children"),
            ADDRESS.withName("dictionary"),
            ADDRESS.withName("release"),
            ADDRESS.withName("private_data")).withName("ArrowSchema");

    /** {@code struct ArrowArray} (80 bytes on 64-bit platforms). */
    public static final StructLayout ARROW_ARRAY = MemoryLayout.structLayout(
            JAVA_LONG.withName("length"),
            JAVA_LONG.withName("null_count"),
            JAVA_LONG.withName("offset"),
            JAVA_LONG.withName("n_buffers"),
            JAVA_LONG.withName("n_children"),
            ADDRESS.withName("buffers"),
            ADDRESS.withName("children"),
            ADDRESS.withName("dictionary"),
            ADDRESS.withName("release"),
            ADDRESS.withName("private_data")).withName("ArrowArray");

    /** {@code struct ArrowArrayStream} (40 bytes on 64-bit platforms). */
    public static final StructLayout ARROW_ARRAY_STREAM = MemoryLayout.structLayout(
            ADDRESS.withName("get_schema"),
            ADDRESS.withName("get_next"),
            ADDRESS.withName("get_last_error"),
            ADDRESS.withName("release"),
            ADDRESS.withName("private_data")).withName("ArrowArrayStream");

    private static long off(StructLayout l, String name) {
        return l.byteOffset(groupElement(name));
    }

    static final long S_FORMAT = off(ARROW_SCHEMA, "format");
    static final long S_NAME = off(ARROW_SCHEMA, "name");
    static final long S_METADATA = off(ARROW_SCHEMA, "metadata");
    static final long S_FLAGS = off(ARROW_SCHEMA, "flags");
    static final long S_N_CHILDREN = off(ARROW_SCHEMA, "n_children");
    static final long S_CHILDREN = off(ARROW_SCHEMA, "children");
    static final long S_DICTIONARY = off(ARROW_SCHEMA, "dictionary");
    static final long S_RELEASE = off(ARROW_SCHEMA, "release");
    static final long S_PRIVATE = off(ARROW_SCHEMA, "private_data");

    static final long A_LENGTH = off(ARROW_ARRAY, "length");
    static final long A_NULL_COUNT = off(ARROW_ARRAY, "null_count");
    static final long A_OFFSET = off(ARROW_ARRAY, "offset");
    static final long A_N_BUFFERS = off(ARROW_ARRAY, "n_buffers");
    static final long A_N_CHILDREN = off(ARROW_ARRAY, "n_children");
    static final long A_BUFFERS = off(ARROW_ARRAY, "buffers");
    static final long A_CHILDREN = off(ARROW_ARRAY, "children");
    static final long A_DICTIONARY = off(ARROW_ARRAY, "dictionary");
    static final long A_RELEASE = off(ARROW_ARRAY, "release");
    static final long A_PRIVATE = off(ARROW_ARRAY, "private_data");

    static final long ST_GET_SCHEMA = off(ARROW_ARRAY_STREAM, "get_schema");
    static final long ST_GET_NEXT = off(ARROW_ARRAY_STREAM, "get_next");
    static final long ST_GET_LAST_ERROR = off(ARROW_ARRAY_STREAM, "get_last_error");
    static final long ST_RELEASE = off(ARROW_ARRAY_STREAM, "release");
    static final long ST_PRIVATE = off(ARROW_ARRAY_STREAM, "private_data");

    static final FunctionDescriptor RELEASE_DESC = FunctionDescriptor.ofVoid(ADDRESS);
    static final FunctionDescriptor GET_DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    static final FunctionDescriptor LAST_ERROR_DESC = FunctionDescriptor.of(ADDRESS, ADDRESS);

    /** {@code void (*)(void*)}: target first, then the structure. */
    static final MethodHandle CALL_RELEASE = Linker.nativeLinker().downcallHandle(RELEASE_DESC);
    /** {@code int (*)(ArrowArrayStream*, void* out)}: target first. */
    static final MethodHandle CALL_GET = Linker.nativeLinker().downcallHandle(GET_DESC);
    /** {@code const char* (*)(ArrowArrayStream*)}: target first. */
    static final MethodHandle CALL_LAST_ERROR = Linker.nativeLinker().downcallHandle(LAST_ERROR_DESC);

    /** The structure at {@code address} with {@code layout}'s size (no bounds: the caller vouches for it). */
    static MemorySegment at(long address, StructLayout layout) {
        if (address == 0) throw new IllegalArgumentException("null " + layout.name().orElse("struct") + " pointer");
        return MemorySegment.ofAddress(address).reinterpret(layout.byteSize());
    }

    static long ptr(MemorySegment s, long offset) {
        return s.get(ADDRESS, offset).address();
    }

    static void setPtr(MemorySegment s, long offset, long address) {
        s.set(ADDRESS, offset, MemorySegment.ofAddress(address));
    }

    static void setPtr(MemorySegment s, long offset, MemorySegment target) {
        s.set(ADDRESS, offset, target);
    }

    /** Calls a structure's release callback (its {@code release} member at {@code releaseOffset}). */
    static void callRelease(MemorySegment struct, long releaseOffset) {
        MemorySegment fn = struct.get(ADDRESS, releaseOffset);
        if (fn.address() == 0) return;
        try {
            CALL_RELEASE.invokeExact(fn, struct);
        } catch (Throwable t) {
            throw new IllegalStateException("release callback failed", t);
        }
    }

    /** Reads a NUL-terminated UTF-8 string at {@code address} (null for a null pointer). */
    static String string(long address) {
        if (address == 0) return null;
        return MemorySegment.ofAddress(address).reinterpret(Long.MAX_VALUE).getString(0);
    }

    static final ValueLayout.OfInt NATIVE_INT = JAVA_INT;
}
