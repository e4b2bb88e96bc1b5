package dev.quiver.compress;

import dev.quiver.memory.LE;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.ByteBuffer;
import java.util.concurrent.ForkJoinTask;

/**
 * {@code LZ4_FRAME}: writes one LZ4 frame of independent blocks (block size fitted to the buffer, at most
 * 1 MiB, no checksums) compressed by lz4-java; reads any LZ4 frame with {@link Lz4FrameReader} into an
 * {@link Lz4Output}. The native compressor reads each block in place only when nobody else can free or shrink
 * it ({@link Segments#nativeMayRead}), else from a private copy.
 *
 * <p>With more than one thread, a buffer of two blocks or more that is compressed on a fork/join worker (the
 * writers' codec pool) has its blocks compressed as tasks of that pool, each into a slot of the output of its
 * own, then moved together in block order: the bytes are exactly those of the serial path, whatever the
 * number of threads or the order in which the tasks finish. Blocks are independent and at most 1 MiB (not
 * LZ4's largest, 4 MiB) so that a buffer of a few MiB splits into enough tasks; LZ4 matches reach back at most
 * 64 KiB, so the smaller blocks cost at most that much history per block.
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
    /** The largest block size id written: 1 MiB. */
    static final int MAX_WRITE_BLOCK_SIZE_ID = 6;
    private static final int HEADER_LENGTH = 7;
    private static final int END_MARK_LENGTH = 4;

    private static final Thread PROBE = new Thread(() -> {});

    private final LZ4Compressor compressor;
    private final int threads;

    Lz4FrameCodec(int level) {
        this(level, 1);
    }

    /** @param threads up to how many blocks of one buffer may be compressed at once (1: serially) */
    Lz4FrameCodec(int level, int threads) {
        super(level);
        this.threads = Math.max(1, threads);
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

    /** The smallest block size that holds the whole buffer, at most 1 MiB. */
    static int blockSizeIdFor(long length) {
        int id = MIN_BLOCK_SIZE_ID;
        while (id < MAX_WRITE_BLOCK_SIZE_ID && blockSize(id) < length) id++;
        return id;
    }

    @Override
    long maxCompressedLength(long srcLength) {
        int block = blockSize(blockSizeIdFor(srcLength));
        long blocks = Math.max(1, (srcLength + block - 1) / block);
        return HEADER_LENGTH + blocks * slot(block) + END_MARK_LENGTH;
    }

    @Override
    long maxPossibleOutput(long compressedLength) {
        // A match-length byte of 255 is the densest LZ4 encoding: at most 255 output bytes per input byte.
        return compressedLength > Long.MAX_VALUE / 255 ? Long.MAX_VALUE : compressedLength * 255;
    }

    /** Room for one block: its 4-byte size and its bytes, compressed or stored. */
    private long slot(int blockMax) {
        return 4L + Math.max(blockMax, compressor.maxCompressedLength(blockMax));
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
        long blocks = (n + blockMax - 1) / blockMax;
        long p = blocks >= 2 && inParallel(src, dst)
                ? compressBlocksInParallel(src, dst, (int) blocks, blockMax)
                : compressBlocks(src, dst, blockMax);
        dst.set(LE.INT, p, 0);
        return p + END_MARK_LENGTH;
    }

    /** Whether the blocks go to the fork/join pool the caller runs on, which needs both segments shared. */
    private boolean inParallel(MemorySegment src, MemorySegment dst) {
        return threads > 1 && ForkJoinTask.inForkJoinPool()
                && src.isAccessibleBy(PROBE) && dst.isAccessibleBy(PROBE);
    }

    private long compressBlocks(MemorySegment src, MemorySegment dst, int blockMax) {
        long n = src.byteSize();
        long p = HEADER_LENGTH;
        for (long off = 0; off < n; off += blockMax) {
            p += writeBlock(src, off, (int) Math.min(blockMax, n - off), dst, p);
        }
        return p;
    }

    /** Writes one block (its size word, then its bytes) at {@code p}; returns the bytes written. */
    private long writeBlock(MemorySegment src, long off, int len, MemorySegment dst, long p) {
        int c = compressBlock(src, off, len, dst, p + 4, compressor.maxCompressedLength(len));
        if (c >= len) {
            dst.set(LE.INT, p, len | UNCOMPRESSED_BLOCK);
            MemorySegment.copy(src, off, dst, p + 4, len);
            return 4L + len;
        }
        dst.set(LE.INT, p, c);
        return 4L + c;
    }

    /**
     * Compresses block {@code i} into slot {@code i} of {@code dst} as a task of the caller's fork/join pool
     * (the caller takes the first), then moves the blocks together in order. Every task is waited for before
     * this returns, failed or not, so none still writes into {@code dst} once the caller may release it.
     */
    private long compressBlocksInParallel(MemorySegment src, MemorySegment dst, int blocks, int blockMax) {
        long n = src.byteSize();
        long slot = slot(blockMax);
        long[] written = new long[blocks];
        Throwable[] thrown = BlockTasks.run(blocks, b -> {
            long off = (long) b * blockMax;
            written[b] = writeBlock(src, off, (int) Math.min(blockMax, n - off), dst, HEADER_LENGTH + b * slot);
        });
        for (Throwable e : thrown) {
            if (e instanceof RuntimeException r) throw r;
            if (e instanceof Error err) throw err;
        }
        long p = HEADER_LENGTH;
        for (int i = 0; i < blocks; i++) {
            long from = HEADER_LENGTH + i * slot;
            if (from != p) MemorySegment.copy(dst, from, dst, p, written[i]);
            p += written[i];
        }
        return p;
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
            Lz4FrameReader.read(body, out, Segments.nativeMayRead(body, alloc), threads > 1, site);
            return out.result();
        }
    }
}
