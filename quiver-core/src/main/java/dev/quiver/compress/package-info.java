/**
 * Arrow IPC body compression ({@code BodyCompression} in {@code format/Message.fbs}, method {@code BUFFER}):
 * each buffer of a record batch body is compressed on its own and stored as a little-endian int64
 * uncompressed length followed by an LZ4 frame or a Zstandard frame; the length {@code -1} means the bytes
 * that follow are stored uncompressed, and an empty buffer is stored as zero bytes.
 *
 * <p>{@link dev.quiver.compress.BufferCodec} is the entry point: pure transforms over memory, thread-safe.
 * Decoding treats every length in the input as untrusted.
 *
 * <p>Choices (measured on 1,000,000 utf8 city names and 8 MiB of random doubles):
 * <ul>
 *   <li>LZ4: lz4-java's fast compressor writes one frame of independent blocks of at most 1 MiB (a large
 *       buffer's blocks compressed in parallel when the writer uses threads, the bytes unchanged). Reading
 *       parses the frame here; independent blocks go to lz4-java's native safe decompressor (about 3.6 GB/s),
 *       linked blocks (what Arrow C++ writes for buffers over 64 KiB) to the same library's
 *       {@code LZ4_decompress_safe_usingDict} through FFM, or to a bounds-checked Java decoder (about
 *       0.7 GB/s) where that is unavailable. The HC levels compress 70 times slower and are only used when
 *       asked for.</li>
 *   <li>Zstandard: default level 1, Arrow C++'s default ({@code kZSTDDefaultCompressionLevel}, used by
 *       PyArrow when {@code compression_level} is None), so that a file written by Quiver and by PyArrow
 *       at their defaults costs the same time and has about the same size. zstd's own default (and
 *       arrow-rs's) is 3: ask for it with a level when size matters more than speed.</li>
 * </ul>
 *
 * @see <a href="https://arrow.apache.org/docs/format/Columnar.html#compression">Arrow Columnar Format: Compression</a>
 * @see <a href="https://github.com/apache/arrow/blob/main/format/Message.fbs">format/Message.fbs (BodyCompression)</a>
 * @see <a href="https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md">LZ4 Frame Format Description</a>
 * @see <a href="https://github.com/lz4/lz4/blob/dev/doc/lz4_Block_format.md">LZ4 Block Format Description</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8878">RFC 8878: Zstandard</a>
 */
package dev.quiver.compress;
