package dev.quiver.ipc;

import dev.quiver.compress.BufferCodec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the buffers of one message body: records each buffer's offset and length (after compression,
 * when a codec is given) and the padding that aligns the next one, keeping references to the buffers so
 * the writer can send them without an intermediate copy.
 */
final class BodyBuilder {
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[64]);

    private final int alignment;
    private final BufferCodec codec;
    private final Arena scratch;
    private final List<MemorySegment> parts = new ArrayList<>();
    private long[] offsets = new long[16];
    private long[] lengths = new long[16];
    private int count;
    private long size;

    BodyBuilder(int alignment, BufferCodec codec, Arena scratch) {
        this.alignment = alignment;
        this.codec = codec;
        this.scratch = scratch;
    }

    void add(MemorySegment buffer) {
        MemorySegment out = buffer;
        if (codec != null && buffer.byteSize() > 0) {
            out = codec.encode(buffer, scratch);
        }
        if (count == offsets.length) {
            offsets = java.util.Arrays.copyOf(offsets, count * 2);
            lengths = java.util.Arrays.copyOf(lengths, count * 2);
        }
        offsets[count] = size;
        lengths[count] = out.byteSize();
        count++;
        if (out.byteSize() > 0) parts.add(out);
        size += out.byteSize();
        long padded = Framing.padTo(size, alignment);
        if (padded > size) {
            parts.add(ZEROS.asSlice(0, padded - size));
            size = padded;
        }
    }

    long[] offsets() { return java.util.Arrays.copyOf(offsets, count); }
    long[] lengths() { return java.util.Arrays.copyOf(lengths, count); }
    long size() { return size; }
    List<MemorySegment> parts() { return parts; }
}
