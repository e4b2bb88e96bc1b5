package dev.quiver.cli;

import dev.quiver.cli.layout.LayoutText;
import dev.quiver.cli.layout.WireLayout;
import dev.quiver.cli.layout.WireLayout.Message;
import dev.quiver.cli.layout.WireLayout.Part;
import dev.quiver.cli.text.ErrorJson;
import dev.quiver.cli.text.JsonText;
import dev.quiver.cli.text.Words;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Endianness;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code quiver info FILE}: a summary from the messages' metadata, without reading any body: format, metadata
 * version, endianness, fields, record batches and rows, dictionaries, compression of each message, and where the
 * bytes go (Flatbuffers, padding, bodies, footer...). {@code --json} for scripts. On damaged input, what was read
 * before the damage, then the error (exit 1).
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Summarize an Arrow IPC file or stream from its metadata: format, metadata version, endianness, "
                + "fields, batches and rows, dictionaries, compression per message, byte sizes.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "An Arrow IPC file or stream; - or none for standard input.")
    Path file;

    @Option(names = "--json", description = "One JSON document (docs/json/info.schema.json) instead of text.")
    boolean json;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Input input = Input.of(file, main, spec.commandLine());
        WireLayout l = input.layout();
        Schema schema = null;
        try {
            schema = SchemaCommand.schema(l);
        } catch (dev.quiver.QuiverException e) {
            // no schema: the summary says so, the error ends the command
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.print(JsonText.pretty(document(l, schema)));
        else text(l, schema, out);
        out.flush();
        if (l.error() != null) throw l.error();
        return 0;
    }

    private record Totals(long rows, long dictionaryIds, long deltas, Map<String, Long> compression,
                          Map<String, Long> bytes, List<String> versions) {}

    private static Totals totals(WireLayout l) {
        long rows = 0;
        long deltas = 0;
        Set<Long> ids = new TreeSet<>();
        Map<String, Long> compression = new LinkedHashMap<>();
        Set<String> versions = new LinkedHashSet<>();
        for (Message m : l.messages()) {
            versions.add(m.summary().message().version().name());
            switch (m.summary().message().header()) {
                case MessageHeader.RecordBatchHeader r -> rows += r.length();
                case MessageHeader.DictionaryBatchHeader d -> {
                    ids.add(d.id());
                    if (d.isDelta()) deltas++;
                }
                case MessageHeader.SchemaHeader s -> { }
            }
            if (m.batch() != null) compression.merge(LayoutText.codec(m.compression()), 1L, Long::sum);
        }
        if (l.footer() != null) versions.add(l.footer().footer().version().name());
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (WireLayout.Kind k : WireLayout.Kind.values()) bytes.put(k.id(), 0L);
        for (Part p : l.parts()) bytes.merge(p.kind().id(), p.length(), Long::sum);
        return new Totals(rows, ids.size(), deltas, compression, bytes, List.copyOf(versions));
    }

    private static Map<String, Object> document(WireLayout l, Schema schema) {
        Totals t = totals(l);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("input", l.name());
        d.put("format", l.format().label());
        d.put("size", l.size());
        d.put("metadata_versions", t.versions());
        d.put("endianness", schema == null ? null : schema.endianness() == Endianness.BIG ? "big" : "little");
        d.put("fields", schema == null ? null : schema.fields().size());
        d.put("dictionary_encoded_fields", schema == null ? null : dictionaryFields(schema.fields()));
        d.put("schema_metadata", schema == null ? null : schema.metadata());
        d.put("record_batches", l.count("RecordBatch"));
        d.put("rows", t.rows());
        d.put("dictionary_batches", l.count("DictionaryBatch"));
        d.put("dictionary_deltas", t.deltas());
        d.put("dictionary_ids", t.dictionaryIds());
        d.put("compression", t.compression());
        List<Object> messages = new ArrayList<>();
        for (Message m : l.messages()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("index", m.index());
            j.put("type", m.type());
            j.put("offset", m.offset());
            j.put("metadata_length", m.metadataLength());
            j.put("body_length", m.bodyLength());
            j.put("rows", m.batch() == null ? null : m.batch().length());
            j.put("compression", m.batch() == null ? null : LayoutText.codec(m.compression()));
            messages.add(j);
        }
        d.put("messages", messages);
        d.put("bytes", t.bytes());
        d.put("footer_metadata", l.footer() == null ? null : l.footer().footer().metadata());
        d.put("error", ErrorJson.of(l.error()));
        return d;
    }

    private static long dictionaryFields(List<Field> fields) {
        long n = 0;
        for (Field f : fields) n += (f.dictionary() != null ? 1 : 0) + dictionaryFields(f.children());
        return n;
    }

    private static void text(WireLayout l, Schema schema, PrintWriter out) {
        Totals t = totals(l);
        out.printf("%s: Arrow IPC %s, %s%n", l.name(), l.format().label(), Words.bytes(l.size()));
        row(out, "metadata version", t.versions().isEmpty() ? "-" : String.join(", ", t.versions()));
        if (schema != null) {
            row(out, "endianness", schema.endianness() == Endianness.BIG ? "big" : "little");
            long dict = dictionaryFields(schema.fields());
            row(out, "schema", Words.count(schema.fields().size(), "field")
                    + (dict > 0 ? " (" + Words.count(dict, "dictionary-encoded field") + ")" : "")
                    + (schema.metadata().isEmpty() ? "" : ", " + Words.count(schema.metadata().size(), "metadata key")));
        } else {
            row(out, "schema", "none readable");
        }
        row(out, "record batches", Words.number(l.count("RecordBatch")) + ", " + Words.rows(t.rows()));
        row(out, "dictionaries", Words.count(t.dictionaryIds(), "id") + ", "
                + Words.dictionaryBatches(l.count("DictionaryBatch"))
                + (t.deltas() > 0 ? " (" + Words.count(t.deltas(), "delta") + ")" : ""));
        List<String> codecs = new ArrayList<>();
        t.compression().forEach((codec, n) -> codecs.add(codec + ": " + Words.count(n, "message")));
        row(out, "compression", codecs.isEmpty() ? "-" : String.join(", ", codecs));
        if (l.footer() != null && !l.footer().footer().metadata().isEmpty()) {
            row(out, "footer metadata", Words.count(l.footer().footer().metadata().size(), "key"));
        }
        row(out, "bytes", Words.number(l.size()) + " in all:");
        int width = Words.number(l.size()).length();
        for (WireLayout.Kind k : WireLayout.Kind.values()) {
            long n = t.bytes().get(k.id());
            if (n > 0) out.printf("    %" + width + "s  %s%n", Words.number(n), k.label());
        }
        if (!l.messages().isEmpty()) {
            out.println();
            out.println("messages (offset, then what each is; lengths in bytes):");
            int w = Math.max(6, Words.number(l.messages().getLast().offset()).length());
            for (Message m : l.messages()) {
                out.printf("  %" + w + "s  %s; metadata %s, body %s%n", Words.number(m.offset()),
                        LayoutText.messageHeading(m), Words.number(m.metadataLength()), Words.number(m.bodyLength()));
            }
        }
        if (l.error() != null) {
            out.println();
            out.println("!! " + l.error().getMessage());
        }
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf("  %-17s %s%n", name, value);
    }
}
