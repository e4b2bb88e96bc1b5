package dev.quiver.compress;

import dev.quiver.LimitExceededException;
import dev.quiver.memory.LE;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * The part of the IPC buffer format common to both codecs: the length prefix, the empty buffer, the
 * uncompressed fallback and the checks of the declared length. Subclasses only compress and decompress.
 */
abstract sealed class PrefixedCodec implements BufferCodec permits Lz4FrameCodec, ZstdCodec {

    /** Alignment of decompressed buffers (Arrow recommends 64 bytes). */
    static final long ALIGNMENT = 64;

    private final int level;

    PrefixedCodec(int level) {
        this.level = level;
    }

    @Override
    public final int level() {
        return level;
    }

    /** Largest number of bytes {@link #compress} may write for {@code srcLength} input bytes. */
    abstract long maxCompressedLength(long srcLength);

    /**
     * Compresses all of {@code src} into {@code dst} (at least {@link #maxCompressedLength} bytes) and
     * returns the compressed size.
     */
    abstract long compress(MemorySegment src, MemorySegment dst);

    /**
     * The largest output {@code compressedLength} bytes can decode to in this codec's format: a declared
     * length above it is impossible, whatever the bytes are.
     */
    abstract long maxPossibleOutput(long compressedLength);

    /**
     * Decompresses {@code body} (the bytes after the prefix) to exactly {@code declared} bytes; the declared
     * length is within the caller's limit and {@link #maxPossibleOutput}, nothing more is known of it.
     */
    abstract MemorySegment decompress(MemorySegment body, long declared, SegmentAllocator alloc, Site site);

    @Override
    public final long maxEncodedLength(long srcLength) {
        if (srcLength < 0) throw new IllegalArgumentException("negative length " + srcLength);
        if (srcLength == 0) return 0;
        return PREFIX_LENGTH + Math.max(srcLength, maxCompressedLength(srcLength));
    }

    @Override
    public final long encode(MemorySegment src, MemorySegment dst) {
        long n = src.byteSize();
        if (n == 0) return 0;
        long need = maxEncodedLength(n);
        if (dst.byteSize() < need) {
            throw new IllegalArgumentException("destination of " + dst.byteSize() + " bytes, need " + need);
        }
        MemorySegment body = dst.asSlice(PREFIX_LENGTH);
        long compressed = compress(src, body);
        if (compressed >= n) {
            body.copyFrom(src);
            dst.set(LE.LONG, 0, UNCOMPRESSED);
            return PREFIX_LENGTH + n;
        }
        dst.set(LE.LONG, 0, n);
        return PREFIX_LENGTH + compressed;
    }

    @Override
    public final MemorySegment decode(MemorySegment ipcBuffer, SegmentAllocator alloc, String resource,
                                      long byteOffset, long maxUncompressed) {
        Site site = new Site(resource, byteOffset);
        long size = ipcBuffer.byteSize();
        if (size == 0) return ipcBuffer;
        if (size < PREFIX_LENGTH) {
            throw site.invalid("compressed buffer of " + size + " bytes is shorter than its 8-byte length prefix", 0);
        }
        long declared = ipcBuffer.get(LE.LONG, 0);
        MemorySegment body = ipcBuffer.asSlice(PREFIX_LENGTH);
        if (declared == UNCOMPRESSED) {
            checkLimit(body.byteSize(), maxUncompressed, site);
            return body;
        }
        if (declared < 0) {
            throw site.invalid("negative uncompressed length " + declared + " in compressed buffer prefix", 0);
        }
        checkLimit(declared, maxUncompressed, site);
        long possible = maxPossibleOutput(body.byteSize());
        if (declared > possible) {
            throw site.invalid("declared uncompressed length " + declared + " is impossible for "
                    + body.byteSize() + " bytes of " + type() + " data (at most " + possible + ")", 0);
        }
        if (body.byteSize() == 0) return body; // declared is 0 here: nothing is possible from no bytes
        return decompress(body, declared, alloc, site.shift(PREFIX_LENGTH));
    }

    private static void checkLimit(long length, long maxUncompressed, Site site) {
        if (length > maxUncompressed) {
            throw new LimitExceededException("uncompressed buffer length " + length
                    + " exceeds the limit of " + maxUncompressed + " bytes", site.resource(), site.base());
        }
    }

    @Override
    public String toString() {
        return type() + "(level " + level + ")";
    }
}
