package dev.quiver.bench;

import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.IpcWriteOptions;
import org.apache.arrow.vector.compression.CompressionUtil;

/** The W1 codecs, named as the benchmarks' {@code codec} parameter: none, lz4, zstd (each at its default level). */
enum Codec {
    NONE(null, CompressionUtil.CodecType.NO_COMPRESSION),
    LZ4(CompressionType.LZ4_FRAME, CompressionUtil.CodecType.LZ4_FRAME),
    ZSTD(CompressionType.ZSTD, CompressionUtil.CodecType.ZSTD);

    final CompressionType quiver;
    final CompressionUtil.CodecType arrowJava;

    Codec(CompressionType quiver, CompressionUtil.CodecType arrowJava) {
        this.quiver = quiver;
        this.arrowJava = arrowJava;
    }

    static Codec of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    IpcWriteOptions quiverOptions() {
        return IpcWriteOptions.DEFAULT.withCompression(quiver);
    }
}
