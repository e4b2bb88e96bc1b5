package dev.quiver.compress;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** Builds LZ4 frames and blocks byte by byte, for tests that need frames no library writes. */
final class Lz4Frames {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    Lz4Frames header(int flg, int bd, long contentSize) {
        int32(Lz4FrameCodec.MAGIC);
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.write(flg);
        d.write(bd);
        if ((flg & Lz4FrameCodec.FLG_CONTENT_SIZE) != 0) {
            for (int i = 0; i < 8; i++) d.write((int) (contentSize >>> (8 * i)));
        }
        if ((flg & Lz4FrameCodec.FLG_DICT_ID) != 0) {
            d.writeBytes(new byte[] {7, 0, 0, 0});
        }
        byte[] desc = d.toByteArray();
        out.writeBytes(desc);
        out.write(XxHash32.hash(MemorySegment.ofArray(desc), 0, desc.length, 0) >>> 8);
        return this;
    }

    /** A compressed block. */
    Lz4Frames block(byte[] payload) {
        int32(payload.length);
        out.writeBytes(payload);
        return this;
    }

    Lz4Frames storedBlock(byte[] raw) {
        int32(raw.length | 0x8000_0000);
        out.writeBytes(raw);
        return this;
    }

    Lz4Frames end() {
        int32(0);
        return this;
    }

    Lz4Frames int32(int v) {
        for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** LZ4 block sequences: literals, then a match of {@code matchLength} bytes at {@code offset}. */
    static final class Block {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Block seq(byte[] literals, int offset, int matchLength) {
            int ml = matchLength - 4;
            b.write((Math.min(literals.length, 15) << 4) | Math.min(ml, 15));
            length(literals.length);
            b.writeBytes(literals);
            b.write(offset);
            b.write(offset >>> 8);
            length(ml);
            return this;
        }

        byte[] last(byte[] literals) {
            b.write(Math.min(literals.length, 15) << 4);
            length(literals.length);
            b.writeBytes(literals);
            return b.toByteArray();
        }

        private void length(int n) {
            if (n < 15) return;
            n -= 15;
            while (n >= 255) {
                b.write(255);
                n -= 255;
            }
            b.write(n);
        }
    }
}
