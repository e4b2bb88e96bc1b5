package dev.quiver.cli;

import dev.quiver.array.RecordBatch;
import dev.quiver.cli.text.JsonText;
import dev.quiver.cli.text.Words;
import dev.quiver.cli.values.ValueText;
import dev.quiver.type.Field;

import java.io.PrintWriter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@code quiver print} writes rows ({@link dev.quiver.cli.values.ValueTree} values): a {@link Kind#TABLE} for
 * people, after the schema, one table per batch; or, for scripts, nothing but the rows: {@link Kind#CSV} (RFC 4180
 * quoting, a header row, null as an empty field and the empty string as {@code ""}, lines ending in {@code \n}),
 * {@link Kind#TSV} (tab-separated, a header row, tab, line feed, carriage return and backslash escaped as
 * {@code \t \n \r \\}, null as {@code \N}), {@link Kind#JSON} (one array of row objects, a row a line) and
 * {@link Kind#JSONL} (one row object a line). Nested values are JSON in CSV and TSV fields.
 */
abstract sealed class RowFormat {
    enum Kind { TABLE, CSV, TSV, JSON, JSONL }

    final List<Field> fields;
    final PrintWriter out;

    RowFormat(List<Field> fields, PrintWriter out) {
        this.fields = fields;
        this.out = out;
    }

    static RowFormat create(Kind kind, List<Field> fields, int width, PrintWriter out) {
        return switch (kind) {
            case TABLE -> new Table(fields, width, out);
            case CSV -> new Separated(fields, out, false);
            case TSV -> new Separated(fields, out, true);
            case JSON -> new Json(fields, out, false);
            case JSONL -> new Json(fields, out, true);
        };
    }

    /** Before the first batch. */
    abstract void begin(String name, BatchSource src);

    /** Rows {@code from} to {@code from + rows.size()} of batch {@code index}. */
    abstract void batch(int index, RecordBatch b, int from, List<Object[]> rows);

    /** The limit stopped the output; {@code batchesLeft} batches follow (-1: not known, a stream not read further). */
    void stopped(long limit, long batchesLeft) {
        finish();
    }

    /** Every row asked for was printed: {@code batches} read, with {@code rows} rows. */
    void end(int batches, long rows) {
        finish();
    }

    void finish() {}

    // ---- the table ---------------------------------------------------------------------------------------

    static final class Table extends RowFormat {
        private final int width;

        Table(List<Field> fields, int width, PrintWriter out) {
            super(fields, out);
            this.width = width;
        }

        @Override
        void begin(String name, BatchSource src) {
            out.printf("%s: Arrow IPC %s%n", name, src.format().label());
            SchemaText.print(src.schema(), out);
            if (!src.footerMetadata().isEmpty()) {
                out.println("-- footer metadata --");
                src.footerMetadata().forEach((k, v) -> out.println(k + ": '" + dev.quiver.cli.text.DisplayWidth.clip(dev.quiver.cli.values.ValueText.escape(v), 200) + "'"));
            }
        }

        @Override
        void batch(int index, RecordBatch b, int from, List<Object[]> rows) {
            out.println();
            out.printf("-- batch %d: %s%s --%n", index, Words.rows(b.numRows()),
                    b.metadata().isEmpty() ? "" : ", metadata " + b.metadata());
            if (from > 0) out.printf("... %s before (--offset)%n", Words.rows(from));
            String[] header = new String[fields.size()];
            for (int c = 0; c < header.length; c++) header[c] = ValueText.escape(fields.get(c).name());
            int budget = width > 0 ? width : 1000;
            List<String[]> lines = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                String[] cells = new String[r.length];
                for (int c = 0; c < r.length; c++) cells[c] = ValueText.cell(r[c], budget);
                lines.add(cells);
            }
            int shown = TableText.print(header, lines, width, out);
            long after = b.numRows() - from - rows.size();
            if (after > 0) out.printf("... %s more %s%n", Words.number(after), after == 1 ? "row" : "rows");
            if (shown < header.length) {
                out.printf("(%s not shown: choose them with --columns, or widen with --width)%n",
                        Words.count(header.length - shown, "column"));
            }
        }

        @Override
        void stopped(long limit, long batchesLeft) {
            out.println();
            out.printf("stopped after %s (--limit %s)%s%n", Words.rows(limit), limit,
                    batchesLeft < 0 ? "; the stream was not read further"
                            : batchesLeft > 0 ? "; " + Words.count(batchesLeft, "more batch", "more batches") + " in the file"
                            : "");
        }

        @Override
        void end(int batches, long rows) {
            out.println();
            out.printf("%s, %s%n", Words.batches(batches), Words.rows(rows));
        }
    }

    // ---- CSV and TSV -------------------------------------------------------------------------------------

    static final class Separated extends RowFormat {
        private final boolean tabs;

        Separated(List<Field> fields, PrintWriter out, boolean tabs) {
            super(fields, out);
            this.tabs = tabs;
        }

        @Override
        void begin(String name, BatchSource src) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < fields.size(); c++) {
                if (c > 0) sb.append(tabs ? '\t' : ',');
                sb.append(field(fields.get(c).name()));
            }
            out.print(sb.append('\n'));
        }

        @Override
        void batch(int index, RecordBatch b, int from, List<Object[]> rows) {
            StringBuilder sb = new StringBuilder();
            for (Object[] r : rows) {
                sb.setLength(0);
                for (int c = 0; c < r.length; c++) {
                    if (c > 0) sb.append(tabs ? '\t' : ',');
                    String v = ValueText.plain(r[c]);
                    sb.append(v == null ? (tabs ? "\\N" : "") : field(v));
                }
                out.print(sb.append('\n'));
            }
        }

        private String field(String v) {
            return tabs ? tsv(v) : csv(v);
        }

        /** RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled), and when empty (not null). */
        static String csv(String v) {
            if (!v.isEmpty() && v.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')) return v;
            return '"' + v.replace("\"", "\"\"") + '"';
        }

        static String tsv(String v) {
            StringBuilder sb = null;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                String rep = switch (c) {
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\\' -> "\\\\";
                    default -> null;
                };
                if (rep != null && sb == null) sb = new StringBuilder(v.substring(0, i));
                if (sb != null) {
                    if (rep != null) sb.append(rep);
                    else sb.append(c);
                }
            }
            return sb == null ? v : sb.toString();
        }
    }

    // ---- JSON and JSON lines -----------------------------------------------------------------------------

    static final class Json extends RowFormat {
        private final boolean lines;
        private boolean any;

        Json(List<Field> fields, PrintWriter out, boolean lines) {
            super(fields, out);
            this.lines = lines;
        }

        @Override
        void begin(String name, BatchSource src) {}

        @Override
        void batch(int index, RecordBatch b, int from, List<Object[]> rows) {
            for (Object[] r : rows) {
                List<Map.Entry<String, Object>> members = new ArrayList<>(r.length);
                for (int c = 0; c < r.length; c++) {
                    members.add(new AbstractMap.SimpleEntry<>(fields.get(c).name(), ValueText.json(r[c])));
                }
                String row = JsonText.compact(new JsonText.Members(members));
                if (lines) {
                    out.print(row + "\n");
                } else {
                    out.print((any ? ",\n" : "[\n") + row);
                }
                any = true;
            }
        }

        @Override
        void finish() {
            if (!lines) out.print(any ? "\n]\n" : "[]\n");
        }
    }
}
