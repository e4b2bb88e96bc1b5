package dev.quiver.cli;

import dev.quiver.flight.FlightClient;
import dev.quiver.flight.FlightDescriptor;
import dev.quiver.flight.FlightEndpoint;
import dev.quiver.flight.FlightInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code quiver flight info URI PATH}: GetFlightInfo of a path. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe one flight (GetFlightInfo of a path descriptor): schema, rows, bytes, endpoints.")
final class FlightInfoCommand extends FlightClientCommand {
    @Parameters(index = "1", paramLabel = "PATH", description = "The flight's path, parts separated by '/'.")
    String path;

    @Override
    Integer run(FlightClient client, PrintWriter out) {
        FlightInfo i = client.getFlightInfo(FlightDescriptor.path(path.split("/")));
        out.println("descriptor: " + i.descriptor());
        out.println("rows: " + i.totalRecords());
        out.println("bytes: " + i.totalBytes());
        out.println("ordered: " + i.ordered());
        if (i.schema() != null) {
            out.println("schema:");
            SchemaText.print(i.schema(), out);
        }
        out.println("endpoints: " + i.endpoints().size());
        for (FlightEndpoint e : i.endpoints()) {
            out.println("  ticket " + new String(e.ticket().bytes(), StandardCharsets.UTF_8)
                    + (e.locations().isEmpty() ? "" : "  at " + e.locations()));
        }
        return 0;
    }
}
