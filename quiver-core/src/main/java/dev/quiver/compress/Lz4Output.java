package dev.quiver.compress;

import dev.quiver.memory.ReclaimableArena;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * Where an LZ4 decode writes its output of exactly {@code declared} bytes. Nothing is allocated before the
 * first frame header has been checked (the first {@link #ensure}), and nothing is zero-filled: the decoder
 * overwrites every byte it hands out. A declared length that is plausible for the input (at most
 * {@value #DIRECT_RATIO} times the compressed bytes, or {@value #DIRECT_FLOOR} bytes) is allocated at once;
 * a larger one, which LZ4's 255:1 bound still allows but few real buffers reach, only as the blocks actually
 * decode, doubling in private memory and copied into the final allocation at the end. So an input that lies
 * about its size costs at most about twice what it really decodes to, not what it declares.
 */
final class Lz4Output implements AutoCloseable {
    static final long DIRECT_RATIO = 16;
    static final long DIRECT_FLOOR = 1L << 20;

    private final long declared;
    private final SegmentAllocator alloc;
    private final boolean direct;
    private ReclaimableArena growth; // private memory while growing, or null
    private MemorySegment segment;   // null until the first ensure
    private long allocated;

    Lz4Output(long declared, long compressed, SegmentAllocator alloc) {
        this.declared = declared;
        this.alloc = alloc;
        this.direct = declared <= DIRECT_FLOOR || declared / DIRECT_RATIO <= compressed;
    }

    /** The declared length: the output's final size. */
    long size() {
        return declared;
    }

    /** The memory written so far (valid after {@link #ensure}). */
    MemorySegment segment() {
        return segment;
    }

    /** Whether the whole output is allocated at the first {@link #ensure} (not grown as the blocks decode). */
    boolean direct() {
        return direct;
    }

    /** Bytes allocated so far, growth included (for tests of the allocation rule). */
    long allocated() {
        return allocated;
    }

    /**
     * Makes room up to {@code end} (at most {@link #size()}), keeping the first {@code written} bytes.
     */
    void ensure(long end, long written) {
        if (segment != null && segment.byteSize() >= end) return;
        long cap = direct ? declared
                : Math.min(declared, Math.max(end, segment == null ? DIRECT_FLOOR : 2 * segment.byteSize()));
        MemorySegment next;
        ReclaimableArena nextGrowth = null;
        if (cap == declared) {
            next = ReclaimableArena.allocateUninitialized(alloc, declared, PrefixedCodec.ALIGNMENT);
        } else {
            nextGrowth = ReclaimableArena.ofConfined();
            next = nextGrowth.allocateUninitialized(cap, PrefixedCodec.ALIGNMENT);
        }
        allocated += cap;
        if (segment != null && written > 0) MemorySegment.copy(segment, 0, next, 0, written);
        if (growth != null) growth.close();
        growth = nextGrowth;
        segment = next;
    }

    /** The output once all {@link #size()} bytes were written. */
    MemorySegment result() {
        if (segment == null) ensure(declared, 0);
        return segment;
    }

    /** Frees the private growth memory (the result, if taken, lives in the caller's allocator). */
    @Override
    public void close() {
        if (growth != null) growth.close();
        growth = null;
    }
}
