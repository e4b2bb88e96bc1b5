package dev.quiver.flight.directory;

import dev.quiver.QuiverException;
import dev.quiver.array.RecordBatch;
import dev.quiver.flight.Action;
import dev.quiver.flight.ActionType;
import dev.quiver.flight.CallContext;
import dev.quiver.flight.CancelStatus;
import dev.quiver.flight.FlightChunk;
import dev.quiver.flight.FlightDescriptor;
import dev.quiver.flight.FlightEndpoint;
import dev.quiver.flight.FlightException;
import dev.quiver.flight.FlightInfo;
import dev.quiver.flight.FlightProducer;
import dev.quiver.flight.FlightStatusCode;
import dev.quiver.flight.FlightStreamReader;
import dev.quiver.flight.FlightStreamWriter;
import dev.quiver.flight.Location;
import dev.quiver.flight.PollInfo;
import dev.quiver.flight.PutResult;
import dev.quiver.flight.Result;
import dev.quiver.flight.StandardActions;
import dev.quiver.flight.StreamSink;
import dev.quiver.flight.Ticket;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Flight server's producer over a directory of Arrow IPC files and streams:
 *
 * <ul>
 *   <li>ListFlights lists every file under the directory that reads as Arrow (hidden names, starting with '.',
 *       are skipped), as path descriptors of its '/'-separated path; a non-empty criteria is a path prefix;</li>
 *   <li>GetFlightInfo (and PollFlightInfo, GetSchema) gives the schema, rows, size and endpoints: the batches are
 *       split into endpoints of at most {@link Options#batchesPerEndpoint()} batches each, whose tickets name the
 *       path and the batch range, so clients can download the parts in parallel, from this server or from the
 *       other {@link Options#locations()} serving the same directory;</li>
 *   <li>DoGet serves a ticket straight from the memory-mapped file: the schema, the dictionaries and the batches
 *       of the range go out as the file holds them (their metadata verified, no value decoded or copied);
 *       a client that cancels or goes away stops the sending and the file is unmapped at once;</li>
 *   <li>DoPut stores an uploaded stream under its path descriptor, as the IPC file format (the stream format for
 *       names ending in .arrows or .stream), atomically through {@link dev.quiver.io.SafeOutput}: written to a
 *       hidden temporary file beside, moved into place when complete; an
 *       aborted upload leaves nothing. An existing file is not replaced (ALREADY_EXISTS). Each batch is
 *       acknowledged with a PutResult holding its application metadata, or else the rows stored so far;</li>
 *   <li>DoExchange with the command "echo" sends back every batch and metadata it receives;</li>
 *   <li>DoAction: CancelFlightInfo (NOT_CANCELLABLE: files are no queries), RenewFlightEndpoint (tickets never
 *       expire: the endpoint comes back as it is).</li>
 * </ul>
 */
public final class DirectoryFlightProducer implements FlightProducer {

    /**
     * @param batchesPerEndpoint the most record batches in one endpoint (a file of more is split)
     * @param locations          the servers every endpoint names (empty: this one, the connection the client has)
     * @param read               how uploads are decoded (validation FULL by default) and served files checked
     * @param write              how uploads are stored (compression...)
     */
    public record Options(int batchesPerEndpoint, List<Location> locations, IpcReadOptions read, IpcWriteOptions write) {
        public static final Options DEFAULT = new Options(64, List.of(), IpcReadOptions.DEFAULT, IpcWriteOptions.DEFAULT);

        public Options {
            if (batchesPerEndpoint <= 0) throw new IllegalArgumentException("batchesPerEndpoint must be positive");
            locations = List.copyOf(locations == null ? List.of() : locations);
            Objects.requireNonNull(read, "read");
            Objects.requireNonNull(write, "write");
        }

        public Options withBatchesPerEndpoint(int n) { return new Options(n, locations, read, write); }
        public Options withLocations(List<Location> l) { return new Options(batchesPerEndpoint, l, read, write); }
        public Options withRead(IpcReadOptions r) { return new Options(batchesPerEndpoint, locations, r, write); }
        public Options withWrite(IpcWriteOptions w) { return new Options(batchesPerEndpoint, locations, read, w); }
    }

    private final Path root;
    private final Path realRoot;
    private final Options options;
    private final AtomicInteger mapped = new AtomicInteger();

    public DirectoryFlightProducer(Path root) throws IOException {
        this(root, Options.DEFAULT);
    }

    public DirectoryFlightProducer(Path root, Options options) throws IOException {
        if (!Files.isDirectory(root)) throw new NoSuchFileException(root.toString(), null, "not a directory");
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = root.toRealPath();
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Files mapped right now by calls in flight (for monitoring, and to show that cancelled calls release them). */
    public int mappedFiles() {
        return mapped.get();
    }

    // ---- listing and information ----

    @Override
    public void listFlights(CallContext context, byte[] criteria, StreamSink<dev.quiver.flight.FlightInfo> flights) {
        String prefix = new String(criteria, StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root, 16)) {
            files = s.filter(Files::isRegularFile).filter(p -> !hidden(root.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            String name = name(f);
            if (!name.startsWith(prefix)) continue;
            FlightInfo info;
            try {
                info = info(name, f);
            } catch (QuiverException | IOException | UncheckedIOException e) {
                continue; // not Arrow, or damaged: not a flight (GetFlightInfo on it says why)
            }
            flights.send(info);
        }
    }

    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        String name = name(descriptor);
        try {
            return info(name, existing(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public PollInfo pollFlightInfo(CallContext context, FlightDescriptor descriptor) {
        return PollInfo.complete(getFlightInfo(context, descriptor));
    }

    private FlightInfo info(String name, Path file) throws IOException {
        try (MappedFlight f = open(file)) {
            int batches = f.numBatches();
            List<FlightEndpoint> endpoints = new ArrayList<>();
            int per = options.batchesPerEndpoint();
            for (int first = 0; first < batches || (first == 0 && batches == 0); first += per) {
                int end = Math.min(batches, first + per);
                endpoints.add(new FlightEndpoint(new DirectoryTicket(name, first, end).encode(), options.locations(),
                        null, null));
                if (batches == 0) break;
            }
            return new FlightInfo(f.schema, FlightDescriptor.path(name.split("/")), endpoints, f.rows(), f.size, true,
                    null);
        }
    }

    // ---- DoGet: messages straight from the mapping ----

    @Override
    public void doGet(CallContext context, Ticket ticket, FlightStreamWriter out) {
        DirectoryTicket t = DirectoryTicket.decode(ticket);
        Path file = existing(t.path());
        try (MappedFlight f = open(file)) {
            if (t.end() > f.numBatches()) {
                throw FlightException.invalidArgument("the ticket asks for batches [" + t.first() + ", " + t.end()
                        + ") of " + t.path() + ", which has " + f.numBatches());
            }
            // the schema, the dictionaries (a file's all; a stream's those before the range's last batch, in order,
            // so replacements and deltas apply as they did), the range's batches
            boolean any = t.first() < t.end();
            int firstAt = any ? f.batchAt[t.first()] : -1;
            int lastAt = any ? f.batchAt[t.end() - 1] : -1;
            for (int i = 0; i < f.messages.size(); i++) {
                MappedFlight.Message m = f.messages.get(i);
                boolean send = switch (m.kind()) {
                    case SCHEMA -> true;
                    case DICTIONARY -> f.isFile || (any && i < lastAt);
                    case BATCH -> any && i >= firstAt && i <= lastAt;
                };
                if (send) out.writeMessage(m.metadata(), m.body(), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maps a file, counted in {@link #mappedFiles()} until closed. */
    private MappedFlight open(Path file) throws IOException {
        MappedFlight f = MappedFlight.open(file, options.read(), mapped::decrementAndGet);
        mapped.incrementAndGet();
        return f;
    }

    // ---- DoPut: atomic uploads ----

    @Override
    public void doPut(CallContext context, FlightStreamReader in, StreamSink<PutResult> acks) {
        FlightDescriptor d = in.descriptor();
        if (d == null || !d.isPath()) {
            throw FlightException.invalidArgument("DoPut needs a path descriptor naming the file to store, got "
                    + (d == null ? "none" : d.toString()));
        }
        String name = name(d);
        Path target = resolve(name);
        if (Files.exists(target)) throw FlightException.alreadyExists(name + " exists already");
        boolean asStream = name.endsWith(".arrows") || name.endsWith(".stream");
        try {
            Files.createDirectories(target.getParent());
            checkInside(target.getParent());
            try (Upload up = new Upload(target, in.schema(), options.write(), asStream)) {
                long rows = 0;
                for (FlightChunk c; (c = in.readChunk()) != null; ) {
                    if (c.batch() != null) {
                        try (RecordBatch b = c.batch()) {
                            up.write(b);
                            rows += b.numRows();
                        }
                    }
                    acks.send(c.appMetadata() != null ? new PutResult(c.appMetadata())
                            : PutResult.of(Long.toString(rows)));
                }
                up.commit();
            }
        } catch (FileAlreadyExistsException e) {
            throw FlightException.alreadyExists(name + " exists already");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- DoExchange, actions ----

    @Override
    public void doExchange(CallContext context, FlightStreamReader in, FlightStreamWriter out) {
        FlightDescriptor d = in.descriptor();
        if (d == null || d.isPath() || !new String(d.command(), StandardCharsets.UTF_8).equals("echo")) {
            throw FlightException.unimplemented("DoExchange supports only the command 'echo', got "
                    + (d == null ? "no descriptor" : d.toString()));
        }
        for (FlightChunk c; (c = in.readChunk()) != null; ) {
            if (out.schema() == null && in.schemaIfKnown() != null) out.begin(in.schemaIfKnown());
            if (c.batch() != null) {
                try (RecordBatch b = c.batch()) {
                    out.write(b, c.appMetadata());
                }
            } else {
                out.putMetadata(c.appMetadata());
            }
        }
        if (out.schema() == null && in.schemaIfKnown() != null) out.begin(in.schemaIfKnown());
    }

    @Override
    public void doAction(CallContext context, Action action, StreamSink<Result> results) {
        switch (action.type()) {
            case StandardActions.CANCEL_FLIGHT_INFO -> {
                StandardActions.cancelFlightInfoRequest(action);
                results.send(StandardActions.cancelFlightInfoResult(CancelStatus.NOT_CANCELLABLE));
            }
            case StandardActions.RENEW_FLIGHT_ENDPOINT ->
                    results.send(StandardActions.endpointResult(StandardActions.renewFlightEndpointRequest(action)));
            default -> throw FlightException.invalidArgument("unknown action '" + action.type() + "' (this server has "
                    + StandardActions.CANCEL_FLIGHT_INFO + " and " + StandardActions.RENEW_FLIGHT_ENDPOINT + ")");
        }
    }

    @Override
    public void listActions(CallContext context, StreamSink<ActionType> actions) {
        actions.send(StandardActions.CANCEL_FLIGHT_INFO_TYPE);
        actions.send(StandardActions.RENEW_FLIGHT_ENDPOINT_TYPE);
    }

    // ---- names and paths ----

    /** The '/'-separated name of a path descriptor, every part checked (no empty, '.' or '..' part). */
    private static String name(FlightDescriptor d) {
        if (!d.isPath()) throw FlightException.invalidArgument("this server names flights by path, got " + d);
        String joined = String.join("/", d.path());
        List<String> parts = new ArrayList<>();
        for (String p : joined.split("/", -1)) {
            if (p.isEmpty() || p.equals(".") || p.equals("..") || p.indexOf('\0') >= 0 || p.indexOf('\\') >= 0) {
                throw FlightException.invalidArgument("invalid path '" + joined + "': every part must be a plain name");
            }
            parts.add(p);
        }
        if (parts.isEmpty()) throw FlightException.invalidArgument("empty path");
        if (parts.stream().anyMatch(DirectoryFlightProducer::hiddenName)) {
            throw FlightException.invalidArgument("invalid path '" + joined + "': hidden names (starting with '.') are not served");
        }
        return String.join("/", parts);
    }

    private String name(Path file) {
        List<String> parts = new ArrayList<>();
        for (Path p : root.relativize(file)) parts.add(p.toString());
        return String.join("/", parts);
    }

    private static boolean hidden(Path relative) {
        for (Path p : relative) if (hiddenName(p.toString())) return true;
        return false;
    }

    private static boolean hiddenName(String n) {
        return n.startsWith(".");
    }

    private Path resolve(String name) {
        return root.resolve(name.replace('/', java.io.File.separatorChar)).normalize();
    }

    /** The existing regular file a name stands for, inside the directory even through links. */
    private Path existing(String name) {
        Path p = resolve(name);
        if (!Files.isRegularFile(p)) throw FlightException.notFound("no flight " + name);
        checkInside(p);
        return p;
    }

    private void checkInside(Path p) {
        try {
            if (!p.toRealPath().startsWith(realRoot)) {
                throw new FlightException(FlightStatusCode.UNAUTHORIZED, p + " is outside the served directory");
            }
        } catch (IOException e) {
            throw FlightException.notFound("no flight " + root.relativize(p) + ": " + e.getMessage());
        }
    }
}
