package dev.quiver.compress;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * One Arrow IPC body-compression codec: turns a buffer into its IPC form (8-byte little-endian uncompressed
 * length, then the compressed bytes; or length {@code -1}, then the raw bytes) and back.
 *
 * <p>Instances are immutable and thread-safe. Obtain them with {@link #create(CompressionType)}.
 *
 * <p>Decoding never trusts the declared length: it is checked against the caller's limit and against the
 * largest output the compressed bytes could possibly produce before anything is allocated, and the output
 * must match it exactly. Every problem in the input is reported as an
 * {@link dev.quiver.InvalidDataException} (or {@link dev.quiver.LimitExceededException} for the caller's
 * limit) whose message names the resource and the byte offset.
 *
 * <p>Native code (zstd-jni, lz4-java) never reads memory that another thread could free or unmap, or that a
 * file could shrink under, while it runs: such input (a mapped file, a shared arena) is first copied into
 * memory private to the calling thread, so closing the input's arena or truncating its file surfaces as an
 * exception in that Java copy ({@link IllegalStateException}, or the JVM's {@link InternalError} for a
 * truncated mapping), never as a crash. Decoded output is not zero-filled before the decoder writes it, and
 * is allocated only once the input's own header has been checked.
 */
public sealed interface BufferCodec permits PrefixedCodec {

    /** Size of the uncompressed-length prefix. */
    long PREFIX_LENGTH = 8;

    /** Prefix value meaning "stored uncompressed". */
    long UNCOMPRESSED = -1;

    /** The codec as named in {@code Message.fbs}. */
    CompressionType type();

    /** The compression level used when encoding (codec specific). */
    int level();

    /**
     * The largest number of bytes {@link #encode(MemorySegment, MemorySegment)} can write for a buffer of
     * {@code srcLength} bytes.
     */
    long maxEncodedLength(long srcLength);

    /**
     * Writes the IPC form of {@code src} at the start of {@code dst} and returns the number of bytes written:
     * 0 for an empty buffer, else the 8-byte prefix and the compressed bytes, or the prefix {@code -1} and a
     * copy of {@code src} when compression would not make it smaller (as Arrow C++ does).
     *
     * @param dst at least {@link #maxEncodedLength(long) maxEncodedLength(src.byteSize())} bytes
     * @throws IllegalArgumentException if {@code dst} is too small
     */
    long encode(MemorySegment src, MemorySegment dst);

    /**
     * The IPC form of {@code src} in memory from {@code alloc}. The returned segment is exactly the encoded
     * bytes; it may be a slice of a larger allocation of {@link #maxEncodedLength(long)} bytes.
     */
    default MemorySegment encode(MemorySegment src, SegmentAllocator alloc) {
        if (src.byteSize() == 0) return MemorySegment.ofArray(new byte[0]);
        MemorySegment dst = alloc.allocate(maxEncodedLength(src.byteSize()), 8);
        return dst.asSlice(0, encode(src, dst));
    }

    /**
     * Decodes one buffer in IPC form.
     *
     * @param ipcBuffer       the buffer exactly as stored in the message body (prefix included)
     * @param alloc           where the decompressed bytes go (not used for empty or uncompressed buffers); native
     *                        code writes into what it returns, so nobody may close it during the call
     * @param resource        name of the file or stream, for error messages (may be null)
     * @param byteOffset      absolute offset of {@code ipcBuffer} in the resource, for error messages
     * @param maxUncompressed the largest decoded size the caller accepts
     * @return an empty segment for an empty buffer, a zero-copy slice of {@code ipcBuffer} when it is stored
     *         uncompressed, else a new segment of exactly the declared length
     * @throws dev.quiver.InvalidDataException if the prefix or the compressed bytes are malformed, or the
     *         bytes do not decompress to exactly the declared length
     * @throws dev.quiver.LimitExceededException if the declared length exceeds {@code maxUncompressed}
     */
    MemorySegment decode(MemorySegment ipcBuffer, SegmentAllocator alloc, String resource, long byteOffset,
                         long maxUncompressed);

    /** The codec with its default level: LZ4 fast mode, Zstandard level {@value ZstdCodec#DEFAULT_LEVEL}. */
    static BufferCodec create(CompressionType type) {
        return switch (type) {
            case LZ4_FRAME -> new Lz4FrameCodec(Lz4FrameCodec.DEFAULT_LEVEL);
            case ZSTD -> new ZstdCodec(ZstdCodec.DEFAULT_LEVEL);
        };
    }

    /**
     * The codec with a compression level. LZ4: below 3 is the fast compressor, 3 to 12 the high-compression
     * one at that level (as the LZ4 frame library does). Zstandard: any level zstd accepts (negative levels
     * are faster, up to 22).
     *
     * @throws IllegalArgumentException if the level is out of range for the codec
     */
    static BufferCodec create(CompressionType type, int level) {
        return switch (type) {
            case LZ4_FRAME -> new Lz4FrameCodec(level);
            case ZSTD -> new ZstdCodec(level);
        };
    }

    /**
     * The codec with a compression level (or {@link #DEFAULT_LEVEL}) that may use up to {@code threads}
     * threads to compress one large buffer: Zstandard splits buffers of {@value ZstdCodec#MT_MIN_BYTES} bytes
     * or more into jobs compressed in parallel (the output is still one standard frame); LZ4 compresses the
     * blocks of a buffer of 2 MiB or more as tasks of the fork/join pool the caller runs on, when it runs on
     * one (the bytes are those of the serial path). Decoding, LZ4 decodes the blocks of a frame of independent
     * blocks (as this codec writes them) of 1 MiB or more as tasks of the fork/join pool the caller runs on, when
     * it runs on one, each into its own slice of the output; linked blocks stay sequential.
     */
    static BufferCodec create(CompressionType type, int level, int threads) {
        int l = level != DEFAULT_LEVEL ? level
                : type == CompressionType.ZSTD ? ZstdCodec.DEFAULT_LEVEL : Lz4FrameCodec.DEFAULT_LEVEL;
        return switch (type) {
            case LZ4_FRAME -> new Lz4FrameCodec(l, threads);
            case ZSTD -> new ZstdCodec(l, threads);
        };
    }

    /** Stands for "the codec's default level" in {@link #create(CompressionType, int, int)}. */
    int DEFAULT_LEVEL = Integer.MIN_VALUE;
}
