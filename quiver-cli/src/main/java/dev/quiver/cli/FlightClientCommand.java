package dev.quiver.cli;

import dev.quiver.flight.FlightClient;
import dev.quiver.flight.FlightClientOptions;
import dev.quiver.flight.FlightException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What the client commands of {@code quiver flight} share: the server's URI (their first parameter), how to
 * authenticate and whom to trust, and the end of a failed call as {@code quiver: <code>: <message>}, exit status 1.
 */
abstract class FlightClientCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URI", description = "The server: grpc://HOST:PORT or grpc+tls://HOST:PORT.")
    String uri;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Send 'authorization: Bearer TOKEN' with every call.")
    String token;

    @Option(names = "--tls-roots", paramLabel = "PEM",
            description = "Trust the certificates of this PEM file for grpc+tls:// (default: the JDK's trust store).")
    Path roots;

    @Spec
    CommandSpec spec;

    /** The command's work, on a client connected to the URI. */
    abstract Integer run(FlightClient client, PrintWriter out) throws Exception;

    @Override
    public final Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try (FlightClient c = connect(uri)) {
            return run(c, spec.commandLine().getOut());
        } catch (FlightException e) {
            err.println("quiver: " + e.code() + ": " + e.getMessage());
            return Main.INVALID;
        }
    }

    /** A client of {@code location} with the same credentials and trust. */
    FlightClient connect(String location) {
        FlightClientOptions o = FlightClientOptions.DEFAULT;
        if (token != null) o = o.withBearerToken(token);
        if (roots != null) o = o.withTrustedCertificates(roots);
        return FlightClient.connect(location, o);
    }
}
