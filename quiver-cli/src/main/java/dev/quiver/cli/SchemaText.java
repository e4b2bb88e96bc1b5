package dev.quiver.cli;

import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.io.PrintWriter;
import java.util.Map;

/** Writes a schema one field a line, with field and schema metadata, in the manner of PyArrow. */
final class SchemaText {
    private SchemaText() {}

    static void print(Schema schema, PrintWriter out) {
        for (Field f : schema.fields()) field(f, "", out);
        if (!schema.metadata().isEmpty()) {
            out.println("-- schema metadata --");
            metadata(schema.metadata(), "", out);
        }
    }

    private static void field(Field f, String indent, PrintWriter out) {
        out.println(indent + f);
        if (!f.metadata().isEmpty()) {
            out.println(indent + "  -- field metadata --");
            metadata(f.metadata(), indent + "  ", out);
        }
        // Children are part of the line above; list them again only when one of them carries metadata.
        if (f.children().stream().anyMatch(SchemaText::hasMetadata)) {
            for (Field c : f.children()) field(c, indent + "  ", out);
        }
    }

    private static boolean hasMetadata(Field f) {
        return !f.metadata().isEmpty() || f.children().stream().anyMatch(SchemaText::hasMetadata);
    }

    private static void metadata(Map<String, String> m, String indent, PrintWriter out) {
        m.forEach((k, v) -> out.println(indent + k + ": '" + dev.quiver.cli.text.DisplayWidth.clip(dev.quiver.cli.values.ValueText.escape(v), 200) + "'"));
    }
}
