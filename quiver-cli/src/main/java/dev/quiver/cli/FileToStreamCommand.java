package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code quiver file-to-stream [FILE [OUT]]} ({@code quiver file-to-stream in.arrow_file > out.stream}): the schema
 * (with its metadata), dictionaries and batches (with their metadata) of an IPC file, written as an IPC stream
 * (to standard output by default); its dictionary batches are written as the file has them, where it has them
 * (deltas stay deltas, before the batch they precede in the file: {@link MessageCopy}). The footer's custom metadata has no place
 * in a stream and is dropped. As Arrow's {@code arrow-file-to-stream} tool. A file read from standard input or a
 * pipe is read into memory first (its footer comes last).
 */
@Command(name = "file-to-stream", mixinStandardHelpOptions = true,
        description = {"Copy an Arrow IPC file to an Arrow IPC stream (on standard output by default).",
                "Every batch is fully validated on the way; exit 1 on invalid input."})
final class FileToStreamCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "An Arrow IPC file; - or none for standard input.")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUT", defaultValue = "-",
            description = "Where to write the stream; - (the default) for standard output.")
    Path out;

    @ParentCommand
    Main main;

    @picocli.CommandLine.Mixin
    Progress.Options progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        IpcWriteOptions options = IpcWriteOptions.DEFAULT;
        Input input = Input.of(file, main, spec.commandLine());
        try (BatchSource in = BatchSource.of(input.openFile(IpcReadOptions.DEFAULT));
             Output output = Output.open(out, main);
             Progress progress = progressOptions.start(main, spec.commandLine().getErr(), "file-to-stream",
                     input.size())) {
            long[] rows = {0};
            output.write(Ipc.newStream(output.channel(), in.schema(), options), w -> {
                w.start();
                MessageCopy copy = new MessageCopy(in, w, false);
                for (RecordBatch next; (next = in.next()) != null; ) {
                    try (RecordBatch b = next) {
                        copy.write(b);
                        rows[0] += b.numRows();
                        progress.update(in.position(), rows[0]);
                    }
                }
                copy.finish();
                progress.finished();
            });
        }
        return 0;
    }
}
