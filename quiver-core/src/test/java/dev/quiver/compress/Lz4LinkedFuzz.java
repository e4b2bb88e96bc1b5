package dev.quiver.compress;

import dev.quiver.InvalidDataException;
import dev.quiver.memory.LE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link Lz4LinkedBlocksTest}: damages the blocks of linked LZ4 frames (payload bytes
 * changed, never the block sizes) and decodes each through the codec, where liblz4 decodes linked blocks, and
 * block by block with the Java decoder. Both must agree: the same bytes, or both refuse (an
 * {@link InvalidDataException}); output never beyond the declared length. Prints {@code cases N} and
 * {@code decoded N}.
 */
public final class Lz4LinkedFuzz {
    public static void main(String[] args) {
        if (!NativeLz4.AVAILABLE) throw new AssertionError("liblz4 not available through lz4-java");
        int rounds = Integer.parseInt(args[0]);
        SplittableRandom r = new SplittableRandom(42);
        BufferCodec codec = BufferCodec.create(CompressionType.LZ4_FRAME);
        long cases = 0;
        long decoded = 0;
        byte[] data = Lz4LinkedBlocksTest.crossBlockData(300_000, 1);
        byte[] frame = LinkedLz4.frame(data, 4);
        for (int i = 0; i < rounds; i++) {
            byte[] bad = frame.clone();
            int changes = 1 + r.nextInt(4);
            for (int c = 0; c < changes; c++) {
                int at = payloadByte(frame, r);
                bad[at] = r.nextInt(3) == 0 ? (byte) 0xFF : (byte) r.nextInt(256);
            }
            long declared = r.nextInt(4) == 0 ? data.length - 1 - r.nextInt(1000) : data.length;
            byte[] viaCodec = decodeWithCodec(codec, bad, declared);
            byte[] viaJava = decodeInJava(bad, declared);
            if (!Arrays.equals(viaCodec, viaJava)) {
                throw new AssertionError("round " + i + ": native " + (viaCodec == null ? "refused" : "decoded")
                        + ", Java " + (viaJava == null ? "refused" : "decoded") + " differently");
            }
            cases++;
            if (viaCodec != null) decoded++;
        }
        System.out.println("cases " + cases);
        System.out.println("decoded " + decoded);
    }

    /** A random byte inside some block's payload (after the 7-byte header, skipping each size word). */
    private static int payloadByte(byte[] frame, SplittableRandom r) {
        MemorySegment f = MemorySegment.ofArray(frame);
        int blocks = 0;
        for (long p = 7; f.get(LE.INT, p) != 0; p += 4 + (f.get(LE.INT, p) & 0x7FFF_FFFF)) blocks++;
        while (true) { // a compressed block's payload (a stored block's bytes are not decoded)
            int pick = r.nextInt(blocks);
            long p = 7;
            for (int b = 0; b < pick; b++) p += 4 + (f.get(LE.INT, p) & 0x7FFF_FFFF);
            int word = f.get(LE.INT, p);
            if (word > 0) return (int) (p + 4 + r.nextInt(word));
        }
    }

    private static byte[] decodeWithCodec(BufferCodec codec, byte[] frame, long declared) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(8 + frame.length);
            in.set(LE.LONG, 0, declared);
            MemorySegment.copy(MemorySegment.ofArray(frame), 0, in, 8, frame.length);
            MemorySegment out = codec.decode(in, arena, "fuzz", 0, declared);
            if (out.byteSize() != declared) throw new AssertionError("decoded " + out.byteSize() + " of " + declared);
            return out.toArray(LE.BYTE);
        } catch (InvalidDataException e) {
            return null;
        }
    }

    /** The frame's blocks through {@link Lz4BlockDecoder} alone, as the reader would without liblz4. */
    static byte[] decodeInJava(byte[] frame, long declared) {
        int blockMax = Lz4FrameCodec.blockSize((frame[5] >>> 4) & 7);
        MemorySegment f = MemorySegment.ofArray(frame);
        MemorySegment out = MemorySegment.ofArray(new byte[(int) declared]);
        Site site = new Site("java", 8);
        long op = 0;
        try {
            for (long p = 7; f.get(LE.INT, p) != 0; ) {
                int word = f.get(LE.INT, p);
                int size = word & 0x7FFF_FFFF;
                if (word < 0) { // stored
                    if (size > declared - op) return null;
                    MemorySegment.copy(f, p + 4, out, op, size);
                    op += size;
                } else {
                    long limit = Math.min(declared, op + blockMax);
                    op = Lz4BlockDecoder.decode(f, p + 4, p + 4 + size, out, 0, op, limit, site);
                }
                p += 4 + size;
            }
        } catch (InvalidDataException e) {
            return null;
        }
        return op == declared ? out.toArray(LE.BYTE) : null;
    }
}
