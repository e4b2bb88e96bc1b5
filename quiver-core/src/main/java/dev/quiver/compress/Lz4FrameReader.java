package dev.quiver.compress;

import dev.quiver.QuiverException;
import dev.quiver.UnsupportedFeatureException;
import dev.quiver.memory.LE;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.ForkJoinTask;

import static dev.quiver.compress.Lz4FrameCodec.*;

/**
 * Reads LZ4 frames (one or more, skippable frames ignored) into an output of exactly the expected size.
 * Checks the header checksum, the block and content checksums when the frame has them, and the content
 * size when present. Independent blocks are decoded by lz4-java's safe decompressor; linked blocks, whose
 * matches may reach into the previous blocks' output (what Arrow C++ writes for buffers over 64 KiB), by the
 * same native library's {@code LZ4_decompress_safe_usingDict} ({@link NativeLz4}) with the preceding output as
 * history, or by {@link Lz4BlockDecoder} where that is unavailable; a block liblz4 refuses is decoded again by
 * {@link Lz4BlockDecoder}, which names the fault.
 *
 * <p>The native decompressor reads each block from memory nobody else can free or unmap: in place when
 * {@link Segments#nativeMayRead} allows it, else from a private copy of that block ({@link Scratch}, at most
 * 4 MiB). It writes into the {@link Lz4Output}, memory of the decoding call alone. The output is allocated
 * only once the first frame header has been checked.
 *
 * <p>With {@code parallel} (a codec with threads, i.e. {@code IpcReadOptions.useThreads}), a frame of independent
 * blocks of 1 MiB or more decoded on a fork/join worker (the readers' codec pool) has its blocks decoded as tasks
 * of that pool, block {@code i} into its own slice of the output; each task reads its block in place or from a
 * private copy on its own thread, by the same rule. Linked frames stay sequential (each block needs the output
 * before it). Checksums and sizes are checked as on the sequential path, and any block that fails sends the
 * whole frame back to the sequential path, which reports the first fault exactly as it always did.
 *
 * @see <a href="https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md">LZ4 Frame Format</a>
 */
final class Lz4FrameReader {
    private Lz4FrameReader() {}

    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final Thread PROBE = new Thread(() -> {});

    /** A frame is decoded in parallel from this many blocks on ... */
    static final int PARALLEL_MIN_BLOCKS = 2;
    /** ... and this many decoded bytes (smaller frames cost more to hand over than to decode). */
    static final long PARALLEL_MIN_BYTES = 1L << 20;
    /** Frames whose blocks were decoded by parallel tasks (for tests: which path a frame took). */
    static final java.util.concurrent.atomic.LongAdder PARALLEL_FRAMES = new java.util.concurrent.atomic.LongAdder();

    /**
     * Decodes all of {@code in} into {@code out}, which must end up exactly full; {@code inPlace} says whether
     * native code may read {@code in} directly.
     */
    static void read(MemorySegment in, Lz4Output out, boolean inPlace, Site site) {
        read(in, out, inPlace, false, site);
    }

    /**
     * As {@link #read(MemorySegment, Lz4Output, boolean, Site)}; with {@code parallel}, a frame of independent
     * blocks large enough ({@link #PARALLEL_MIN_BLOCKS} full blocks or more) that is read on a fork/join worker
     * has its blocks decoded as tasks of that pool, each into its own slice of the output.
     */
    static void read(MemorySegment in, Lz4Output out, boolean inPlace, boolean parallel, Site site) {
        long ip = 0;
        long op = 0;
        long n = in.byteSize();
        while (ip < n) {
            need(in, ip, 4, "LZ4 frame magic number", site);
            int magic = in.get(LE.INT, ip);
            if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
                need(in, ip + 4, 4, "LZ4 skippable frame size", site);
                long size = in.get(LE.INT, ip + 4) & 0xFFFF_FFFFL;
                need(in, ip + 8, size, "LZ4 skippable frame", site);
                ip += 8 + size;
            } else if (magic == MAGIC) {
                long[] pos = frame(in, ip, out, op, inPlace, parallel, site);
                ip = pos[0];
                op = pos[1];
            } else {
                throw site.invalid("not an LZ4 frame: magic number 0x" + Integer.toHexString(magic), ip);
            }
        }
        if (op != out.size()) {
            throw site.invalid("LZ4 data decompresses to " + op + " bytes but the prefix declares "
                    + out.size(), n);
        }
    }

    /** Reads one frame starting at its magic number; returns the input and output positions after it. */
    private static long[] frame(MemorySegment in, long start, Lz4Output out, long outStart, boolean inPlace,
                                boolean parallel, Site site) {
        long d = start + 4;
        need(in, d, 2, "LZ4 frame descriptor", site);
        int flg = in.get(LE.BYTE, d) & 0xFF;
        int bd = in.get(LE.BYTE, d + 1) & 0xFF;
        if ((flg >>> 6) != 1) throw site.invalid("unsupported LZ4 frame version " + (flg >>> 6), d);
        if ((flg & 0x02) != 0) throw site.invalid("reserved bit set in LZ4 frame FLG byte", d);
        if ((bd & 0x8F) != 0) throw site.invalid("reserved bits set in LZ4 frame BD byte", d + 1);
        int blockSizeId = (bd >>> 4) & 7;
        if (blockSizeId < MIN_BLOCK_SIZE_ID) {
            throw site.invalid("invalid LZ4 block maximum size id " + blockSizeId, d + 1);
        }
        int blockMax = blockSize(blockSizeId);
        boolean independent = (flg & FLG_BLOCK_INDEPENDENCE) != 0;
        boolean blockChecksum = (flg & FLG_BLOCK_CHECKSUM) != 0;
        boolean hasContentSize = (flg & FLG_CONTENT_SIZE) != 0;
        boolean contentChecksum = (flg & FLG_CONTENT_CHECKSUM) != 0;
        boolean dictId = (flg & FLG_DICT_ID) != 0;
        int descriptorLength = 2 + (hasContentSize ? 8 : 0) + (dictId ? 4 : 0);
        need(in, d, descriptorLength + 1L, "LZ4 frame descriptor", site);
        int expectedHc = (XxHash32.hash(in, d, descriptorLength, 0) >>> 8) & 0xFF;
        int hc = in.get(LE.BYTE, d + descriptorLength) & 0xFF;
        if (hc != expectedHc) {
            throw site.invalid("LZ4 frame header checksum mismatch: 0x" + Integer.toHexString(hc)
                    + ", computed 0x" + Integer.toHexString(expectedHc), d + descriptorLength);
        }
        long room = out.size() - outStart;
        long contentSize = -1;
        if (hasContentSize) {
            contentSize = in.get(LE.LONG, d + 2);
            if (contentSize < 0 || contentSize > room) {
                throw site.invalid("LZ4 frame content size " + Long.toUnsignedString(contentSize)
                        + " exceeds the " + room + " bytes left of the declared uncompressed length", d + 2);
            }
        }
        if (dictId) {
            throw new UnsupportedFeatureException("LZ4 frames with a dictionary are not supported",
                    site.resource(), site.base() + d);
        }

        long ip = d + descriptorLength + 1;
        long op;
        long[] parallelEnd = parallel && independent
                ? parallelBlocks(in, ip, out, outStart, blockMax, blockChecksum, inPlace, site) : null;
        if (parallelEnd != null) {
            ip = parallelEnd[0];
            op = parallelEnd[1];
        } else {
            long[] end = blocks(in, ip, out, outStart, blockMax, independent, blockChecksum, inPlace, site);
            ip = end[0];
            op = end[1];
        }
        if (contentChecksum) {
            need(in, ip, 4, "LZ4 content checksum", site);
            MemorySegment written = op > outStart ? out.segment() : MemorySegment.ofArray(new byte[0]);
            if (XxHash32.hash(written, outStart, op - outStart, 0) != in.get(LE.INT, ip)) {
                throw site.invalid("LZ4 content checksum mismatch", ip);
            }
            ip += 4;
        }
        if (hasContentSize && op - outStart != contentSize) {
            throw site.invalid("LZ4 frame decompresses to " + (op - outStart) + " bytes but its header says "
                    + contentSize, d + 2);
        }
        return new long[] {ip, op};
    }

    /** The blocks of a frame, one after the other, from {@code ip}; returns the positions after the end mark. */
    private static long[] blocks(MemorySegment in, long ip, Lz4Output out, long outStart, int blockMax,
                                 boolean independent, boolean blockChecksum, boolean inPlace, Site site) {
        long op = outStart;
        long outEnd = out.size();
        while (true) {
            need(in, ip, 4, "LZ4 block size", site);
            int word = in.get(LE.INT, ip);
            long blockAt = ip;
            ip += 4;
            if (word == 0) break;
            boolean stored = (word & UNCOMPRESSED_BLOCK) != 0;
            long size = word & 0x7FFF_FFFFL;
            if (size > blockMax) {
                throw site.invalid("LZ4 block of " + size + " bytes exceeds the frame's maximum block size "
                        + blockMax, blockAt);
            }
            need(in, ip, size + (blockChecksum ? 4 : 0), "LZ4 block", site);
            if (blockChecksum) {
                int expected = in.get(LE.INT, ip + size);
                if (XxHash32.hash(in, ip, size, 0) != expected) {
                    throw site.invalid("LZ4 block checksum mismatch", ip + size);
                }
            }
            if (stored) {
                if (size > outEnd - op) {
                    throw site.invalid("LZ4 data exceeds the declared uncompressed length " + outEnd, blockAt);
                }
                out.ensure(op + size, op);
                MemorySegment.copy(in, ip, out.segment(), op, size);
                op += size;
            } else {
                long limit = op + Math.min(blockMax, outEnd - op);
                out.ensure(limit, op);
                op = independent
                        ? independentBlock(in, ip, size, out.segment(), op, limit, inPlace, site)
                        : linkedBlock(in, ip, size, out.segment(), outStart, op, limit, inPlace, site);
            }
            ip += size + (blockChecksum ? 4 : 0);
        }
        return new long[] {ip, op};
    }

    /**
     * Decodes the blocks of a frame of independent blocks as tasks of the caller's fork/join pool, block
     * {@code i} into {@code [outStart + i * blockMax, +blockMax)} of the output, when that is worth it and
     * possible: the caller runs on a fork/join worker, both segments may be used by other threads, the output is
     * allocated whole at once, and the frame is well formed as far as its block size words tell ({@value
     * #PARALLEL_MIN_BLOCKS} blocks or more, all inside the input, and room for every block before the last to
     * fill its slice). Returns the input and output positions after the frame's end mark, or null when the
     * frame is left to the sequential path: not a candidate, or some block failed or did not fill its slice
     * exactly (the sequential path then decodes the whole frame again, over the same bytes, and reports the
     * first fault in order with its usual message). Every task is waited for before this returns, failed or
     * not, so none still writes into the output once the caller may release it.
     */
    private static long[] parallelBlocks(MemorySegment in, long ip, Lz4Output out, long outStart, int blockMax,
                                         boolean blockChecksum, boolean inPlace, Site site) {
        long outEnd = out.size();
        if (outEnd - outStart < PARALLEL_MIN_BYTES || !out.direct() || !ForkJoinTask.inForkJoinPool()
                || !in.isAccessibleBy(PROBE)) {
            return null;
        }
        // the block size words: where each block's bytes are, or give up on anything the sequential path rejects
        long[] at = new long[16];
        long[] words = new long[16];
        int count = 0;
        long p = ip;
        long n = in.byteSize();
        while (true) {
            if (n - p < 4) return null;
            int word = in.get(LE.INT, p);
            p += 4;
            if (word == 0) break;
            long size = word & 0x7FFF_FFFFL;
            if (size > blockMax || size + (blockChecksum ? 4 : 0) > n - p) return null;
            if ((long) count * blockMax >= outEnd - outStart) return null; // no room for this block
            if (count == at.length) {
                at = java.util.Arrays.copyOf(at, 2 * count);
                words = java.util.Arrays.copyOf(words, 2 * count);
            }
            at[count] = p;
            words[count] = word & 0xFFFF_FFFFL;
            count++;
            p += size + (blockChecksum ? 4 : 0);
        }
        if (count < PARALLEL_MIN_BLOCKS) return null;
        out.ensure(outEnd, outStart);
        MemorySegment dst = out.segment();
        if (!dst.isAccessibleBy(PROBE) || dst.isReadOnly()) return null;

        int blocks = count;
        long[] ends = new long[blocks];
        long[] positions = at;
        long[] sizeWords = words;
        Throwable[] thrown = BlockTasks.run(blocks, b -> {
            long from = positions[b];
            long size = sizeWords[b] & 0x7FFF_FFFFL;
            long op = outStart + (long) b * blockMax;
            long limit = op + Math.min(blockMax, outEnd - op);
            if (blockChecksum && XxHash32.hash(in, from, size, 0) != in.get(LE.INT, from + size)) {
                ends[b] = -1;
            } else if ((sizeWords[b] & UNCOMPRESSED_BLOCK) != 0) {
                if (size > limit - op) {
                    ends[b] = -1;
                } else {
                    MemorySegment.copy(in, from, dst, op, size);
                    ends[b] = op + size;
                }
            } else {
                ends[b] = independentBlock(in, from, size, dst, op, limit, inPlace, site);
            }
        });
        boolean failed = false;
        for (int i = 0; i < blocks; i++) {
            Throwable e = thrown[i];
            if (e instanceof Error err) throw err;
            long full = outStart + (long) (i + 1) * blockMax;
            if (e != null || ends[i] < 0 || (i < blocks - 1 && ends[i] != full)) failed = true;
        }
        if (failed) return null;
        PARALLEL_FRAMES.increment();
        return new long[] {p, ends[blocks - 1]};
    }

    private static long independentBlock(MemorySegment in, long ip, long size, MemorySegment out, long op,
                                         long limit, boolean inPlace, Site site) {
        // native code reads the block in place only where nobody can free or shrink it; else a private copy
        if (inPlace) return independentBlock(in, ip, size, Segments.view(in, ip, size), out, op, limit, site);
        try (Scratch scratch = Scratch.borrow(size)) {
            return independentBlock(in, ip, size, scratch.copyOf(in, ip, size).asByteBuffer(), out, op, limit, site);
        }
    }

    private static long independentBlock(MemorySegment in, long ip, long size, ByteBuffer src, MemorySegment out,
                                         long op, long limit, Site site) {
        ByteBuffer dst = Segments.view(out, op, limit - op);
        if (src == null || dst == null || dst.isReadOnly()) {
            return Lz4BlockDecoder.decode(in, ip, ip + size, out, op, op, limit, site);
        }
        int n;
        try {
            n = DECOMPRESSOR.decompress(src, 0, (int) size, dst, 0, (int) (limit - op));
        } catch (QuiverException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw site.invalid("corrupt LZ4 block, or it decompresses beyond the declared uncompressed length: "
                    + e.getMessage(), ip, e);
        }
        return op + n;
    }

    /**
     * A block whose matches may reach up to 64 KiB back into the frame's earlier output, which lies just before
     * {@code op} in {@code out}: natively ({@link NativeLz4}) when the library is there, from the block in place
     * or a private copy of it, else by the Java decoder.
     */
    private static long linkedBlock(MemorySegment in, long ip, long size, MemorySegment out, long outStart, long op,
                                    long limit, boolean inPlace, Site site) {
        if (!NativeLz4.AVAILABLE || !out.isNative() || out.isReadOnly()) {
            return Lz4BlockDecoder.decode(in, ip, ip + size, out, outStart, op, limit, site);
        }
        int dict = (int) Math.min(MAX_OFFSET, op - outStart);
        int n;
        if (inPlace && in.isNative()) {
            n = NativeLz4.decompressUsingDict(in, ip, (int) size, out, op, (int) (limit - op), dict);
        } else {
            // mapped or shared input, or heap input (the downcall takes addresses): native code reads a copy
            try (Scratch copy = Scratch.borrow(size)) {
                n = NativeLz4.decompressUsingDict(copy.copyOf(in, ip, size), 0, (int) size, out, op,
                        (int) (limit - op), dict);
            }
        }
        // liblz4 refused the block: the Java decoder, over the same bytes (the history before op is untouched),
        // names what is wrong, or accepts what liblz4's stricter end-of-block rules do not
        return n >= 0 ? op + n : Lz4BlockDecoder.decode(in, ip, ip + size, out, outStart, op, limit, site);
    }

    /** The farthest an LZ4 match reaches back (its offset is 16 bits). */
    private static final int MAX_OFFSET = 65_535;

    private static void need(MemorySegment in, long at, long count, String what, Site site) {
        if (count > in.byteSize() - at) {
            throw site.invalid("truncated " + what + ": need " + count + " bytes, "
                    + Math.max(0, in.byteSize() - at) + " left", at);
        }
    }
}
