package dev.quiver.ipc;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Sequential input of a stream: bytes in memory (read as zero-copy slices) or a channel (read into memory as
 * it arrives). Sizes declared by the input are never trusted to allocate: a source hands out only bytes that
 * are really there.
 */
interface ByteSource extends AutoCloseable {

    /** Absolute position of the next byte, for error messages. */
    long position();

    /**
     * Reads up to {@code n} bytes (n ≤ 8) into {@code dst}; returns how many were read, fewer only at the end
     * of the input.
     */
    int readSmall(byte[] dst, int n) throws IOException;

    /**
     * Exactly {@code n} bytes as a segment: a slice of the input when it is in memory, else a copy allocated
     * from {@code arena} (heap memory when {@code arena} is null). Returns a segment shorter than {@code n}
     * only when the input ends first.
     */
    MemorySegment read(long n, Arena arena) throws IOException;

    /** Whether {@link #read} returns slices of memory that the caller does not own. */
    boolean isMemory();

    @Override
    void close() throws IOException;
}
