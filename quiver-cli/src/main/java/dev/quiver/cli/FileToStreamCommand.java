package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code quiver file-to-stream in.arrow_file > out.stream}: the schema (with its metadata), dictionaries and batches
 * (with their metadata) of an IPC file, written to standard output as an IPC stream; delta dictionary batches stay
 * deltas. The footer's custom metadata has no place in a stream and is dropped. As Arrow's
 * {@code arrow-file-to-stream} tool.
 */
@Command(name = "file-to-stream", mixinStandardHelpOptions = true,
        description = {"Copy an Arrow IPC file to an Arrow IPC stream on standard output.",
                "Every batch is fully validated on the way; exit 1 on invalid input."})
final class FileToStreamCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "An Arrow IPC file.")
    Path file;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws IOException {
        IpcWriteOptions options = IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true);
        try (RecordBatchFileReader in = Ipc.openFile(file, IpcReadOptions.DEFAULT);
             RecordBatchStreamWriter out = Ipc.newStream(main.stdout(), in.schema(), options)) {
            out.start();
            for (int i = 0; i < in.numRecordBatches(); i++) {
                try (RecordBatch b = in.recordBatch(i)) {
                    out.write(b);
                }
            }
        } finally {
            main.stdout().flush();
        }
        return 0;
    }
}
