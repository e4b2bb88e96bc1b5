/**
 * The {@code quiver} command line. Runs on the class path ({@code java -cp ... dev.quiver.cli.Main}, as the
 * {@code quiver} script does) or on the module path ({@code java -p DIR -m dev.quiver.cli/dev.quiver.cli.Main}).
 * Exports nothing; its command classes are opened to picocli, which fills their options reflectively.
 */
module dev.quiver.cli {
    requires dev.quiver.core;
    requires dev.quiver.flight;
    requires info.picocli;

    opens dev.quiver.cli to info.picocli;
}
