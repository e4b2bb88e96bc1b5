package dev.quiver.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Generates, from the picocli model of the command line, the man page ({@code quiver.1}, troff) and the shell
 * completion (picocli's {@link AutoComplete} script, for bash, and the same for zsh through its
 * {@code bashcompinit}). Run by the {@code dist} build ({@code bin/make-dist}):
 * {@code java -cp quiver.jar dev.quiver.cli.Docs OUT_DIR} writes {@code OUT_DIR/man/man1/quiver.1},
 * {@code OUT_DIR/bash-completion/completions/quiver} and {@code OUT_DIR/zsh/site-functions/_quiver}.
 */
public final class Docs {
    private Docs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Docs OUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        CommandLine cl = Main.commandLine(java.io.InputStream.nullInputStream(), java.io.OutputStream.nullOutputStream());
        write(out.resolve("man/man1/quiver.1"), manPage(cl, LocalDate.now().toString()));
        String bash = AutoComplete.bash("quiver", cl);
        write(out.resolve("bash-completion/completions/quiver"), bash);
        write(out.resolve("zsh/site-functions/_quiver"), "#compdef quiver\n"
                + "# quiver completion for zsh: picocli's bash completion through zsh's bashcompinit.\n"
                + "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + bash);
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** The man page: name, synopsis, description, every command with its arguments and options, exit status. */
    static String manPage(CommandLine cl, String date) {
        CommandSpec spec = cl.getCommandSpec();
        StringBuilder b = new StringBuilder();
        b.append(".TH QUIVER 1 \"").append(date).append("\" \"").append(esc(version(spec))).append("\" \"Quiver\"\n");
        b.append(".SH NAME\nquiver \\- ").append(esc(String.join(" ", spec.usageMessage().description()))).append('\n');
        b.append(".SH SYNOPSIS\n.B quiver\n.RI [ OPTIONS ] \" COMMAND \" [ ARGS ]\n");
        b.append(".SH DESCRIPTION\n").append(esc(String.join(" ", spec.usageMessage().description()))).append('\n');
        b.append(".PP\nEvery reading command takes \\fB\\-\\fR (or no path) for standard input; every writing command "
                + "takes \\fB\\-\\fR for standard output.\n");
        options(b, spec);
        b.append(".SH COMMANDS\n");
        for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
            command(b, "quiver " + e.getKey(), e.getValue());
        }
        b.append(".SH EXIT STATUS\n.TP\n.B 0\nSuccess.\n.TP\n.B 1\nInvalid data or unreadable input (one line on "
                + "standard error, \\fBquiver: \\fImessage\\fR).\n.TP\n.B 2\nUsage error (also \\fBquiver\\fR alone).\n");
        b.append(".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nNo colour when set and not empty.\n.TP\n.B COLUMNS\n"
                + "Width of text output.\n.TP\n.B QUIVER_DEBUG\nPrint the stack trace of an unexpected error.\n");
        return b.toString();
    }

    private static String version(CommandSpec spec) {
        String[] v = spec.version();
        return v.length == 0 ? "quiver" : v[0];
    }

    private static void command(StringBuilder b, String name, CommandLine sub) {
        CommandSpec spec = sub.getCommandSpec();
        b.append(".SS ").append(esc(name)).append('\n');
        String synopsis = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .synopsis(0).strip().replaceAll("\\s+", " ");
        b.append(".nf\n\\fB").append(esc(synopsis)).append("\\fR\n.fi\n");
        for (String line : spec.usageMessage().description()) b.append(".PP\n").append(esc(line)).append('\n');
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) continue;
            b.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n").append(description(p)).append('\n');
        }
        options(b, spec);
        for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
            if (!e.getValue().getCommandSpec().equals(spec)) command(b, name + " " + e.getKey(), e.getValue());
        }
    }

    private static void options(StringBuilder b, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) continue;
            b.append(".TP\n");
            List<String> names = List.of(o.names());
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) b.append(", ");
                b.append("\\fB").append(esc(names.get(i))).append("\\fR");
            }
            if (o.arity().max() > 0) b.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
            b.append('\n').append(description(o)).append('\n');
        }
    }

    private static String description(ArgSpec a) {
        return esc(String.join(" ", a.description()));
    }

    /** Text for troff: backslashes and hyphens escaped, no line starting with a control character. */
    static String esc(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder b = new StringBuilder();
        for (String line : t.split("\n", -1)) {
            if (b.length() > 0) b.append('\n');
            if (line.startsWith(".") || line.startsWith("'")) b.append("\\&");
            b.append(line);
        }
        return b.toString();
    }
}
