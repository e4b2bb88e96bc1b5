package dev.quiver.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@link Main#run(PrintWriter, PrintWriter, String...)} and keeps what it printed. */
record Cli(int exit, String out, String err) {

    static Cli run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) strings[i] = String.valueOf(args[i]);
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), strings);
        return new Cli(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
