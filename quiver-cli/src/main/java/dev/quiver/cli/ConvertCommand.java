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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code quiver convert IN OUT}: rewrites an IPC file or stream as a file or stream, optionally with other
 * compression and alignment. By default each message keeps the body compression it has in the input, and the
 * dictionary batches are written as the input has them: deltas as deltas, replacements as replacements
 * ({@link MessageCopy}; a file holds no replacement, so one that only extends its dictionary becomes a delta there
 * and any other fails). Batches go through one at a time (each is closed once written), so the input's
 * size does not matter. {@code -} is standard input or output. A regular OUT is written beside and moved in
 * place at the end ({@link Output}), so a failure never leaves a half-written OUT.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Rewrite an Arrow IPC file or stream as a file or a stream, with the chosen body compression, "
                + "buffer alignment, byte order and framing. Every batch is fully validated on the way.")
final class ConvertCommand implements Callable<Integer> {
    enum Format { FILE, STREAM }

    enum Compression { KEEP, NONE, LZ4, ZSTD }

    enum Endianness { LITTLE, BIG }

    @Parameters(index = "0", paramLabel = "IN", description = "An Arrow IPC file or stream; - for standard input.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT",
            description = "The file to write (replaced if it exists, written through if it is a pipe or a device); "
                    + "- for standard output.")
    Path out;

    @Option(names = "--to", paramLabel = "file|stream",
            description = "Output format. Default: from OUT's name (.arrow file, .arrows stream), else IN's format.")
    Format to;

    @Option(names = "--compression", paramLabel = "keep|none|lz4|zstd", defaultValue = "keep",
            description = "Body compression of the output: keep (the default) gives each message the compression it "
                    + "has in the input; none, lz4 or zstd give every message that one.")
    Compression compression;

    @Option(names = "--level", paramLabel = "N",
            description = "Compression level of the messages compressed (default: the codec's, as Arrow C++/PyArrow: LZ4 fast mode, ZSTD 1).")
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

    @picocli.CommandLine.Mixin
    Progress.Options progressOptions;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws IOException {
        IpcWriteOptions options = writeOptions();
        Input input = Input.of(in, main, spec.commandLine());
        boolean toStdout = out.toString().equals("-");
        if (!input.isStdin() && !toStdout && Files.exists(out) && Files.exists(in) && Files.isSameFile(in, out)) {
            throw new ParameterException(spec.commandLine(), "IN and OUT are the same file: " + out);
        }
        Stats stats;
        boolean report;
        try (BatchSource src = input.batches(IpcReadOptions.DEFAULT); Output output = Output.open(out, main)) {
            IpcFormat target = to != null ? IpcFormat.valueOf(to.name())
                    : !toStdout && IpcFormat.fromName(out) != null ? IpcFormat.fromName(out) : src.format();
            try (Progress progress = progressOptions.start(main, spec.commandLine().getErr(), "convert", input.size())) {
                stats = copy(src, target, output, options, input.name(), progress);
            }
            report = output.isRegularFile();
        }
        if (report) { // not on standard output, a pipe or a device: the words could mix with the data
            spec.commandLine().getOut().printf("wrote %s: Arrow IPC %s, %s, %s, %s (from %s %s)%n",
                    out, stats.to.label(), dev.quiver.cli.text.Words.batches(stats.batches),
                    dev.quiver.cli.text.Words.rows(stats.rows), dev.quiver.cli.text.Words.bytes(Files.size(out)),
                    stats.from.label(), input.name());
        }
        return 0;
    }

    private record Stats(int batches, long rows, IpcFormat from, IpcFormat to) {}

    private IpcWriteOptions writeOptions() {
        if (alignment != 8 && alignment != 64) {
            throw new ParameterException(spec.commandLine(), "--alignment must be 8 or 64: " + alignment);
        }
        if (level != null && compression == Compression.NONE) {
            throw new ParameterException(spec.commandLine(), "--level needs a compression: keep (the default), lz4 or zstd");
        }
        CompressionType codec = switch (compression) {
            case KEEP, NONE -> null;
            case LZ4 -> CompressionType.LZ4_FRAME;
            case ZSTD -> CompressionType.ZSTD;
        };
        IpcWriteOptions o = IpcWriteOptions.DEFAULT.withCompression(codec).withAlignment(alignment)
                .withEndianness(endianness == Endianness.BIG ? dev.quiver.type.Endianness.BIG
                        : dev.quiver.type.Endianness.LITTLE)
                .withLegacyFraming(legacyFraming);
        return level == null ? o : o.withCompressionLevel(level);
    }

    /** Copies every batch into {@code output} and commits it. */
    private Stats copy(BatchSource src, IpcFormat target, Output output, IpcWriteOptions options, String from,
                       Progress progress) throws IOException {
        int[] batches = {0};
        long[] rows = {0};
        RecordBatchStreamWriter writer = target == IpcFormat.FILE
                ? Ipc.newFile(output.channel(), src.schema(), options).footerMetadata(src.footerMetadata())
                : Ipc.newStream(output.channel(), src.schema(), options);
        output.write(writer, w -> {
            w.start();
            MessageCopy copy = new MessageCopy(src, w, compression == Compression.KEEP);
            for (RecordBatch next; (next = src.next()) != null; batches[0]++) {
                try (RecordBatch b = next) {
                    copy.write(b);
                    rows[0] += b.numRows();
                    progress.update(src.position(), rows[0]);
                } catch (IllegalArgumentException e) {
                    // the file writer refuses what a file cannot hold: a dictionary replaced between batches
                    throw new dev.quiver.UnsupportedFeatureException("batch " + batches[0] + ": " + e.getMessage(),
                            from, -1, null, e);
                }
            }
            progress.finished();
            try {
                copy.finish();
            } catch (IllegalArgumentException e) {
                throw new dev.quiver.UnsupportedFeatureException("after the last batch: " + e.getMessage(),
                        from, -1, null, e);
            }
        });
        return new Stats(batches[0], rows[0], src.format(), target);
    }
}
