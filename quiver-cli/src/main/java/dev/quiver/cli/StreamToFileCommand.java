package dev.quiver.cli;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code quiver stream-to-file [IN [OUT]]} ({@code quiver stream-to-file < in.stream > out.arrow_file}): an IPC
 * stream (standard input by default) becomes an IPC file (standard output by default) with the same schema (with its
 * metadata), dictionaries and batches (with their metadata). Batches go through one at a time. Dictionary batches
 * are written as the stream has them ({@link MessageCopy}): deltas as deltas; a replacement that only extends its
 * dictionary becomes a delta (a file holds no replacement), one by other values fails (exit 1). As Arrow's {@code arrow-stream-to-file} tool, used by the integration tests.
 */
@Command(name = "stream-to-file", mixinStandardHelpOptions = true,
        description = {"Copy an Arrow IPC stream (standard input by default) to an Arrow IPC file (standard output "
                + "by default).",
                "Every batch is fully validated on the way; exit 1 on invalid input."})
final class StreamToFileCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "IN",
            description = "An Arrow IPC stream; - or none for standard input.")
    Path in;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUT", defaultValue = "-",
            description = "Where to write the file; - (the default) for standard output.")
    Path out;

    @ParentCommand
    Main main;

    @picocli.CommandLine.Mixin
    Progress.Options progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Input input = Input.of(in, main, spec.commandLine());
        try (BatchSource r = BatchSource.of(input.openStream(IpcReadOptions.DEFAULT));
             Output output = Output.open(out, main);
             Progress progress = progressOptions.start(main, spec.commandLine().getErr(), "stream-to-file",
                     input.size())) {
            long[] rows = {0};
            output.write(Ipc.newFile(output.channel(), r.schema(), IpcWriteOptions.DEFAULT), w -> {
                w.start();
                MessageCopy copy = new MessageCopy(r, w, false);
                for (int index = 0; ; index++) {
                    RecordBatch next = r.next();
                    try (RecordBatch b = next) {
                        if (next == null) {
                            copy.finish();
                        } else {
                            copy.write(b);
                            rows[0] += b.numRows();
                            progress.update(r.position(), rows[0]);
                        }
                    } catch (IllegalArgumentException e) {
                        // the file writer refuses what a file cannot hold: a dictionary replaced between batches
                        throw new UnsupportedFeatureException((next == null ? "after the last batch" : "batch " + index)
                                + ": " + e.getMessage(), input.name(), -1, null, e);
                    }
                    if (next == null) break;
                }
                progress.finished();
            });
        }
        return 0;
    }
}
