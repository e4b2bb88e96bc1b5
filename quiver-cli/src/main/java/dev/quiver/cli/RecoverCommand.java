package dev.quiver.cli;

import dev.quiver.array.RecordBatch;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.cli.text.Words;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.ipc.Recovery;
import dev.quiver.ipc.RecoveryReport;
import dev.quiver.ipc.RecoveryReport.BatchPart;
import dev.quiver.ipc.RecoveryReport.Part;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code quiver recover IN OUT}: salvages every complete, valid batch of a damaged file or stream with
 * {@link Recovery}, writes them to OUT and prints what was kept and lost, byte range by byte range. OUT is written
 * beside its place and moved there when complete, as {@code convert} does.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Salvage every complete, valid record batch (with its dictionaries) of a damaged Arrow IPC "
                + "file or stream: no footer or a corrupt one, cut anywhere, damaged or extra bytes between or inside "
                + "messages. Writes them to OUT and prints every byte range of IN, kept or lost, and why.",
                "Every batch kept is fully validated. Exit 0 once OUT is written, whatever was lost; 1 when nothing "
                + "can be recovered (no schema) or OUT's format cannot hold the batches."})
final class RecoverCommand implements Callable<Integer> {
    private static final String ROW = "  %-20s  %-48s  %s%n";

    @Parameters(index = "0", paramLabel = "IN", description = "A damaged Arrow IPC file or stream.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (replaced if it exists).")
    Path out;

    @Option(names = "--to", paramLabel = "file|stream",
            description = "Output format. Default: from OUT's name (.arrow file, .arrows stream), else IN's format "
                    + "(a file gets a fresh footer).")
    IpcFormat to;

    @picocli.CommandLine.Mixin
    Progress.Options progressOptions;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new ParameterException(spec.commandLine(), "IN and OUT are the same file: " + out);
        }
        RecoveryReport report;
        IpcFormat target;
        boolean regular;
        try (Recovery r = Recovery.open(in, IpcReadOptions.DEFAULT); Output output = Output.open(out, main)) {
            IpcFormat from = r.format() == RecoveryReport.Format.FILE ? IpcFormat.FILE : IpcFormat.STREAM;
            target = to != null ? to : IpcFormat.fromName(out) != null ? IpcFormat.fromName(out) : from;
            IpcWriteOptions options = IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true);
            RecordBatchStreamWriter w = target == IpcFormat.FILE
                    ? Ipc.newFile(output.channel(), r.schema(), options).footerMetadata(r.footerMetadata())
                    : Ipc.newStream(output.channel(), r.schema(), options);
            RecoveryReport[] done = new RecoveryReport[1];
            try (Progress progress = progressOptions.start(main, spec.commandLine().getErr(), "recover", -1)) {
                output.write(w, writer -> {
                    writer.start();
                    long rows = 0;
                    for (RecordBatch next; (next = r.readNext()) != null; ) {
                        try (RecordBatch b = next) {
                            writer.write(b);
                            rows += b.numRows();
                            progress.update(-1, rows);
                        }
                    }
                    done[0] = r.report();
                });
            } catch (IllegalArgumentException e) {
                // the file writer refuses what a file cannot hold: a dictionary replaced between batches
                throw new UnsupportedFeatureException("the recovered batches cannot be written as a file ("
                        + e.getMessage() + "): use --to stream", in.toString(), -1, null, e);
            }
            report = done[0];
            regular = output.isRegularFile();
        }
        print(report);
        if (regular) {
            spec.commandLine().getOut().printf("wrote %s: Arrow IPC %s, %s, %s, %s%n", out,
                    target.label(), Words.batches(report.keptBatches()), Words.rows(report.keptRows()),
                    Words.bytes(Files.size(out)));
        }
        return 0;
    }

    private void print(RecoveryReport report) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%s: Arrow IPC %s, %s%n", in, report.format() == RecoveryReport.Format.FILE ? "file" : "stream",
                Words.bytes(report.size()));
        o.print(String.format(ROW, "bytes", "part", "").stripTrailing() + System.lineSeparator());
        List<Part> parts = report.parts();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            boolean scanned = i > 0 && parts.get(i - 1) instanceof RecoveryReport.UnreadablePart;
            int j = i;
            if (p instanceof BatchPart first && p.kept() && !scanned) {
                // consecutive batches kept, one line
                long rows = 0;
                while (j + 1 < parts.size() && parts.get(j + 1) instanceof BatchPart next && next.kept()) j++;
                for (int k = i; k <= j; k++) rows += ((BatchPart) parts.get(k)).rows();
                if (j > i) {
                    o.printf(ROW, range(p.offset(), parts.get(j).end()), String.format("record batches %d-%d (%s)",
                            first.index(), ((BatchPart) parts.get(j)).index(), Words.rows(rows)), "kept");
                    i = j;
                    continue;
                }
            }
            o.printf(ROW, range(p.offset(), p.end()), describe(p) + (scanned ? ", found by scanning" : ""), status(p));
        }
        if (report.format() == RecoveryReport.Format.FILE && report.footer().isEmpty()) {
            o.println("  footer: missing (the input ends before it)");
        }
        long keptDictionaries = report.dictionaries().stream().filter(Part::kept).count();
        o.printf("kept: %s (%s), %s%n", Words.recordBatches(report.keptBatches()), Words.rows(report.keptRows()),
                Words.dictionaryBatches(keptDictionaries));
        if (report.lostBytes() == 0) {
            o.println("lost: nothing");
        } else {
            long lostDictionaries = report.dictionaries().size() - keptDictionaries;
            StringBuilder lost = new StringBuilder("lost: ");
            if (report.lostBatches() > 0) {
                lost.append(count(report.lostBatches(), "record batch", "record batches"))
                        .append(" (").append(Words.rows(report.lostRows())).append("), ");
            }
            if (lostDictionaries > 0) {
                lost.append(count(lostDictionaries, "dictionary batch", "dictionary batches")).append(", ");
            }
            o.println(lost.append(count(report.lostBytes(), "byte", "bytes")).append(" in all"));
        }
    }

    private static String count(long n, String one, String many) {
        return Words.count(n, one, many);
    }

    /** "[1,480..1,800)": from (included) to (excluded), with thousands separators as every number. */
    private static String range(long from, long to) {
        return "[" + Words.number(from) + ".." + Words.number(to) + ")";
    }

    private static String describe(Part p) {
        return switch (p) {
            case RecoveryReport.MagicPart m -> "magic ARROW1";
            case RecoveryReport.SchemaPart s -> "schema";
            case RecoveryReport.DictionaryPart d -> String.format("dictionary %d (%s%s)", d.id(),
                    d.isDelta() ? "delta, " : "", Words.count(d.values(), "value"));
            case BatchPart b -> String.format("record batch %d (%s)", b.index(), Words.rows(b.rows()));
            case RecoveryReport.EndOfStreamPart e -> "end-of-stream marker";
            case RecoveryReport.UnreadablePart u -> "unreadable bytes";
            case RecoveryReport.TrailingPart t -> "bytes after the end of the stream";
            case RecoveryReport.FooterPart f -> f.recordBatches() < 0 ? "footer"
                    : "footer (lists " + Words.recordBatches(f.recordBatches()) + ", "
                            + Words.count(f.dictionaries(), "dictionary", "dictionaries") + ")";
        };
    }

    private static String status(Part p) {
        if (p instanceof RecoveryReport.TrailingPart) return "ignored, as readers do";
        return p.kept() ? "kept" : "lost: " + p.lost();
    }
}
