package dev.quiver.cli.layout;

import dev.quiver.cli.layout.WireLayout.Buffer;
import dev.quiver.cli.layout.WireLayout.Kind;
import dev.quiver.cli.layout.WireLayout.Message;
import dev.quiver.cli.layout.WireLayout.Part;
import dev.quiver.cli.text.Ansi;
import dev.quiver.cli.text.DisplayWidth;
import dev.quiver.cli.text.Words;
import dev.quiver.metadata.MessageHeader;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link WireLayout} as text, one row per part with its byte range ({@code start} inclusive, {@code end}
 * exclusive) and length, under a heading row per message, and on the right a map of the whole input to scale: each
 * row marks where its bytes lie (at least one cell, however small the part), when the width leaves room for it. With
 * buffers, each body is followed by its buffers (field path, kind, range, compression prefix and sizes) and the
 * padding between them. Colour marks each kind of part when enabled.
 */
public final class LayoutText {
    /** Fewest map cells worth drawing; narrower terminals get no map. */
    static final int MIN_MAP = 12;
    /** Map cells when the width is unlimited. */
    static final int UNLIMITED_MAP = 64;

    /**
     * How to draw.
     *
     * @param buffers whether to expand bodies into their buffers
     * @param width   columns available (0: no limit)
     * @param ansi    colours
     */
    public record Options(boolean buffers, int width, Ansi ansi) {}

    private record Row(long start, long end, boolean range, String label, Kind kind, int depth) {}

    private LayoutText() {}

    /** The heading line: "NAME: Arrow IPC file, 1,178 bytes: 1 schema, 3 record batches". */
    public static String heading(WireLayout l) {
        StringBuilder sb = new StringBuilder(l.name()).append(": Arrow IPC ").append(l.format().label()).append(", ")
                .append(Words.bytes(l.size()));
        List<String> counts = new ArrayList<>();
        long schemas = l.count("Schema");
        if (schemas > 0) counts.add(Words.count(schemas, "schema"));
        long dictionaries = l.count("DictionaryBatch");
        if (dictionaries > 0) counts.add(Words.dictionaryBatches(dictionaries));
        counts.add(Words.recordBatches(l.count("RecordBatch")));
        return sb.append(": ").append(String.join(", ", counts)).toString();
    }

    public static void print(WireLayout l, Options o, PrintWriter out) {
        List<Row> rows = rows(l, o.buffers());
        int numbers = Math.max("length".length(), Words.number(l.size()).length());
        int label = 0;
        for (Row r : rows) label = Math.max(label, 2 * r.depth() + DisplayWidth.of(r.label()));
        int fixed = 2 + 3 * (numbers + 2);
        int map = 0;
        if (o.width() <= 0) {
            map = UNLIMITED_MAP;
        } else if (o.width() - fixed - label - 2 >= MIN_MAP) {
            map = Math.min(o.width() - fixed - label - 2, 100);
        } else {
            label = Math.max(10, Math.min(label, o.width() - fixed)); // labels cut only when even they do not fit
        }
        out.println(heading(l));
        out.println();
        StringBuilder head = new StringBuilder("  ");
        head.append(DisplayWidth.padLeft("start", numbers)).append("  ").append(DisplayWidth.padLeft("end", numbers))
                .append("  ").append(DisplayWidth.padLeft("length", numbers)).append("  ");
        if (map > 0) {
            head.append(DisplayWidth.padRight("part", label)).append("  ").append(scale(l.size(), map));
        } else {
            head.append("part");
        }
        out.println(head.toString().stripTrailing());
        for (Row r : rows) {
            StringBuilder sb = new StringBuilder("  ");
            if (r.range()) {
                sb.append(DisplayWidth.padLeft(Words.number(r.start()), numbers)).append("  ")
                        .append(DisplayWidth.padLeft(Words.number(r.end()), numbers)).append("  ")
                        .append(DisplayWidth.padLeft(Words.number(r.end() - r.start()), numbers)).append("  ");
            } else {
                sb.append(" ".repeat(3 * (numbers + 2)));
            }
            String text = DisplayWidth.clip("  ".repeat(r.depth()) + r.label(), label);
            String painted = o.ansi().paint(r.range() ? colour(r.kind()) : Ansi.BOLD, text);
            sb.append(painted);
            if (map > 0 && r.range() && r.end() > r.start()) {
                sb.append(" ".repeat(label - DisplayWidth.of(text))).append("  ");
                sb.append(bar(r, l.size(), map, o.ansi()));
            }
            out.println(stripTrailing(sb));
        }
        if (l.error() != null) {
            out.println();
            out.println(o.ansi().paint(Ansi.RED, "!! " + l.error().getMessage()));
        }
    }

    /** "0 ... 1,178" across the map's width. */
    private static String scale(long size, int width) {
        String right = Words.number(size);
        int gap = width - 1 - right.length();
        return gap < 1 ? "" : "0" + " ".repeat(gap) + right;
    }

    /** The map cells of one row: dots, and blocks where its bytes lie. */
    private static String bar(Row r, long size, int width, Ansi ansi) {
        int from = (int) Math.min(width - 1, (long) ((double) r.start() / size * width));
        int to = (int) Math.ceil((double) r.end() / size * width);
        to = Math.max(from + 1, Math.min(width, to));
        String dot = "\u00b7";
        return ansi.paint(Ansi.DIM, dot.repeat(from)) + ansi.paint(colour(r.kind()), "\u2588".repeat(to - from))
                + ansi.paint(Ansi.DIM, dot.repeat(width - to));
    }

    private static String stripTrailing(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') end--;
        return sb.substring(0, end);
    }

    static String colour(Kind k) {
        if (k == null) return null;
        return switch (k) {
            case MAGIC -> Ansi.YELLOW;
            case MAGIC_PADDING, PADDING -> Ansi.DIM;
            case CONTINUATION, METADATA_LENGTH -> Ansi.CYAN;
            case FLATBUFFER -> Ansi.BLUE;
            case BODY -> Ansi.GREEN;
            case END_OF_STREAM -> Ansi.MAGENTA;
            case FOOTER, FOOTER_LENGTH -> Ansi.BRIGHT_MAGENTA;
            case EXTRA, UNREADABLE -> Ansi.RED;
        };
    }

    private static List<Row> rows(WireLayout l, boolean buffers) {
        List<Row> rows = new ArrayList<>();
        int current = -1;
        for (Part p : l.parts()) {
            if (p.message() >= 0 && p.message() != current) {
                current = p.message();
                rows.add(new Row(0, 0, false, messageHeading(l.messages().get(current)), null, 0));
            } else if (p.message() < 0) {
                current = -1;
            }
            int depth = p.message() >= 0 ? 1 : 0;
            rows.add(new Row(p.offset(), p.end(), true, partLabel(l, p), p.kind(), depth));
            if (buffers && p.kind() == Kind.BODY) bufferRows(l.messages().get(p.message()), rows);
        }
        return rows;
    }

    /** "message 1: RecordBatch, 3 rows, lz4_frame". */
    public static String messageHeading(Message m) {
        StringBuilder sb = new StringBuilder("message ").append(m.index()).append(": ").append(m.type());
        switch (m.summary().message().header()) {
            case MessageHeader.SchemaHeader s -> sb.append(", ").append(Words.count(s.schema().fields().size(), "field"));
            case MessageHeader.RecordBatchHeader r -> sb.append(", ").append(Words.rows(r.length()));
            case MessageHeader.DictionaryBatchHeader d -> sb.append(" id ").append(d.id())
                    .append(d.isDelta() ? " (delta)" : "").append(", ")
                    .append(Words.count(d.data().length(), "value"));
        }
        if (m.compression() != null) sb.append(", ").append(codec(m.compression()));
        if (m.prefixLength() == 4) sb.append(", legacy framing");
        return sb.toString();
    }

    public static String codec(dev.quiver.compress.CompressionType c) {
        return c == null ? "none" : switch (c) {
            case LZ4_FRAME -> "lz4_frame";
            case ZSTD -> "zstd";
        };
    }

    /** What a part row says. */
    public static String partLabel(WireLayout l, Part p) {
        return switch (p.kind()) {
            case MAGIC -> "magic " + p.detail();
            case MAGIC_PADDING -> "padding";
            case CONTINUATION -> "continuation marker " + p.detail();
            case METADATA_LENGTH -> "metadata length " + Words.number(Long.parseLong(p.detail()));
            case FLATBUFFER -> "Flatbuffer Message (" + p.detail() + ")";
            case PADDING -> "padding";
            case BODY -> "body";
            case END_OF_STREAM -> "end-of-stream marker " + p.detail();
            case FOOTER -> {
                WireLayout.FooterInfo f = l.footer();
                yield f == null ? "footer" : "footer: Flatbuffer Footer, "
                        + Words.count(f.recordBatches().size(), "block") + (f.dictionaries().isEmpty() ? ""
                        : " + " + Words.number(f.dictionaries().size()) + " dictionary");
            }
            case FOOTER_LENGTH -> "footer length " + Words.number(Long.parseLong(p.detail()));
            case EXTRA -> Words.bytes(p.length()) + " " + p.detail();
            case UNREADABLE -> "unreadable: " + p.detail();
        };
    }

    private static void bufferRows(Message m, List<Row> rows) {
        long at = m.bodyOffset();
        for (Buffer b : m.buffers()) {
            if (b.offset() > at) rows.add(new Row(at, b.offset(), true, "padding", Kind.PADDING, 2));
            rows.add(new Row(b.offset(), b.end(), true, bufferLabel(m, b), Kind.BODY, 2));
            at = Math.max(at, b.end());
        }
        if (at < m.end()) rows.add(new Row(at, m.end(), true, "padding", Kind.PADDING, 2));
    }

    /** "buffer 2: y offsets", "buffer 4: y data, zstd: 8 + 700 bytes, 1,000 uncompressed". */
    public static String bufferLabel(Message m, Buffer b) {
        StringBuilder sb = new StringBuilder("buffer ").append(b.index()).append(": ");
        if (!b.path().isEmpty()) sb.append(b.path()).append(' ');
        sb.append(b.kind());
        if (b.length() == 0) return sb.append(" (empty)").toString();
        if (m.compression() != null) {
            sb.append(", ").append(codec(m.compression())).append(": ");
            if (b.uncompressedLength() == null) {
                sb.append("too short for its 8-byte prefix");
            } else if (b.uncompressedLength() == -1) {
                sb.append("8 + ").append(Words.bytes(b.length() - 8)).append(" stored uncompressed (prefix -1)");
            } else {
                sb.append("8 + ").append(Words.bytes(b.length() - 8)).append(", ")
                        .append(Words.number(b.uncompressedLength())).append(" uncompressed");
            }
        }
        return sb.toString();
    }
}
