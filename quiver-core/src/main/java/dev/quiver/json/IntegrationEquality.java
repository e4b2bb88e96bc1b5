package dev.quiver.json;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.util.List;
import java.util.Map;

/**
 * Whether an IPC file or stream holds what an integration JSON file says, judged as Arrow's integration tests
 * ({@code archery integration}, {@code VALIDATE} mode) judge it.
 *
 * <p>Schemas: the same fields in order, each with the same name, type, nullability, custom metadata and
 * dictionary encoding (index type and orderedness); schema custom metadata equal too. Not compared:
 * <ul>
 *   <li>dictionary ids: a writer may number dictionaries its own way (Arrow C++ renumbers those of
 *       {@code generated_nested_dictionary}); what matters is which fields are encoded, how, and the values;</li>
 *   <li>the names of a map's entries struct and of its key and value fields: Arrow C++ compares schemas with
 *       {@code Schema::Equals(other, check_metadata=false)}, under which {@code MapType} equality ignores those
 *       names, and its IPC reader has restored the canonical {@code entries}/{@code key}/{@code value} names, so
 *       the gold {@code generated_map_non_canonical.stream} says {@code entries} where its JSON says
 *       {@code some_entries}. Their types and nullability are still compared;</li>
 *   <li>endianness: Quiver's readers hand out big-endian data swapped to little-endian under a little-endian
 *       schema (as Arrow C++ swaps to native order by default), so what is compared is values.</li>
 * </ul>
 *
 * <p>Batches: the same number, each with the same row count and, column by column, the same values as
 * {@link ArrayEquality} compares them (nulls equal whatever lies under them; floats bit for bit except that NaN
 * equals NaN; dictionary-encoded columns by the values their indices decode to).
 *
 * <p>Each method returns null when equal, else the first difference, e.g.
 * {@code "batch 1: struct_nullable.f1[3]: expected 5, got 6"}.
 */
public final class IntegrationEquality {
    private IntegrationEquality() {}

    /** Compares a JSON file with the schema and batches read from IPC. */
    public static String compare(JsonFile expected, Schema actualSchema, List<RecordBatch> actual) {
        String s = compareSchemas(expected.schema(), actualSchema);
        if (s != null) return s;
        int n = Math.min(expected.batches().size(), actual.size());
        for (int b = 0; b < n; b++) {
            String d = compareBatch(b, expected.schema(), expected.batches().get(b), actual.get(b));
            if (d != null) return d;
        }
        return compareBatchCount(expected.batches().size(), actual.size());
    }

    /** Null when the counts are equal, else the message for it. */
    public static String compareBatchCount(int expected, int actual) {
        return expected == actual ? null
                : "number of record batches: expected " + expected + ", got " + actual;
    }

    /**
     * Compares batch {@code index} of the JSON (whose schema is {@code schema}) with a batch read from IPC; field
     * names in the message are those of {@code schema}.
     */
    public static String compareBatch(int index, Schema schema, JsonBatch expected, RecordBatch actual) {
        String where = "batch " + index + ": ";
        if (expected.length() != actual.numRows()) {
            return where + "row count: expected " + expected.length() + ", got " + actual.numRows();
        }
        if (expected.columns().size() != actual.numColumns()) {
            return where + "column count: expected " + expected.columns().size() + ", got " + actual.numColumns();
        }
        for (int c = 0; c < expected.columns().size(); c++) {
            String d = ArrayEquality.compare(schema.field(c), expected.columns().get(c), actual.column(c).data());
            if (d != null) return where + d;
        }
        return null;
    }

    /** Compares schemas as described in the class comment. */
    public static String compareSchemas(Schema expected, Schema actual) {
        if (expected.fields().size() != actual.fields().size()) {
            return "schema: expected " + expected.fields().size() + " fields, got " + actual.fields().size();
        }
        for (int i = 0; i < expected.fields().size(); i++) {
            Field e = expected.field(i);
            String d = compareField(e.name(), e, actual.field(i), Role.PLAIN);
            if (d != null) return "schema: " + d;
        }
        return compareMetadata("schema metadata", expected.metadata(), actual.metadata());
    }

    /** Compares two fields as the schema comparison does; null when equal. */
    public static String compareFields(Field expected, Field actual) {
        return compareField(expected.name(), expected, actual, Role.PLAIN);
    }

    /** Where a field sits: map entries structs and their key and value fields do not have their names compared. */
    private enum Role { PLAIN, MAP_ENTRIES, MAP_KEY_OR_VALUE }

    /** {@code path} names the field in messages. */
    private static String compareField(String path, Field e, Field a, Role role) {
        String at = "field '" + path + "': ";
        if (role == Role.PLAIN && !e.name().equals(a.name())) {
            return at + "name: expected \"" + e.name() + "\", got \"" + a.name() + "\"";
        }
        if (!e.type().equals(a.type())) return at + "type: expected " + e.type() + ", got " + a.type();
        if (e.nullable() != a.nullable()) {
            return at + "expected " + (e.nullable() ? "nullable" : "not nullable") + ", got "
                    + (a.nullable() ? "nullable" : "not nullable");
        }
        String dict = compareDictionary(e.dictionary(), a.dictionary());
        if (dict != null) return at + dict;
        String meta = compareMetadata("custom metadata", e.metadata(), a.metadata());
        if (meta != null) return at + meta;
        if (e.children().size() != a.children().size()) {
            return at + "expected " + e.children().size() + " children, got " + a.children().size();
        }
        Role childRole = e.type() instanceof ArrowType.Map ? Role.MAP_ENTRIES
                : role == Role.MAP_ENTRIES ? Role.MAP_KEY_OR_VALUE : Role.PLAIN;
        for (int c = 0; c < e.children().size(); c++) {
            Field ec = e.child(c);
            String d = compareField(path + "." + ec.name(), ec, a.child(c), childRole);
            if (d != null) return d;
        }
        return null;
    }

    private static String compareDictionary(DictionaryEncoding e, DictionaryEncoding a) {
        if (e == null && a == null) return null;
        if (e == null) return "expected no dictionary encoding, got " + describe(a);
        if (a == null) return "expected dictionary encoding " + describe(e) + ", got none";
        if (!e.indexType().equals(a.indexType()) || e.ordered() != a.ordered()) {
            return "dictionary encoding: expected " + describe(e) + ", got " + describe(a);
        }
        return null;
    }

    private static String describe(DictionaryEncoding d) {
        return "indices " + d.indexType() + (d.ordered() ? ", ordered" : ", unordered");
    }

    private static String compareMetadata(String what, Map<String, String> e, Map<String, String> a) {
        return e.equals(a) ? null : what + ": expected " + e + ", got " + a;
    }
}
