package dev.quiver.compress;

import dev.quiver.memory.LE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Test inputs and helpers shared by the codec tests. */
final class Fixtures {
    private Fixtures() {}

    static MemorySegment bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return MemorySegment.ofArray(b);
    }

    static MemorySegment random(long length, long seed) {
        byte[] b = new byte[Math.toIntExact(length)];
        new SplittableRandom(seed).nextBytes(b);
        return MemorySegment.ofArray(b);
    }

    /** Text-like data that compresses well but not trivially. */
    static MemorySegment compressible(long length, long seed) {
        String[] words = {"Paris", "Montpellier", "Toulouse", "Angers", "Rennes", "Nantes", "Nice", ", "};
        SplittableRandom r = new SplittableRandom(seed);
        byte[] out = new byte[Math.toIntExact(length)];
        int p = 0;
        while (p < out.length) {
            byte[] w = words[r.nextInt(words.length)].getBytes(StandardCharsets.UTF_8);
            int n = Math.min(w.length, out.length - p);
            System.arraycopy(w, 0, out, p, n);
            p += n;
        }
        return MemorySegment.ofArray(out);
    }

    /** The text the LZ4 and zstd command-line tools compressed into the resources of this package. */
    static MemorySegment lines() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            sb.append("line ").append(i).append(" value ").append(i * i % 1000).append(' ')
                    .append(String.valueOf("abcdefghij".charAt(i % 10)).repeat(i % 7)).append('\n');
        }
        return MemorySegment.ofArray(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static MemorySegment resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return MemorySegment.ofArray(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code data} behind an 8-byte little-endian prefix. */
    static MemorySegment prefixed(long declared, MemorySegment data) {
        MemorySegment s = MemorySegment.ofArray(new byte[Math.toIntExact(8 + data.byteSize())]);
        s.set(LE.LONG, 0, declared);
        MemorySegment.copy(data, 0, s, 8, data.byteSize());
        return s;
    }

    /** A copy in native memory of {@code arena}. */
    static MemorySegment offHeap(Arena arena, MemorySegment s) {
        return arena.allocate(Math.max(1, s.byteSize())).asSlice(0, s.byteSize()).copyFrom(s);
    }

    /** An allocator that fails the test if anything asks for more than {@code max} bytes at once. */
    static SegmentAllocator capped(Arena arena, long max) {
        return (size, align) -> {
            if (size > max) throw new AssertionError("allocation of " + size + " bytes (cap " + max + ")");
            return arena.allocate(size, align);
        };
    }

    static byte[] toArray(MemorySegment s) {
        return s.toArray(LE.BYTE);
    }
}
