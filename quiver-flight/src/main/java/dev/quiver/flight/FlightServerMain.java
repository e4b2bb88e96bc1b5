package dev.quiver.flight;

import dev.quiver.flight.directory.DirectoryFlightProducer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a directory server from the command line, for scripts and for tests that run a Quiver server in a child
 * process:
 *
 * <pre>
 * java -cp ... dev.quiver.flight.FlightServerMain DIR [--host H] [--port N] [--tls CERT KEY] [--token T]
 *      [--batches-per-endpoint N] [--exit-on-stdin-eof]
 * </pre>
 *
 * Prints {@code listening on grpc://HOST:PORT} (or {@code grpc+tls://}) on standard output once it accepts calls
 * (port 0, the default, picks a free port: read it from that line), then serves until it is killed (SIGTERM and
 * Ctrl-C shut it down gracefully) or, with {@code --exit-on-stdin-eof}, until its standard input closes (so a
 * parent that dies takes it along). Exit status 2 for bad arguments.
 */
public final class FlightServerMain {
    private FlightServerMain() {}

    /** What the command line asked for. */
    record Config(Path directory, String host, int port, Path certificate, Path key, String token,
                  int batchesPerEndpoint, boolean exitOnStdinEof) {}

    public static void main(String[] args) throws Exception {
        Config c;
        try {
            c = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("quiver flight server: " + e.getMessage());
            System.err.println("usage: FlightServerMain DIR [--host H] [--port N] [--tls CERT KEY] [--token T] "
                    + "[--batches-per-endpoint N] [--exit-on-stdin-eof]");
            System.exit(2);
            return;
        }
        FlightServer server = start(c);
        announce(server, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutdown(FlightServer.DEFAULT_GRACE)));
        if (c.exitOnStdinEof()) {
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
            server.shutdown(FlightServer.DEFAULT_GRACE);
            System.exit(0);
        }
        server.awaitTermination();
    }

    /** Prints the line that says where the server listens (clients and parent processes read it). */
    public static void announce(FlightServer server, PrintStream out) {
        out.println("listening on " + server.location().uri());
        out.flush();
    }

    static Config parse(List<String> args) {
        Path dir = null;
        String host = "127.0.0.1";
        int port = 0;
        Path cert = null;
        Path key = null;
        String token = null;
        int per = DirectoryFlightProducer.Options.DEFAULT.batchesPerEndpoint();
        boolean eof = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--host" -> host = value(args, ++i, a);
                case "--port" -> port = number(value(args, ++i, a), a);
                case "--tls" -> {
                    cert = Path.of(value(args, ++i, a));
                    key = Path.of(value(args, ++i, a));
                }
                case "--token" -> token = value(args, ++i, a);
                case "--batches-per-endpoint" -> per = number(value(args, ++i, a), a);
                case "--exit-on-stdin-eof" -> eof = true;
                default -> {
                    if (a.startsWith("--")) throw new IllegalArgumentException("unknown option " + a);
                    if (dir != null) throw new IllegalArgumentException("one directory only, got " + dir + " and " + a);
                    dir = Path.of(a);
                }
            }
        }
        if (dir == null) throw new IllegalArgumentException("the directory to serve is missing");
        return new Config(dir, host, port, cert, key, token, per, eof);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
        return args.get(i);
    }

    private static int number(String s, String option) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + s);
        }
    }

    static FlightServer start(Config c) throws IOException {
        DirectoryFlightProducer producer = new DirectoryFlightProducer(c.directory(),
                DirectoryFlightProducer.Options.DEFAULT.withBatchesPerEndpoint(c.batchesPerEndpoint()));
        FlightServer.Builder b = FlightServer.builder(producer).host(c.host()).port(c.port());
        if (c.certificate() != null) b.tls(c.certificate(), c.key());
        if (c.token() != null) b.authenticator(ServerAuthenticator.bearerToken(c.token()));
        return b.start();
    }
}
