package dev.quiver.cli;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code quiver stream-to-file < in.stream > out.arrow_file}: standard input holds an IPC stream; standard output
 * gets the same schema (with its metadata), dictionaries and batches (with their metadata) as an IPC file. Batches
 * go through one at a time. A dictionary that grows between batches is written as delta dictionary batches; one
 * replaced by other values cannot be held by a file and fails (exit 1). As Arrow's {@code arrow-stream-to-file}
 * tool, used by the integration tests.
 */
@Command(name = "stream-to-file", mixinStandardHelpOptions = true,
        description = {"Copy the Arrow IPC stream on standard input to an Arrow IPC file on standard output.",
                "Every batch is fully validated on the way; exit 1 on invalid input."})
final class StreamToFileCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() throws IOException {
        try (RecordBatchStreamReader in = Ipc.openStream(main.stdin(), IpcReadOptions.DEFAULT);
             RecordBatchFileWriter out = Ipc.newFile(main.stdout(), in.schema(), IpcWriteOptions.DEFAULT)) {
            out.start();
            for (int index = 0; ; index++) {
                RecordBatch next = in.readNext();
                if (next == null) break;
                try (RecordBatch b = next) {
                    out.write(b);
                } catch (IllegalArgumentException e) {
                    // the file writer refuses what a file cannot hold: a dictionary replaced between batches
                    throw new UnsupportedFeatureException("batch " + index + ": " + e.getMessage(), "standard input",
                            -1, null, e);
                }
            }
        } finally {
            main.stdout().flush();
        }
        return 0;
    }
}
