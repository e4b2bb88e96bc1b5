package dev.quiver.compress;

import dev.quiver.InvalidDataException;
import dev.quiver.UnsupportedFeatureException;
import dev.quiver.memory.LE;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static dev.quiver.compress.Fixtures.*;
import static dev.quiver.compress.Lz4Frames.ascii;
import static org.junit.jupiter.api.Assertions.*;

class Lz4FrameReaderTest {

    private static final BufferCodec LZ4 = BufferCodec.create(CompressionType.LZ4_FRAME);
    private static final int LINKED = 0x40;
    private static final int INDEPENDENT = 0x60;
    private static final int BD_64K = 0x40;

    private static MemorySegment decode(long declared, byte[] frame) {
        return LZ4.decode(prefixed(declared, MemorySegment.ofArray(frame)), Arena.ofAuto(), "f.arrow", 1000,
                Long.MAX_VALUE);
    }

    private static InvalidDataException rejects(long declared, byte[] frame, String expected) {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> decode(declared, frame));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("f.arrow, at byte "), e.getMessage());
        return e;
    }

    /** Block 1 holds 16 literals; block 2 copies from block 1, overlapping, then its own output. */
    private static byte[] linkedFrame(int flg) {
        byte[] b1 = new Lz4Frames.Block().last(ascii("abcdefgh12345678"));
        byte[] b2 = new Lz4Frames.Block()
                .seq(ascii(""), 16, 16)        // the whole of block 1 again
                .seq(ascii("x"), 3, 10)        // overlapping: "78x" repeated
                .seq(ascii(""), 1, 20)         // run of the last byte
                .last(ascii("END"));
        return new Lz4Frames().header(flg, BD_64K, 0).block(b1).block(b2).end().bytes();
    }

    private static final String LINKED_TEXT = "abcdefgh12345678" + "abcdefgh12345678" + "x" + "78x78x78x7"
            + "7".repeat(20) + "END";

    @Test
    void linkedBlocksReferenceEarlierBlocks() {
        MemorySegment out = decode(LINKED_TEXT.length(), linkedFrame(LINKED));
        assertEquals(LINKED_TEXT, new String(toArray(out), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void independentBlocksMayNotReferenceEarlierBlocks() {
        rejects(LINKED_TEXT.length(), linkedFrame(INDEPENDENT), "corrupt LZ4 block");
    }

    @Test
    void matchBeforeTheStartOfTheFrame() {
        byte[] b1 = new Lz4Frames.Block().last(ascii("abcd"));
        byte[] b2 = new Lz4Frames.Block().seq(ascii(""), 5, 4).last(ascii("z"));
        byte[] frame = new Lz4Frames().header(LINKED, BD_64K, 0).block(b1).block(b2).end().bytes();
        rejects(9, frame, "reaches before the start");
    }

    @Test
    void matchOffsetZero() {
        byte[] b = new Lz4Frames.Block().seq(ascii("abcd"), 0, 4).last(ascii("z"));
        rejects(9, new Lz4Frames().header(LINKED, BD_64K, 0).block(b).end().bytes(), "offset 0");
    }

    @Test
    void linkedBlockOverflowingTheDeclaredLength() {
        rejects(LINKED_TEXT.length() - 1, linkedFrame(LINKED), "overflow");
    }

    @Test
    void truncatedLinkedFrameAtEveryByte() {
        byte[] frame = linkedFrame(LINKED);
        for (int cut = 0; cut < frame.length; cut++) {
            byte[] t = java.util.Arrays.copyOf(frame, cut);
            assertThrows(InvalidDataException.class, () -> decode(LINKED_TEXT.length(), t), "cut at " + cut);
        }
    }

    @Test
    void framesFromTheLz4CommandLineToolWithLinkedBlocks() {
        MemorySegment lines = lines();
        for (String name : new String[] {"lines-linked.lz4", "lines-linked-checksums.lz4"}) {
            MemorySegment frame = resource(name);
            int flg = frame.get(LE.BYTE, 4);
            assertEquals(0, flg & Lz4FrameCodec.FLG_BLOCK_INDEPENDENCE, name + " has linked blocks");
            MemorySegment out = decode(lines.byteSize(), toArray(frame));
            assertEquals(-1, out.mismatch(lines), name);
        }
    }

    @Test
    void checksumsAreVerified() {
        byte[] frame = toArray(resource("lines-linked-checksums.lz4"));
        long n = lines().byteSize();
        // Every byte of the first block's data is covered by the block checksum.
        for (int i = 20; i < 200; i += 7) {
            byte[] bad = frame.clone();
            bad[i] ^= 0x10;
            rejects(n, bad, "checksum mismatch");
        }
        byte[] badContent = frame.clone();
        badContent[badContent.length - 1] ^= 1;
        rejects(n, badContent, "content checksum mismatch");
        byte[] badHeader = frame.clone();
        badHeader[6] ^= 1; // inside the content size
        rejects(n, badHeader, "header checksum mismatch");
    }

    @Test
    void framesFromLz4JavaFrameOutputStream() throws IOException {
        MemorySegment src = compressible(1_000_000, 21);
        for (LZ4FrameOutputStream.BLOCKSIZE size : LZ4FrameOutputStream.BLOCKSIZE.values()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, size, src.byteSize(),
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE,
                    LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM)) {
                out.write(toArray(src));
            }
            assertEquals(-1, decode(src.byteSize(), bytes.toByteArray()).mismatch(src), size.toString());
        }
    }

    @Test
    void contentSizeMustMatch() {
        byte[] b = new Lz4Frames.Block().last(ascii("hello"));
        int flg = LINKED | Lz4FrameCodec.FLG_CONTENT_SIZE;
        assertEquals("hello", new String(toArray(decode(5, new Lz4Frames().header(flg, BD_64K, 5).block(b).end().bytes()))));
        rejects(5, new Lz4Frames().header(flg, BD_64K, 4).block(b).end().bytes(), "header says 4");
        rejects(5, new Lz4Frames().header(flg, BD_64K, 6).block(b).end().bytes(), "content size 6 exceeds");
        rejects(5, new Lz4Frames().header(flg, BD_64K, -1).block(b).end().bytes(), "content size 18446744073709551615");
    }

    @Test
    void storedBlocksSkippableFramesAndSeveralFrames() {
        // Follows the end-of-block rules (last 5 bytes literals, last match 12 bytes before the end), which
        // the native decoder enforces.
        byte[] b = new Lz4Frames.Block().seq(ascii("ab"), 2, 6).last(ascii("!".repeat(12)));
        byte[] frames = new Lz4Frames()
                .int32(0x184D2A53).int32(3).int32(0x00FFFFFF)   // skippable frame, 3 bytes, then 1 more byte
                .bytes();
        // The skippable frame above holds 3 bytes: the 4th byte of the last int32 starts the next frame: fix it.
        frames = java.util.Arrays.copyOf(frames, frames.length - 1);
        byte[] two = new Lz4Frames().header(INDEPENDENT, 0x70, 0).storedBlock(ascii("raw-")).block(b).end()
                .header(LINKED, BD_64K, 0).block(b).end().bytes();
        byte[] all = new byte[frames.length + two.length];
        System.arraycopy(frames, 0, all, 0, frames.length);
        System.arraycopy(two, 0, all, frames.length, two.length);
        String block = "abababab" + "!".repeat(12);
        assertEquals("raw-" + block + block, new String(toArray(decode(44, all))));
    }

    @Test
    void malformedDescriptors() {
        byte[] b = new Lz4Frames.Block().last(ascii("hello"));
        rejects(5, new Lz4Frames().header(0x80, BD_64K, 0).block(b).end().bytes(), "version");
        rejects(5, new Lz4Frames().header(LINKED | 0x02, BD_64K, 0).block(b).end().bytes(), "reserved bit");
        rejects(5, new Lz4Frames().header(LINKED, 0x30, 0).block(b).end().bytes(), "block maximum size id 3");
        rejects(5, new Lz4Frames().header(LINKED, 0x41, 0).block(b).end().bytes(), "reserved bits");
        rejects(5, new Lz4Frames().int32(0x12345678).bytes(), "not an LZ4 frame");
        byte[] big = new Lz4Frames().header(LINKED, BD_64K, 0).int32(65537).bytes();
        rejects(5, big, "exceeds the frame's maximum block size");
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> decode(5,
                new Lz4Frames().header(LINKED | Lz4FrameCodec.FLG_DICT_ID, BD_64K, 0).block(b).end().bytes()));
        assertTrue(e.getMessage().contains("at byte"), e.getMessage());
    }

    @Test
    void blockDecoderErrors() {
        int flg = LINKED;
        rejects(100, new Lz4Frames().header(flg, BD_64K, 0).block(new byte[] {(byte) 0xF0}).end().bytes(),
                "literal length runs past");
        rejects(100, new Lz4Frames().header(flg, BD_64K, 0).block(new byte[] {(byte) 0x50, 'a'}).end().bytes(),
                "runs past the end of the block");
        rejects(100, new Lz4Frames().header(flg, BD_64K, 0).block(new byte[] {(byte) 0x1F, 'a', 1}).end().bytes(),
                "offset truncated");
        rejects(100, new Lz4Frames().header(flg, BD_64K, 0).block(new byte[] {(byte) 0x1F, 'a', 1, 0}).end().bytes(),
                "match length runs past");
        rejects(100, new Lz4Frames().header(flg, BD_64K, 0).block(new byte[] {(byte) 0x10, 'a', 1, 0}).end().bytes(),
                "ends after a match");
    }

    @Test
    void xxHash32MatchesLz4Java() {
        var reference = XXHashFactory.fastestInstance().hash32();
        SplittableRandom r = new SplittableRandom(5);
        for (int len = 0; len < 300; len++) {
            byte[] b = new byte[len + 3];
            r.nextBytes(b);
            int seed = r.nextInt();
            assertEquals(reference.hash(b, 3, len, seed), XxHash32.hash(MemorySegment.ofArray(b), 3, len, seed));
        }
    }
}
