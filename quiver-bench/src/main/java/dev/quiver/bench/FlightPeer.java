package dev.quiver.bench;

import dev.quiver.flight.CallContext;
import dev.quiver.flight.FlightChunk;
import dev.quiver.flight.FlightDescriptor;
import dev.quiver.flight.FlightInfo;
import dev.quiver.flight.FlightProducer;
import dev.quiver.flight.FlightServer;
import dev.quiver.flight.FlightStreamReader;
import dev.quiver.flight.FlightStreamWriter;
import dev.quiver.flight.PutResult;
import dev.quiver.flight.StreamSink;
import dev.quiver.flight.Ticket;
import dev.quiver.flight.directory.DirectoryFlightProducer;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Flight servers of {@link FlightBenchmark}, each in a process of its own:
 * <ul>
 *   <li>{@code quiver DIR BATCHES_PER_ENDPOINT}: Quiver's {@link DirectoryFlightProducer} over DIR (DoGet straight
 *       from the mapped files), whose DoPut reads every batch (validated) and keeps none, acknowledging each;</li>
 *   <li>{@code arrow-java FILE}: Arrow Java 19's FlightServer, whose DoGet of any ticket sends FILE as its
 *       ArrowFileReader loads it and whose DoPut loads every batch and keeps none.</li>
 * </ul>
 * Prints {@code listening on PORT}; exits when its standard input closes.
 */
public final class FlightPeer {
    private FlightPeer() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "quiver" -> {
                DirectoryFlightProducer dir = new DirectoryFlightProducer(Path.of(args[1]),
                        DirectoryFlightProducer.Options.DEFAULT.withBatchesPerEndpoint(Integer.parseInt(args[2])));
                FlightServer server = FlightServer.builder(new Discarding(dir)).host("127.0.0.1").port(0).start();
                System.out.println("listening on " + server.port());
                System.out.flush();
                while (System.in.read() >= 0) { }
                server.shutdown(FlightServer.DEFAULT_GRACE);
            }
            case "arrow-java" -> {
                BufferAllocator allocator = new RootAllocator();
                Path file = Path.of(args[1]);
                org.apache.arrow.flight.FlightServer server = org.apache.arrow.flight.FlightServer.builder(allocator,
                        Location.forGrpcInsecure("127.0.0.1", 0), new ArrowJavaFile(allocator, file)).build().start();
                System.out.println("listening on " + server.getPort());
                System.out.flush();
                while (System.in.read() >= 0) { }
                server.shutdown();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
            default -> throw new IllegalArgumentException("unknown peer " + args[0]);
        }
        System.exit(0);
    }

    /** Quiver's directory producer, with a DoPut that reads and drops. */
    static final class Discarding implements FlightProducer {
        final DirectoryFlightProducer dir;

        Discarding(DirectoryFlightProducer dir) { this.dir = dir; }

        @Override public FlightInfo getFlightInfo(CallContext c, FlightDescriptor d) { return dir.getFlightInfo(c, d); }
        @Override public void doGet(CallContext c, Ticket t, FlightStreamWriter out) { dir.doGet(c, t, out); }

        @Override
        public void doPut(CallContext context, FlightStreamReader in, StreamSink<PutResult> acks) {
            long rows = 0;
            for (FlightChunk c; (c = in.readChunk()) != null; ) {
                if (c.batch() != null) {
                    rows += c.batch().numRows();
                    c.batch().close();
                }
                acks.send(PutResult.of(Long.toString(rows)));
            }
        }
    }

    /** Arrow Java's side: a file sent with DoGet, uploads loaded and dropped. */
    static final class ArrowJavaFile extends NoOpFlightProducer {
        final BufferAllocator allocator;
        final Path file;

        ArrowJavaFile(BufferAllocator allocator, Path file) {
            this.allocator = allocator;
            this.file = file;
        }

        @Override
        public void getStream(CallContext context, org.apache.arrow.flight.Ticket ticket, ServerStreamListener listener) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                 ArrowFileReader r = new ArrowFileReader(ch, allocator)) {
                listener.start(r.getVectorSchemaRoot(), r);
                for (ArrowBlock b : r.getRecordBlocks()) {
                    r.loadRecordBatch(b);
                    listener.putNext();
                }
                listener.completed();
            } catch (IOException e) {
                listener.error(e);
            }
        }

        @Override
        public Runnable acceptPut(CallContext context, FlightStream stream, StreamListener<org.apache.arrow.flight.PutResult> ack) {
            return () -> {
                while (stream.next()) ack.onNext(org.apache.arrow.flight.PutResult.empty());
                ack.onCompleted();
            };
        }
    }

    /** A peer process: started with this JVM's class path, stopped by closing its input. */
    static final class Process implements AutoCloseable {
        final java.lang.Process process;
        final int port;

        Process(java.lang.Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Process start(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g",
                    "-cp", System.getProperty("java.class.path"), FlightPeer.class.getName()));
            cmd.addAll(List.of(args));
            java.lang.Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (line == null || !line.startsWith("listening on ")) {
                p.destroyForcibly();
                throw new IOException("the Flight peer " + args[0] + " did not start (it printed " + line + ")");
            }
            return new Process(p, Integer.parseInt(line.substring("listening on ".length()).trim()));
        }

        /** The peer's RssAnon in KiB (from /proc), or -1. */
        long rssAnonKiB() {
            try {
                for (String l : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (l.startsWith("RssAnon:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            } catch (IOException e) {
                return -1;
            }
            return -1;
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        }
    }
}
