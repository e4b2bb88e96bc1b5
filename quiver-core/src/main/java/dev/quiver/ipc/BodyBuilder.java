package dev.quiver.ipc;

import dev.quiver.compress.BufferCodec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Collects the buffers of one message body: records each buffer's offset and length (after compression,
 * when a codec is given) and the padding that aligns the next one, keeping references to the buffers so
 * the writer can send them without an intermediate copy.
 *
 * <p>With a codec and a {@link CodecPool}, large buffers are compressed on the pool while the caller goes on
 * adding the rest (as Arrow C++ does with {@code use_threads}); the layout is fixed on the first call to
 * {@link #offsets()}, {@link #lengths()}, {@link #size()} or {@link #parts()}. Parallel compression needs
 * the sources and {@code scratch} to be accessible from other threads; buffers that are not (confined
 * arenas) are compressed on the caller's thread.
 */
final class BodyBuilder {
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[64]);

    private final int alignment;
    private final BufferCodec codec;
    private final Arena scratch;
    private final CodecPool pool;
    private final boolean scratchShared;
    private final List<Object> pending = new ArrayList<>(); // MemorySegment or CompletableFuture<MemorySegment>
    private List<MemorySegment> parts;
    private long[] offsets;
    private long[] lengths;
    private long size;

    BodyBuilder(int alignment, BufferCodec codec, Arena scratch) {
        this(alignment, codec, scratch, null);
    }

    BodyBuilder(int alignment, BufferCodec codec, Arena scratch, CodecPool pool) {
        this.alignment = alignment;
        this.codec = codec;
        this.scratch = scratch;
        this.pool = pool;
        this.scratchShared = pool != null && codec != null && CodecPool.shareable(scratch);
    }

    void add(MemorySegment buffer) {
        if (parts != null) throw new IllegalStateException("body already laid out");
        if (codec == null || buffer.byteSize() == 0) {
            pending.add(buffer);
            return;
        }
        if (scratchShared && pool.worthIt(buffer) && CodecPool.shareable(buffer)) {
            MemorySegment dst = scratch.allocate(codec.maxEncodedLength(buffer.byteSize()), 8);
            pending.add(pool.submit(() -> dst.asSlice(0, codec.encode(buffer, dst))));
        } else {
            pending.add(codec.encode(buffer, scratch));
        }
    }

    private void layOut() {
        if (parts != null) return;
        int n = pending.size();
        offsets = new long[n];
        lengths = new long[n];
        parts = new ArrayList<>(n * 2);
        for (int i = 0; i < n; i++) {
            MemorySegment out = resolve(pending.get(i));
            offsets[i] = size;
            lengths[i] = out.byteSize();
            if (out.byteSize() > 0) parts.add(out);
            size += out.byteSize();
            long padded = Framing.padTo(size, alignment);
            if (padded > size) {
                parts.add(ZEROS.asSlice(0, padded - size));
                size = padded;
            }
        }
    }

    /**
     * Waits for every compression still running, ignoring their outcome. Called when encoding fails, before
     * the scratch arena the workers write into is closed.
     */
    void abandon() {
        CodecPool.awaitQuietly(pending);
    }

    @SuppressWarnings("unchecked")
    private static MemorySegment resolve(Object o) {
        return o instanceof MemorySegment s ? s : CodecPool.join((CompletableFuture<MemorySegment>) o);
    }

    long[] offsets() { layOut(); return offsets.clone(); }
    long[] lengths() { layOut(); return lengths.clone(); }
    long size() { layOut(); return size; }
    List<MemorySegment> parts() { layOut(); return parts; }
}
