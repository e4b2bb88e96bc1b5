package dev.quiver.cli;

import dev.quiver.json.JsonParser;
import dev.quiver.json.JsonValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks JSON documents against the schemas of {@code docs/json} (the documentation of quiver's {@code --json}
 * output), with the part of JSON Schema 2020-12 they use: {@code type} (one or a list), {@code enum},
 * {@code properties}, {@code required}, {@code additionalProperties} (false or a schema), {@code items},
 * {@code minimum} and {@code $ref} (to another file of the folder, or {@code #/$defs/NAME} in it). Any other keyword
 * in a schema fails the check, so that the documentation never says more than what is checked.
 */
final class JsonSchemaCheck {
    /** The documented schemas, beside the module: {@code docs/json}. */
    static final Path DIR = Path.of("..", "docs", "json");

    private final Map<String, JsonValue.Obj> files = new HashMap<>();

    /** The problems of {@code document} against {@code schemaFile} (empty when it conforms). */
    static List<String> problems(String document, String schemaFile) {
        JsonSchemaCheck c = new JsonSchemaCheck();
        List<String> out = new ArrayList<>();
        c.check(JsonParser.parse(document, "output"), c.load(schemaFile), schemaFile, "$", out);
        return out;
    }

    private JsonValue.Obj load(String file) {
        return files.computeIfAbsent(file, f -> {
            try {
                return (JsonValue.Obj) JsonParser.parse(Files.readString(DIR.resolve(f)), f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static final List<String> KNOWN = List.of("$schema", "$id", "title", "description", "type", "enum",
            "properties", "required", "additionalProperties", "items", "minimum", "$ref", "$defs");

    private void check(JsonValue v, JsonValue.Obj schema, String file, String at, List<String> out) {
        for (String k : schema.members().keySet()) {
            if (!KNOWN.contains(k)) throw new IllegalArgumentException(file + ": unsupported keyword " + k);
        }
        if (schema.has("$ref")) {
            String ref = ((JsonValue.Str) schema.get("$ref")).value();
            int hash = ref.indexOf('#');
            String target = hash == 0 ? file : hash < 0 ? ref : ref.substring(0, hash);
            JsonValue.Obj s = load(target);
            if (hash >= 0) {
                for (String part : ref.substring(hash + 2).split("/")) s = (JsonValue.Obj) s.get(part);
            }
            check(v, s, target, at, out);
            return;
        }
        if (schema.has("type") && !typeMatches(v, schema.get("type"))) {
            out.add(at + ": " + v.kind() + " where the schema wants " + text(schema.get("type")));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonValue e : ((JsonValue.Arr) schema.get("enum")).items()) found |= same(e, v);
            if (!found) out.add(at + ": " + text(v) + " is not one of " + text(schema.get("enum")));
        }
        if (schema.has("minimum") && v instanceof JsonValue.Num n
                && new BigDecimal(n.text()).compareTo(new BigDecimal(((JsonValue.Num) schema.get("minimum")).text())) < 0) {
            out.add(at + ": " + n.text() + " is below the minimum " + text(schema.get("minimum")));
        }
        if (v instanceof JsonValue.Obj o) {
            JsonValue.Obj props = schema.has("properties") ? (JsonValue.Obj) schema.get("properties") : null;
            if (schema.has("required")) {
                for (JsonValue r : ((JsonValue.Arr) schema.get("required")).items()) {
                    String name = ((JsonValue.Str) r).value();
                    if (!o.has(name)) out.add(at + ": missing member " + name);
                }
            }
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                String where = at + "." + e.getKey();
                if (props != null && props.has(e.getKey())) {
                    check(e.getValue(), (JsonValue.Obj) props.get(e.getKey()), file, where, out);
                } else if (schema.get("additionalProperties") instanceof JsonValue.Bool b && !b.value()) {
                    out.add(at + ": member " + e.getKey() + " is not in the schema");
                } else if (schema.get("additionalProperties") instanceof JsonValue.Obj extra) {
                    check(e.getValue(), extra, file, where, out);
                }
            }
        }
        if (v instanceof JsonValue.Arr a && schema.has("items")) {
            for (int i = 0; i < a.size(); i++) check(a.get(i), (JsonValue.Obj) schema.get("items"), file, at + "[" + i + "]", out);
        }
    }

    private static boolean typeMatches(JsonValue v, JsonValue type) {
        if (type instanceof JsonValue.Arr a) {
            for (JsonValue t : a.items()) if (typeMatches(v, t)) return true;
            return false;
        }
        String t = ((JsonValue.Str) type).value();
        return switch (t) {
            case "integer" -> v instanceof JsonValue.Num n && n.isInteger();
            case "number" -> v instanceof JsonValue.Num;
            default -> v.kind().equals(t);
        };
    }

    private static boolean same(JsonValue a, JsonValue b) {
        return switch (a) {
            case JsonValue.Str s -> b instanceof JsonValue.Str t && s.value().equals(t.value());
            case JsonValue.Num n -> b instanceof JsonValue.Num m && new BigDecimal(n.text()).compareTo(new BigDecimal(m.text())) == 0;
            case JsonValue.Bool x -> b instanceof JsonValue.Bool y && x.value() == y.value();
            case JsonValue.Null x -> b instanceof JsonValue.Null;
            default -> false;
        };
    }

    private static String text(JsonValue v) {
        return switch (v) {
            case JsonValue.Str s -> '"' + s.value() + '"';
            case JsonValue.Num n -> n.text();
            case JsonValue.Arr a -> a.items().stream().map(JsonSchemaCheck::text).toList().toString();
            default -> v.kind();
        };
    }
}
