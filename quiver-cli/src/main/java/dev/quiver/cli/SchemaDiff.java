package dev.quiver.cli;

import dev.quiver.cli.values.ValueText;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.util.List;
import java.util.Objects;

/**
 * The first difference between two schemas' fields, in words: the field's path and index, and what differs
 * (name, type, nullability, dictionary encoding, metadata, children). The schemas' own metadata and byte order are
 * not compared: batches of either can be written under the other.
 */
final class SchemaDiff {
    private SchemaDiff() {}

    /** Null when the fields are equal. */
    static String first(Schema expected, Schema actual) {
        return fields(expected.fields(), actual.fields(), "");
    }

    private static String fields(List<Field> expected, List<Field> actual, String parent) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            String d = field(expected.get(i), actual.get(i), parent, i);
            if (d != null) return d;
        }
        if (expected.size() != actual.size()) {
            return (parent.isEmpty() ? "the schema has " : "field '" + parent + "' has ")
                    + countOf(actual.size()) + " here, " + countOf(expected.size()) + " there";
        }
        return null;
    }

    private static String countOf(int n) {
        return n + (n == 1 ? " field" : " fields");
    }

    private static String field(Field e, Field a, String parent, int i) {
        String path = (parent.isEmpty() ? "" : parent + ".") + e.name();
        String where = "field " + i + " '" + ValueText.escape(path) + "'";
        if (!e.name().equals(a.name())) {
            return "field " + i + (parent.isEmpty() ? "" : " of '" + ValueText.escape(parent) + "'") + " is named '"
                    + ValueText.escape(a.name()) + "' here, '" + ValueText.escape(e.name()) + "' there";
        }
        if (!e.type().equals(a.type())) return where + " is " + a.type() + " here, " + e.type() + " there";
        if (e.nullable() != a.nullable()) {
            return where + " is " + (a.nullable() ? "nullable" : "not null") + " here, "
                    + (e.nullable() ? "nullable" : "not null") + " there";
        }
        if (!Objects.equals(e.dictionary(), a.dictionary())) {
            return where + " is " + dictionary(a.dictionary()) + " here, " + dictionary(e.dictionary()) + " there";
        }
        if (!e.metadata().equals(a.metadata())) {
            return where + " has metadata " + a.metadata() + " here, " + e.metadata() + " there";
        }
        return fields(e.children(), a.children(), path);
    }

    private static String dictionary(DictionaryEncoding d) {
        if (d == null) return "not dictionary-encoded";
        return "dictionary " + d.id() + " with " + d.indexType() + " indices" + (d.ordered() ? ", ordered" : "");
    }
}
