package dev.quiver.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import dev.quiver.QuiverException;
import dev.quiver.memory.LE;
import dev.quiver.memory.ReclaimableArena;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * {@code ZSTD}: zstd-jni. Native segments are passed to zstd by address (no 2 GiB limit of ByteBuffer views),
 * heap segments as byte arrays. Native code only ever reads memory nobody else can free, unmap or shrink
 * during the call ({@link Segments#nativeMayRead}): anything else (a mapped file, a shared arena another
 * thread may close) is first copied into private memory ({@link Scratch}), so a reader closed on another
 * thread or a file truncated on disk surfaces as an exception in that Java copy, never as a crash. Output goes
 * to memory that the decoding call alone holds, and is not zero-filled.
 *
 * <p>Decoding allocates the declared length up front only when the frame header records the same content
 * size and the ratio is unremarkable; otherwise (no content size, several frames, or a very high ratio) it
 * streams into scratch memory that grows as output actually arrives, so a small input that lies about its
 * size never causes a large allocation.
 */
final class ZstdCodec extends PrefixedCodec {

    /**
     * Default level: 1, Arrow C++'s ({@code kZSTDDefaultCompressionLevel} in
     * {@code arrow/util/compression_internal.h}, what PyArrow writes with {@code compression_level=None});
     * see the package notes.
     */
    static final int DEFAULT_LEVEL = 1;

    /**
     * The densest zstd encoding is an RLE block: 4 bytes for 128 KiB of output, so no input decodes to more
     * than 32768 times its size.
     */
    static final long MAX_RATIO = 32768;

    /** Declared lengths up to this many times the input (or {@link #DIRECT_FLOOR}) are allocated directly. */
    static final long DIRECT_RATIO = 256;
    static final long DIRECT_FLOOR = 1 << 20;
    private static final long STREAM_CHUNK = 1 << 30;
    /** Input reaches the streaming decompressor this many bytes at a time when it must be copied first. */
    static final long WINDOW = 256 << 10;

    /** Buffers at least this large are compressed by several threads when the codec has them. */
    static final long MT_MIN_BYTES = 2L << 20;
    /** Size of each parallel job: zstd's minimum is 512 KiB. */
    private static final int MT_JOB_BYTES = 1 << 20;

    private final int threads;

    ZstdCodec(int level) {
        this(level, 1);
    }

    ZstdCodec(int level, int threads) {
        super(level);
        this.threads = Math.max(1, threads);
        if (level < Zstd.minCompressionLevel() || level > Zstd.maxCompressionLevel()) {
            throw new IllegalArgumentException("zstd level " + level + " outside [" + Zstd.minCompressionLevel()
                    + ", " + Zstd.maxCompressionLevel() + "]");
        }
    }

    @Override
    public CompressionType type() {
        return CompressionType.ZSTD;
    }

    @Override
    long maxCompressedLength(long srcLength) {
        return Zstd.compressBound(srcLength);
    }

    @Override
    long maxPossibleOutput(long compressedLength) {
        return compressedLength > Long.MAX_VALUE / MAX_RATIO ? Long.MAX_VALUE : compressedLength * MAX_RATIO;
    }

    @Override
    long compress(MemorySegment src, MemorySegment dst) {
        long r;
        if (threads > 1 && src.byteSize() >= MT_MIN_BYTES && src.byteSize() <= Integer.MAX_VALUE
                && dst.byteSize() <= Integer.MAX_VALUE && dst.isNative()) {
            r = compressInJobs(src, dst);
        } else if (dst.isNative()) {
            try (ReclaimableArena tmp = ReclaimableArena.ofConfined()) {
                MemorySegment in = privateInput(src, tmp);
                r = Zstd.compressUnsafe(dst.address(), dst.byteSize(), in.address(), in.byteSize(), level());
            }
        } else {
            byte[] in = src.toArray(LE.BYTE);
            byte[] out = new byte[Math.toIntExact(Math.min(dst.byteSize(), Zstd.compressBound(in.length)))];
            r = Zstd.compressByteArray(out, 0, out.length, in, 0, in.length, level());
            if (!Zstd.isError(r)) MemorySegment.copy(MemorySegment.ofArray(out), 0, dst, 0, r);
        }
        if (Zstd.isError(r)) throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(r));
        return r;
    }

    /**
     * One frame, compressed by {@link #threads} zstd workers in jobs of {@value #MT_JOB_BYTES} bytes (as
     * {@code zstd -T}); decoders see an ordinary frame.
     */
    private long compressInJobs(MemorySegment src, MemorySegment dst) {
        try (ReclaimableArena tmp = ReclaimableArena.ofConfined();
             ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            MemorySegment in = privateInput(src, tmp);
            ctx.setLevel(level()).setWorkers(threads).setJobSize(MT_JOB_BYTES).setContentSize(true);
            return ctx.compressDirectByteBuffer(dst.asByteBuffer(), 0, (int) dst.byteSize(),
                    in.asByteBuffer(), 0, (int) in.byteSize());
        } catch (com.github.luben.zstd.ZstdException e) {
            throw new IllegalStateException("zstd compression failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@code src} when native code may read it in place, else a copy in {@code tmp} (the compressor needs the
     * whole buffer at once for the output to be the same whatever memory the input lives in).
     */
    private static MemorySegment privateInput(MemorySegment src, ReclaimableArena tmp) {
        if (src.isNative() && Segments.nativeMayRead(src, null)) return src;
        MemorySegment copy = tmp.allocateUninitialized(Math.max(src.byteSize(), 1), 64);
        return copy.asSlice(0, src.byteSize()).copyFrom(src);
    }

    @Override
    MemorySegment decompress(MemorySegment body, long declared, SegmentAllocator alloc, Site site) {
        long contentSize = ZstdFrameHeader.contentSize(body);
        if (contentSize > declared) {
            throw site.invalid("zstd frame content size " + contentSize + " exceeds the declared uncompressed length "
                    + declared, 0);
        }
        boolean inPlace = Segments.nativeMayRead(body, alloc);
        try {
            if (contentSize == declared
                    && (declared <= DIRECT_FLOOR || declared / DIRECT_RATIO <= body.byteSize())) {
                return direct(body, declared, alloc, inPlace, site);
            }
            return streamed(body, declared, alloc, inPlace, site);
        } catch (QuiverException | IllegalStateException e) {
            throw e; // IllegalStateException: the input's arena was closed while it was being copied
        } catch (RuntimeException e) {
            throw site.invalid("corrupt zstd data: " + e.getMessage(), 0, e);
        }
    }

    /**
     * One call into zstd, writing the declared length straight into the output (not zero-filled). Native code
     * reads the input in place only when nobody else can free or shrink it ({@link Segments#nativeMayRead});
     * otherwise it reads a private copy ({@link Scratch}).
     */
    private static MemorySegment direct(MemorySegment body, long declared, SegmentAllocator alloc, boolean inPlace,
                                        Site site) {
        MemorySegment out = ReclaimableArena.allocateUninitialized(alloc, declared, ALIGNMENT);
        long n = body.byteSize();
        long r;
        if (!out.isNative()) {
            byte[] in = body.toArray(LE.BYTE);
            byte[] buf = new byte[Math.toIntExact(declared)];
            r = Zstd.decompressByteArray(buf, 0, buf.length, in, 0, in.length);
            if (!Zstd.isError(r)) MemorySegment.copy(MemorySegment.ofArray(buf), 0, out, 0, r);
        } else if (heapBytes(body) != null && declared <= Integer.MAX_VALUE) {
            // a heap array is read in place: the garbage collector does not move or free it during the call
            try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
                r = ctx.decompressByteArrayToDirectByteBuffer(out.asByteBuffer(), 0, (int) declared,
                        heapBytes(body), (int) body.address(), (int) n);
            } catch (ZstdException e) {
                throw site.invalid("corrupt zstd data, or it does not decompress to the declared " + declared
                        + " bytes: " + e.getMessage(), 0, e);
            }
        } else if (inPlace && body.isNative()) {
            r = Zstd.decompressUnsafe(out.address(), declared, body.address(), n);
        } else {
            try (Scratch scratch = Scratch.borrow(n)) {
                MemorySegment in = scratch.copyOf(body, 0, n);
                r = Zstd.decompressUnsafe(out.address(), declared, in.address(), n);
            }
        }
        Reference.reachabilityFence(out);
        Reference.reachabilityFence(body);
        if (Zstd.isError(r)) {
            throw site.invalid("corrupt zstd data, or it does not decompress to the declared " + declared
                    + " bytes: " + Zstd.getErrorName(r), 0);
        }
        if (r != declared) {
            throw site.invalid("zstd data decompresses to " + r + " bytes but the prefix declares " + declared, 0);
        }
        return out;
    }

    /** The byte[] behind a heap segment, or null. */
    private static byte[] heapBytes(MemorySegment s) {
        return !s.isNative() && s.heapBase().orElse(null) instanceof byte[] b ? b : null;
    }

    /**
     * Streams through a decompression context into private memory grown as output arrives, then copies the
     * result into the output. The input reaches zstd {@value #WINDOW} bytes at a time: in place when nobody
     * else can free or shrink it, else through a private copy of each window.
     */
    private static MemorySegment streamed(MemorySegment body, long declared, SegmentAllocator alloc, boolean inPlace,
                                          Site site) {
        long n = body.byteSize();
        ReclaimableArena outArena = null;
        try (ZstdDecompressCtx ctx = new ZstdDecompressCtx();
             Scratch window = inPlace && body.isNative() ? null : Scratch.borrow(Math.min(WINDOW, Math.max(n, 1)))) {
            // One byte beyond the declared length, to see output that would exceed it.
            long cap = Math.min(declared + 1, Math.max(64 * 1024, 4 * n));
            outArena = ReclaimableArena.ofConfined();
            MemorySegment out = outArena.allocateUninitialized(cap, 64);
            long produced = 0;
            long consumed = 0;
            while (true) {
                long take = Math.min(n - consumed, inPlace && body.isNative() ? STREAM_CHUNK : WINDOW);
                MemorySegment in = inPlace && body.isNative() ? body.asSlice(consumed, take)
                        : window.copyOf(body, consumed, take);
                ByteBuffer dst = out.asSlice(produced, Math.min(cap - produced, STREAM_CHUNK)).asByteBuffer();
                ByteBuffer src = in.asByteBuffer();
                boolean frameDone = ctx.decompressDirectByteBufferStream(dst, src);
                produced += dst.position();
                consumed += src.position();
                if (produced > declared) {
                    throw site.invalid("zstd data decompresses to more than the declared " + declared + " bytes", consumed);
                }
                if (frameDone && consumed == n) break;
                if (produced == cap) {
                    long bigger = Math.min(declared + 1, cap * 2);
                    ReclaimableArena next = ReclaimableArena.ofConfined();
                    MemorySegment grown = next.allocateUninitialized(bigger, 64);
                    MemorySegment.copy(out, 0, grown, 0, produced);
                    outArena.close();
                    outArena = next;
                    out = grown;
                    cap = bigger;
                } else if (dst.position() == 0 && src.position() == 0) {
                    throw site.invalid("truncated zstd data: the frame ends early", n);
                }
            }
            if (produced != declared) {
                throw site.invalid("zstd data decompresses to " + produced + " bytes but the prefix declares "
                        + declared, n);
            }
            MemorySegment result = ReclaimableArena.allocateUninitialized(alloc, declared, ALIGNMENT);
            MemorySegment.copy(out, 0, result, 0, declared);
            return result;
        } finally {
            if (outArena != null) outArena.close();
        }
    }
}
