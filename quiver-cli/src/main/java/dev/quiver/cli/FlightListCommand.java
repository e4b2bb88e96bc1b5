package dev.quiver.cli;

import dev.quiver.flight.FlightClient;
import dev.quiver.flight.FlightInfo;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code quiver flight list URI}: the flights a server lists. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the flights of a Flight server: descriptor, rows, bytes and endpoints of each.")
final class FlightListCommand extends FlightClientCommand {
    @Override
    Integer run(FlightClient client, PrintWriter out) {
        for (FlightInfo i : client.listFlights()) {
            out.printf("%s  %d rows  %d bytes  %d endpoint%s%n", i.descriptor(), i.totalRecords(), i.totalBytes(),
                    i.endpoints().size(), i.endpoints().size() == 1 ? "" : "s");
        }
        return 0;
    }
}
