package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code quiver convert IN OUT}: rewrites an IPC file or stream as a file or stream, optionally with other
 * compression and alignment. Batches go through one at a time (each is closed once written), so the input's
 * size does not matter. The output is written to a temporary file beside OUT and moved in place at the end,
 * so a failure never leaves a half-written OUT.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Rewrite an Arrow IPC file or stream as a file or a stream, with the chosen body compression, "
                + "buffer alignment, byte order and framing. Every batch is fully validated on the way.")
final class ConvertCommand implements Callable<Integer> {
    enum Format { FILE, STREAM }

    enum Compression { NONE, LZ4, ZSTD }

    enum Endianness { LITTLE, BIG }

    @Parameters(index = "0", paramLabel = "IN", description = "An Arrow IPC file or stream.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (replaced if it exists).")
    Path out;

    @Option(names = "--to", paramLabel = "file|stream",
            description = "Output format. Default: from OUT's name (.arrow file, .arrows stream), else IN's format.")
    Format to;

    @Option(names = "--compression", paramLabel = "none|lz4|zstd", defaultValue = "none",
            description = "Body compression of the output (default ${DEFAULT-VALUE}).")
    Compression compression;

    @Option(names = "--level", paramLabel = "N", description = "Compression level (default: the codec's).")
    Integer level;

    @Option(names = "--alignment", paramLabel = "8|64", defaultValue = "8",
            description = "Alignment of body buffers (default ${DEFAULT-VALUE}).")
    int alignment;

    @Option(names = "--endianness", paramLabel = "little|big", defaultValue = "little",
            description = "Byte order of the output's data (default ${DEFAULT-VALUE}); big writes what a big-endian "
                    + "machine would: the schema says Big and every buffer is byte-swapped.")
    Endianness endianness;

    @Option(names = "--legacy-framing",
            description = "Frame messages as Arrow before 0.15 did: no 0xFFFFFFFF continuation marker, and a 4-byte "
                    + "end-of-stream marker.")
    boolean legacyFraming;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        IpcWriteOptions options = writeOptions();
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new ParameterException(spec.commandLine(), "IN and OUT are the same file: " + out);
        }
        Path tmp = Outputs.tempBeside(out, ".tmp");
        boolean moved = false;
        try {
            Stats stats;
            try (BatchSource src = BatchSource.open(in, IpcReadOptions.DEFAULT)) {
                IpcFormat target = to != null ? IpcFormat.valueOf(to.name())
                        : IpcFormat.fromName(out) != null ? IpcFormat.fromName(out) : src.format();
                stats = copy(src, target, tmp, options);
                stats = new Stats(stats.batches, stats.rows, src.format(), target);
            }
            Outputs.move(tmp, out);
            moved = true;
            spec.commandLine().getOut().printf("wrote %s: Arrow IPC %s, %d batches, %,d rows, %,d bytes (from %s %s)%n",
                    out, stats.to.label(), stats.batches, stats.rows, Files.size(out), stats.from.label(), in);
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
        return 0;
    }

    private record Stats(int batches, long rows, IpcFormat from, IpcFormat to) {}

    private IpcWriteOptions writeOptions() {
        if (alignment != 8 && alignment != 64) {
            throw new ParameterException(spec.commandLine(), "--alignment must be 8 or 64: " + alignment);
        }
        if (level != null && compression == Compression.NONE) {
            throw new ParameterException(spec.commandLine(), "--level needs --compression lz4 or zstd");
        }
        CompressionType codec = switch (compression) {
            case NONE -> null;
            case LZ4 -> CompressionType.LZ4_FRAME;
            case ZSTD -> CompressionType.ZSTD;
        };
        IpcWriteOptions o = IpcWriteOptions.DEFAULT.withCompression(codec).withAlignment(alignment)
                .withEndianness(endianness == Endianness.BIG ? dev.quiver.type.Endianness.BIG
                        : dev.quiver.type.Endianness.LITTLE)
                .withLegacyFraming(legacyFraming);
        return level == null ? o : o.withCompressionLevel(level);
    }

    private Stats copy(BatchSource src, IpcFormat target, Path tmp, IpcWriteOptions options) throws IOException {
        int batches = 0;
        long rows = 0;
        try (RecordBatchStreamWriter w = target == IpcFormat.FILE
                ? Ipc.newFile(tmp, src.schema(), options).footerMetadata(src.footerMetadata())
                : Ipc.newStream(tmp, src.schema(), options)) {
            w.start();
            while (true) {
                RecordBatch next = src.next();
                if (next == null) break;
                try (RecordBatch b = next) {
                    w.write(b);
                    rows += b.numRows();
                } catch (IllegalArgumentException e) {
                    // the file writer refuses what a file cannot hold: a dictionary replaced between batches
                    throw new dev.quiver.UnsupportedFeatureException("batch " + batches + ": " + e.getMessage(),
                            in.toString(), -1, null, e);
                }
                batches++;
            }
        }
        return new Stats(batches, rows, src.format(), target);
    }
}
