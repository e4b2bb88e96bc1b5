package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.flight.FlightClient;
import dev.quiver.flight.FlightDescriptor;
import dev.quiver.flight.FlightPutWriter;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** {@code quiver flight put URI FILE [PATH]}: uploads an Arrow IPC file or stream with DoPut. */
@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Upload an Arrow IPC file or stream with DoPut, under PATH (default: FILE's name).")
final class FlightPutCommand extends FlightClientCommand {
    @Parameters(index = "1", paramLabel = "FILE", description = "An Arrow IPC file or stream.")
    Path file;

    @Parameters(index = "2", arity = "0..1", paramLabel = "PATH", description = "The flight's path, parts separated by '/'.")
    String path;

    @Override
    Integer run(FlightClient client, PrintWriter out) throws Exception {
        String target = path != null ? path : file.getFileName().toString();
        long rows = 0;
        int batches = 0;
        try (RecordBatchReader r = open(file);
             FlightPutWriter w = client.doPut(FlightDescriptor.path(target.split("/")), r.schema())) {
            for (RecordBatch next; (next = r.readNext()) != null; ) {
                try (RecordBatch b = next) {
                    w.write(b);
                    rows += b.numRows();
                    batches++;
                }
            }
        }
        out.printf("stored %d batches, %d rows as %s%n", batches, rows, target);
        return 0;
    }

    /** The file format when FILE starts with the magic ARROW1, else the stream format. */
    static RecordBatchReader open(Path file) throws java.io.IOException {
        byte[] head = new byte[6];
        try (InputStream in = Files.newInputStream(file)) {
            head = Arrays.copyOf(head, in.readNBytes(head, 0, 6));
        }
        return Arrays.equals(head, "ARROW1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                ? Ipc.openFile(file) : Ipc.openStream(file);
    }
}
