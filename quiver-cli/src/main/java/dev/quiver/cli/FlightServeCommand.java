package dev.quiver.cli;

import dev.quiver.flight.FlightServer;
import dev.quiver.flight.ServerAuthenticator;
import dev.quiver.flight.directory.DirectoryFlightProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code quiver flight serve DIR}: a Flight server over a directory of Arrow IPC files and streams. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the Arrow IPC files and streams under DIR over Arrow Flight until interrupted.",
                "ListFlights lists them by path; GetFlightInfo splits each into endpoints of batch ranges; DoGet sends "
                        + "them from the memory-mapped file; DoPut stores uploads atomically (never replacing a file)."})
final class FlightServeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The directory to serve.")
    Path dir;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8815",
            description = "The port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--tls", arity = "2", paramLabel = "FILE",
            description = "Serve TLS only, with this PEM certificate chain and PEM (PKCS#8) private key: --tls CERT KEY.")
    List<Path> tls;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Require 'authorization: Bearer TOKEN' on every call (or basic credentials whose password is TOKEN).")
    String token;

    @Option(names = "--batches-per-endpoint", paramLabel = "N", defaultValue = "64",
            description = "Split files of more batches into endpoints of N batches (default ${DEFAULT-VALUE}).")
    int batchesPerEndpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DirectoryFlightProducer producer = new DirectoryFlightProducer(dir,
                DirectoryFlightProducer.Options.DEFAULT.withBatchesPerEndpoint(batchesPerEndpoint));
        FlightServer.Builder b = FlightServer.builder(producer).host(host).port(port);
        if (tls != null) b.tls(tls.get(0), tls.get(1));
        if (token != null) b.authenticator(ServerAuthenticator.bearerToken(token));
        FlightServer server = b.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutdown(FlightServer.DEFAULT_GRACE)));
        spec.commandLine().getOut().println("serving " + dir + " on " + server.location().uri());
        spec.commandLine().getOut().flush();
        server.awaitTermination();
        return 0;
    }
}
