package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.flight.FlightClient;
import dev.quiver.flight.FlightDescriptor;
import dev.quiver.flight.FlightEndpoint;
import dev.quiver.flight.FlightInfo;
import dev.quiver.flight.FlightStreamReader;
import dev.quiver.flight.Location;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code quiver flight get URI PATH OUT}: downloads a flight, its endpoints in parallel, into an Arrow IPC file
 * (or a stream when OUT ends in .arrows or .stream), written beside OUT and moved into place when complete.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Download a flight (GetFlightInfo, then DoGet of every endpoint, several at once) into OUT: "
                + "the IPC file format, or the stream format when OUT ends in .arrows or .stream.",
                "Endpoints that name other servers are fetched from the first of them. Progress goes to standard "
                        + "error when it is a terminal."})
final class FlightGetCommand extends FlightClientCommand {
    @Parameters(index = "1", paramLabel = "PATH", description = "The flight's path, parts separated by '/'.")
    String path;

    @Parameters(index = "2", paramLabel = "OUT", description = "The file to write.")
    Path outFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Endpoints downloaded at once (default ${DEFAULT-VALUE}).")
    int parallel;

    private final boolean progress = isTerminal();
    private final AtomicLong rows = new AtomicLong();

    @Override
    Integer run(FlightClient client, PrintWriter out) throws Exception {
        Path target = outFile.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        boolean asStream = target.toString().endsWith(".arrows") || target.toString().endsWith(".stream");
        int batches = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            FlightInfo info = client.getFlightInfo(FlightDescriptor.path(path.split("/")));
            List<Future<List<RecordBatch>>> parts = new ArrayList<>();
            for (FlightEndpoint e : info.endpoints()) parts.add(pool.submit(() -> fetch(client, e, info.totalRecords())));
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                // endpoints are written in order, each as soon as it and those before it are in
                try (RecordBatchStreamWriter w = asStream ? Ipc.newStream(ch, info.schema(), IpcWriteOptions.DEFAULT)
                        : Ipc.newFile(ch, info.schema(), IpcWriteOptions.DEFAULT)) {
                    for (Future<List<RecordBatch>> f : parts) {
                        for (RecordBatch b : f.get()) {
                            w.write(b);
                            b.close();
                            batches++;
                        }
                    }
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (ExecutionException e) {
            Files.deleteIfExists(temp);
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (Exception e) {
            Files.deleteIfExists(temp);
            throw e;
        } finally {
            pool.shutdownNow();
            if (progress) spec.commandLine().getErr().print("\r\033[K");
            spec.commandLine().getErr().flush();
        }
        out.printf("wrote %d batches, %d rows to %s%n", batches, rows.get(), outFile);
        return 0;
    }

    /** One endpoint's batches, from the first location it names (or this server). */
    private List<RecordBatch> fetch(FlightClient here, FlightEndpoint e, long total) {
        Location at = e.locations().stream().filter(l -> !l.isReuseConnection()).findFirst().orElse(null);
        FlightClient c = at == null ? here : connect(at.uri());
        try (FlightStreamReader r = c.doGet(e.ticket())) {
            List<RecordBatch> batches = new ArrayList<>();
            for (RecordBatch b; (b = r.readNext()) != null; ) {
                batches.add(b.detach());
                long done = rows.addAndGet(b.numRows());
                if (progress) {
                    synchronized (this) {
                        PrintWriter err = spec.commandLine().getErr();
                        err.printf("\r%d of %d rows", done, total);
                        err.flush();
                    }
                }
            }
            return batches;
        } finally {
            if (c != here) c.close();
        }
    }

    /** Whether standard error is a terminal (progress is shown only there). */
    static boolean isTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.exists(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception ignored) {
            // not Linux: the console says
        }
        return System.console() != null && System.console().isTerminal();
    }
}
