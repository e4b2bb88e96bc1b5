package dev.quiver.cli;

import dev.quiver.flight.FlightClient;
import dev.quiver.flight.FlightClientOptions;
import dev.quiver.flight.FlightException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code quiver flight ...}: Arrow Flight from the command line (a directory server, and the client calls to list,
 * describe, download and upload). Its subcommands end a failed call with {@code quiver: <code>: <message>} and
 * exit status 1.
 */
@Command(name = "flight", mixinStandardHelpOptions = true,
        description = "Arrow Flight: serve a directory of Arrow files, list, describe, download and upload flights.",
        subcommands = {FlightServeCommand.class, FlightListCommand.class, FlightInfoCommand.class,
                FlightGetCommand.class, FlightPutCommand.class})
final class FlightCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The server a client command calls, and how: its URI (the first parameter), authentication, TLS trust. */
    static final class Remote {
        @CommandLine.Parameters(index = "0", paramLabel = "URI",
                description = "The server: grpc://HOST:PORT or grpc+tls://HOST:PORT.")
        String uri;

        @Option(names = "--token", paramLabel = "TOKEN", description = "Send 'authorization: Bearer TOKEN' with every call.")
        String token;

        @Option(names = "--tls-roots", paramLabel = "PEM",
                description = "Trust the certificates of this PEM file for grpc+tls:// (default: the JDK's trust store).")
        Path roots;

        FlightClient connect() {
            return connect(uri);
        }

        FlightClient connect(String uri) {
            FlightClientOptions o = FlightClientOptions.DEFAULT;
            if (token != null) o = o.withBearerToken(token);
            if (roots != null) o = o.withTrustedCertificates(roots);
            return FlightClient.connect(uri, o);
        }
    }

    /** A client command's body. */
    interface Body {
        Integer run() throws Exception;
    }

    /** Runs {@code body}, turning a failed call into a message and exit status 1 (other errors go to Main). */
    static Integer call(PrintWriter err, Body body) throws Exception {
        try {
            return body.run();
        } catch (FlightException e) {
            err.println("quiver: " + e.code() + ": " + e.getMessage());
            return Main.INVALID;
        }
    }

}
