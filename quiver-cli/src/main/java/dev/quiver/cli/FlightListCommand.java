package dev.quiver.cli;

import dev.quiver.flight.FlightClient;
import dev.quiver.flight.FlightInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code quiver flight list URI}: the flights a server lists. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the flights of a Flight server: descriptor, rows, bytes and endpoints of each.")
final class FlightListCommand implements Callable<Integer> {
    @Mixin
    FlightCommand.Remote remote = new FlightCommand.Remote();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return FlightCommand.call(spec.commandLine().getErr(), () -> {
            try (FlightClient c = remote.connect()) {
                for (FlightInfo i : c.listFlights()) {
                    out.printf("%s  %d rows  %d bytes  %d endpoint%s%n", i.descriptor(), i.totalRecords(),
                            i.totalBytes(), i.endpoints().size(), i.endpoints().size() == 1 ? "" : "s");
                }
            }
            return 0;
        });
    }
}
