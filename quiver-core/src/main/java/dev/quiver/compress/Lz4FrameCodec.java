package dev.quiver.compress;

import dev.quiver.memory.LE;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.ByteBuffer;

/**
 * {@code LZ4_FRAME}: writes one LZ4 frame of independent blocks (block size fitted to the buffer, at most
 * 4 MiB, no checksums: what LZ4F writes by default) compressed by lz4-java; reads any LZ4 frame with
 * {@link Lz4FrameReader} into an {@link Lz4Output}. The native compressor reads each block in place only when
 * nobody else can free or shrink it ({@link Segments#nativeMayRead}), else from a private copy.
 */
final class Lz4FrameCodec extends PrefixedCodec {

    /** Below the first high-compression level of LZ4 (3): the fast compressor. */
    static final int DEFAULT_LEVEL = 0;
    /** Highest LZ4 HC level (LZ4HC_CLEVEL_MAX). */
    static final int MAX_LEVEL = 12;

    static final int MAGIC = 0x184D2204;
    static final int FLG_VERSION = 0x40;
    static final int FLG_BLOCK_INDEPENDENCE = 0x20;
    static final int FLG_BLOCK_CHECKSUM = 0x10;
    static final int FLG_CONTENT_SIZE = 0x08;
    static final int FLG_CONTENT_CHECKSUM = 0x04;
    static final int FLG_DICT_ID = 0x01;
    static final int UNCOMPRESSED_BLOCK = 0x8000_0000;
    /** Block size ids 4..7: 64 KiB, 256 KiB, 1 MiB, 4 MiB. */
    static final int MIN_BLOCK_SIZE_ID = 4;
    static final int MAX_BLOCK_SIZE_ID = 7;
    private static final int HEADER_LENGTH = 7;
    private static final int END_MARK_LENGTH = 4;

    private final LZ4Compressor compressor;

    Lz4FrameCodec(int level) {
        super(level);
        if (level > MAX_LEVEL) {
            throw new IllegalArgumentException("LZ4 level " + level + " above " + MAX_LEVEL);
        }
        LZ4Factory factory = LZ4Factory.fastestInstance();
        this.compressor = level < 3 ? factory.fastCompressor() : factory.highCompressor(level);
    }

    @Override
    public CompressionType type() {
        return CompressionType.LZ4_FRAME;
    }

    static int blockSize(int blockSizeId) {
        return 1 << (2 * blockSizeId + 8);
    }

    /** The smallest block size that holds the whole buffer, at most 4 MiB (as LZ4F does). */
    private static int blockSizeIdFor(long length) {
        int id = MIN_BLOCK_SIZE_ID;
        while (id < MAX_BLOCK_SIZE_ID && blockSize(id) < length) id++;
        return id;
    }

    @Override
    long maxCompressedLength(long srcLength) {
        int block = blockSize(blockSizeIdFor(srcLength));
        long blocks = Math.max(1, (srcLength + block - 1) / block);
        long perBlock = 4L + Math.max(block, compressor.maxCompressedLength(block));
        return HEADER_LENGTH + blocks * perBlock + END_MARK_LENGTH;
    }

    @Override
    long maxPossibleOutput(long compressedLength) {
        // A match-length byte of 255 is the densest LZ4 encoding: at most 255 output bytes per input byte.
        return compressedLength > Long.MAX_VALUE / 255 ? Long.MAX_VALUE : compressedLength * 255;
    }

    @Override
    long compress(MemorySegment src, MemorySegment dst) {
        long n = src.byteSize();
        int id = blockSizeIdFor(n);
        int blockMax = blockSize(id);
        dst.set(LE.INT, 0, MAGIC);
        dst.set(LE.BYTE, 4, (byte) (FLG_VERSION | FLG_BLOCK_INDEPENDENCE));
        dst.set(LE.BYTE, 5, (byte) (id << 4));
        dst.set(LE.BYTE, 6, (byte) (XxHash32.hash(dst, 4, 2, 0) >>> 8));
        long p = HEADER_LENGTH;
        for (long off = 0; off < n; off += blockMax) {
            int len = (int) Math.min(blockMax, n - off);
            int bound = compressor.maxCompressedLength(len);
            int c = compressBlock(src, off, len, dst, p + 4, bound);
            if (c >= len) {
                dst.set(LE.INT, p, len | UNCOMPRESSED_BLOCK);
                MemorySegment.copy(src, off, dst, p + 4, len);
                p += 4 + len;
            } else {
                dst.set(LE.INT, p, c);
                p += 4 + c;
            }
        }
        dst.set(LE.INT, p, 0);
        return p + END_MARK_LENGTH;
    }

    private int compressBlock(MemorySegment src, long off, int len, MemorySegment dst, long at, int bound) {
        ByteBuffer out = Segments.view(dst, at, bound);
        if (out != null && !out.isReadOnly()) {
            if (Segments.nativeMayRead(src, null)) {
                ByteBuffer in = Segments.view(src, off, len);
                if (in != null) return compressor.compress(in, 0, len, out, 0, bound);
            } else {
                // native code reads a private copy of the block, never memory that may be freed or shrink
                try (Scratch scratch = Scratch.borrow(len)) {
                    return compressor.compress(scratch.copyOf(src, off, len).asByteBuffer(), 0, len, out, 0, bound);
                }
            }
        }
        byte[] a = src.asSlice(off, len).toArray(LE.BYTE);
        byte[] b = new byte[bound];
        int c = compressor.compress(a, 0, len, b, 0, bound);
        MemorySegment.copy(MemorySegment.ofArray(b), 0, dst, at, c);
        return c;
    }

    @Override
    MemorySegment decompress(MemorySegment body, long declared, SegmentAllocator alloc, Site site) {
        try (Lz4Output out = new Lz4Output(declared, body.byteSize(), alloc)) {
            Lz4FrameReader.read(body, out, Segments.nativeMayRead(body, alloc), site);
            return out.result();
        }
    }
}
