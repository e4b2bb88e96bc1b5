package dev.quiver.cli;

import dev.quiver.cli.layout.LayoutHtml;
import dev.quiver.cli.layout.LayoutJson;
import dev.quiver.cli.layout.LayoutScanner;
import dev.quiver.cli.layout.LayoutText;
import dev.quiver.cli.layout.WireLayout;
import dev.quiver.cli.layout.WireLayout.BlockCheck;
import dev.quiver.cli.layout.WireLayout.Message;
import dev.quiver.cli.layout.WireLayout.Part;
import dev.quiver.cli.text.JsonText;
import dev.quiver.cli.text.Words;
import dev.quiver.metadata.MessageHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code quiver inspect FILE}: the wire layout of an IPC file or stream, message by message; {@code --layout} draws
 * it part by part to scale ({@code --buffers}: each body's buffers too), {@code --metadata} decodes every Flatbuffer,
 * {@code --json} gives it all as one JSON document, {@code --html OUT} as an interactive page. On damaged input it
 * shows everything before the damage, then fails with the error.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show the layout of an Arrow IPC file or stream: magic, every message (offset, metadata "
                + "length, body length, type, rows, compression, buffers), the end-of-stream marker and, for a "
                + "file, the footer and its blocks.",
                "Offsets are in bytes from the start of FILE; 'metadata' is the int32 length after the "
                + "continuation marker (Flatbuffers bytes plus padding)."})
final class InspectCommand implements Callable<Integer> {
    private static final String ROW = "  %10s  %8s  %12s  %-15s  %10s  %-11s  %7s  %s%n";

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "An Arrow IPC file or stream; - or none for standard input.")
    Path file;

    @Option(names = "--layout", description = "Draw every part (marker, metadata length, Flatbuffer, padding, body, "
            + "end-of-stream marker, magic, footer) with its byte range, and a map of the input to scale.")
    boolean layout;

    @Option(names = "--buffers", description = "Expand each body into its buffers: field, kind (validity, offsets, "
            + "data, views, type ids...), range, compression prefix and sizes. Implies --layout unless --json.")
    boolean buffers;

    @Option(names = "--metadata", description = "Decode each message's Flatbuffer (and the footer's) to JSON, "
            + "named as Message.fbs, Schema.fbs and File.fbs name their fields.")
    boolean metadata;

    @Option(names = "--json", description = "One JSON document (docs/json/inspect.schema.json) instead of text.")
    boolean json;

    @Option(names = "--html", paramLabel = "OUT.html",
            description = "Also write the layout as a self-contained interactive page (- for standard output).")
    Path html;

    @Mixin
    Terminal terminal;

    @Mixin
    Terminal.Colors colors;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws IOException {
        out = spec.commandLine().getOut();
        if (html != null && html.toString().equals("-") && (json || layout || buffers || metadata)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--html - writes the page to standard output: it cannot share it with --json, --layout, --buffers "
                            + "or --metadata");
        }
        Input input = Input.of(file, main, spec.commandLine());
        WireLayout l;
        boolean wroteFile = false;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = input.bytes(arena); // read once: a pipe cannot be read again
            l = LayoutScanner.scan(data, input.name());
            if (html != null) wroteFile = writeHtml(l, data);
        }
        if (json) {
            out.print(JsonText.pretty(LayoutJson.document(l, buffers, metadata)));
        } else if (layout || buffers) {
            LayoutText.print(l, new LayoutText.Options(buffers, terminal.width(main), colors.ansi(main)), out);
            if (metadata) flatbuffers(l);
        } else if (metadata) {
            out.println(LayoutText.heading(l));
            flatbuffers(l);
            error(l);
        } else if (html == null) {
            table(l);
        } else if (wroteFile) { // on standard output, a pipe or a device, the page is all there is
            out.printf("wrote %s: %s, %s%n", html, Words.count(l.messages().size(), "message"),
                    Words.bytes(Files.size(html)));
        }
        out.flush();
        if (l.error() != null) throw l.error();
        return 0;
    }

    /** Writes the page; returns whether it went to a regular file. */
    private boolean writeHtml(WireLayout l, MemorySegment data) throws IOException {
        byte[] page = LayoutHtml.page(l, data).getBytes(StandardCharsets.UTF_8);
        try (Output o = Output.open(html, main)) {
            o.stream().write(page);
            o.stream().flush();
            o.commit();
            return o.isRegularFile();
        }
    }

    // ---- --metadata ------------------------------------------------------------------------------------

    private void flatbuffers(WireLayout l) {
        for (Message m : l.messages()) {
            out.println();
            out.printf("message %d at byte %s: Flatbuffer Message, %s (then %s of padding)%n", m.index(),
                    Words.number(m.metadataOffset()), Words.bytes(m.flatbufferLength()),
                    Words.number(m.metadataLength() - m.flatbufferLength()));
            out.print(JsonText.pretty(m.flatbuffer().fields()));
        }
        if (l.footer() != null && l.footer().flatbuffer() != null) {
            out.println();
            out.printf("footer at byte %s: Flatbuffer Footer, %s%n", Words.number(l.footer().offset()),
                    Words.bytes(l.footer().length()));
            out.print(JsonText.pretty(l.footer().flatbuffer().fields()));
        }
    }

    private void error(WireLayout l) {
        if (l.error() == null) return;
        out.println();
        out.println("!! " + l.error().getMessage());
    }

    // ---- the message table (no flag) --------------------------------------------------------------------

    private void table(WireLayout l) {
        out.printf("%s: Arrow IPC %s, %s%n", l.name(), l.format().label(), Words.bytes(l.size()));
        if (l.format() == WireLayout.Format.STREAM) {
            if (!l.messages().isEmpty() && l.messages().getFirst().prefixLength() == 4
                    || l.messages().isEmpty() && l.size() >= 4 && l.streamError() != null) {
                out.println("  (no continuation marker at byte 0: the legacy framing of Arrow before 0.15, "
                        + "or not Arrow at all)");
            }
            out.println();
            out.println("messages:");
            messages(l);
            if (l.streamError() != null) return;
            endOfStream(l, l.size());
            for (Part p : l.parts()) {
                if (p.kind() == WireLayout.Kind.EXTRA) {
                    out.printf("  %s after the end-of-stream marker (readers ignore them)%n", Words.bytes(p.length()));
                }
            }
            return;
        }
        magic(l);
        out.println();
        out.println("messages (the stream inside the file, from byte 8):");
        if (l.size() >= 8) {
            messages(l);
            if (l.streamError() == null) {
                endOfStream(l, l.footer() != null ? l.footer().offset() : Math.max(8, l.size() - 10));
            }
        }
        out.println();
        if (l.footer() == null) {
            Part length = find(l, WireLayout.Kind.FOOTER_LENGTH);
            if (length != null) {
                out.printf("footer: length %s (int32 at byte %s) -- unreadable:%n",
                        Words.number(Long.parseLong(length.detail())), Words.number(length.offset()));
            } else {
                out.println("footer: missing -- unreadable:");
            }
            out.println("  !! " + l.footerError().getMessage());
            return;
        }
        WireLayout.FooterInfo f = l.footer();
        out.printf("footer: offset %s, length %s (int32 at byte %s), metadata version %s%n", Words.number(f.offset()),
                Words.number(f.length()), Words.number(l.size() - 10), f.footer().version());
        out.printf("  schema: %s%s%n", Words.count(f.footer().schema().fields().size(), "field"),
                f.footer().schema().metadata().isEmpty() ? "" : ", metadata " + f.footer().schema().metadata());
        if (!f.footer().metadata().isEmpty()) out.printf("  footer metadata: %s%n", f.footer().metadata());
        blocks(l, "dictionary blocks", f.dictionaries());
        blocks(l, "record batch blocks", f.recordBatches());
    }

    private void magic(WireLayout l) {
        Part first = l.parts().getFirst();
        out.printf("  magic at byte 0: %s (\"ARROW1\" + 2 padding bytes)%n",
                find(l, WireLayout.Kind.MAGIC_PADDING) == null ? "41 52 52 4f 57 31" : "41 52 52 4f 57 31 "
                        + find(l, WireLayout.Kind.MAGIC_PADDING).detail());
        for (Part p : l.parts()) {
            if (p.kind() == WireLayout.Kind.MAGIC && p != first) {
                out.printf("  magic at byte %s: %s%n", Words.number(p.offset()), p.detail().equals("ARROW1")
                        ? "41 52 52 4f 57 31 (\"ARROW1\")" : p.detail().substring("not ARROW1: ".length())
                        + "  !! expected ARROW1");
            }
        }
    }

    private static Part find(WireLayout l, WireLayout.Kind kind) {
        for (Part p : l.parts()) if (p.kind() == kind) return p;
        return null;
    }

    private void blocks(WireLayout l, String title, List<BlockCheck> blocks) {
        out.printf("  %s: %s%n", title, Words.number(blocks.size()));
        Map<Long, Message> byOffset = new java.util.HashMap<>();
        for (Message m : l.messages()) byOffset.put(m.offset(), m);
        for (int i = 0; i < blocks.size(); i++) {
            var b = blocks.get(i).block();
            Message m = byOffset.get(b.offset());
            int prefix = m == null ? 8 : m.prefixLength();
            out.printf("    %d: offset %s, metadata %s + %d-byte prefix = metaDataLength %s, body %s  %s%n", i,
                    Words.number(b.offset()), Words.number(b.metaDataLength() - prefix), prefix,
                    Words.number(b.metaDataLength()), Words.number(b.bodyLength()),
                    blocks.get(i).problem() == null ? "ok" : "!! " + blocks.get(i).problem());
        }
    }

    private void messages(WireLayout l) {
        out.println(String.format(ROW, "offset", "metadata", "body", "type", "rows", "compression", "buffers", "")
                .stripTrailing());
        for (Message m : l.messages()) row(m);
        if (l.streamError() != null) out.println("  !! " + l.streamError().getMessage());
    }

    private void row(Message m) {
        String rows, compression, buffers, note;
        switch (m.summary().message().header()) {
            case MessageHeader.SchemaHeader s -> {
                rows = compression = buffers = "-";
                note = Words.count(s.schema().fields().size(), "field");
            }
            case MessageHeader.RecordBatchHeader r -> {
                rows = Words.number(r.length());
                compression = LayoutText.codec(r.compression());
                buffers = Words.number(r.bufferCount());
                note = Words.count(r.nodeCount(), "field node");
            }
            case MessageHeader.DictionaryBatchHeader d -> {
                rows = Words.number(d.data().length());
                compression = LayoutText.codec(d.data().compression());
                buffers = Words.number(d.data().bufferCount());
                note = "dictionary id " + d.id() + (d.isDelta() ? ", delta" : "");
            }
        }
        out.printf(ROW, Words.number(m.offset()), Words.number(m.metadataLength()), Words.number(m.bodyLength()),
                m.type(), rows, compression, buffers, note);
    }

    private void endOfStream(WireLayout l, long end) {
        Part eos = find(l, WireLayout.Kind.END_OF_STREAM);
        if (eos != null) {
            out.printf("  %10s  end of stream (%d-byte marker %s)%n", Words.number(eos.offset()), eos.length(),
                    eos.detail());
        } else {
            out.printf("  %10s  no end-of-stream marker: the messages end with the input%n", Words.number(end));
        }
    }
}
