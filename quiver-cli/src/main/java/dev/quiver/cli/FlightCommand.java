package dev.quiver.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code quiver flight ...}: Arrow Flight from the command line (a directory server, and the client calls to list,
 * describe, download and upload).
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
}
