package dev.quiver.metadata;

import dev.quiver.type.ArrowType;
import dev.quiver.type.DateUnit;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.FloatPrecision;
import dev.quiver.type.IntervalUnit;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.UnionMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Test helper: reads the "schema" part of an integration {@code .json.gz} file (Arrow's integration JSON
 * format) with a minimal JSON parser, to compare with the schema decoded from the binary files.
 */
final class GoldJsonSchema {
    private GoldJsonSchema() {}

    static Schema read(Path jsonGz) {
        try (var in = new GZIPInputStream(Files.newInputStream(jsonGz))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) new Parser(text).value();
            return schema(obj(root.get("schema")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema schema(Map<String, Object> s) {
        List<Field> fields = new ArrayList<>();
        for (Object f : list(s.get("fields"))) fields.add(field(obj(f)));
        return new Schema(fields, metadata(s.get("metadata")), null);
    }

    private static Field field(Map<String, Object> f) {
        List<Field> children = new ArrayList<>();
        if (f.get("children") != null) for (Object c : list(f.get("children"))) children.add(field(obj(c)));
        DictionaryEncoding dict = null;
        if (f.get("dictionary") != null) {
            Map<String, Object> d = obj(f.get("dictionary"));
            dict = new DictionaryEncoding(num(d.get("id")), (ArrowType.Int) type(obj(d.get("indexType"))),
                    Boolean.TRUE.equals(d.get("isOrdered")));
        }
        return new Field((String) f.get("name"), type(obj(f.get("type"))), (Boolean) f.get("nullable"),
                children, dict, metadata(f.get("metadata")));
    }

    private static ArrowType type(Map<String, Object> t) {
        return switch ((String) t.get("name")) {
            case "null" -> new ArrowType.Null();
            case "int" -> new ArrowType.Int((int) num(t.get("bitWidth")), (Boolean) t.get("isSigned"));
            case "floatingpoint" -> new ArrowType.FloatingPoint(FloatPrecision.valueOf((String) t.get("precision")));
            case "binary" -> new ArrowType.Binary();
            case "utf8" -> new ArrowType.Utf8();
            case "bool" -> new ArrowType.Bool();
            case "decimal" -> new ArrowType.Decimal((int) num(t.get("precision")), (int) num(t.get("scale")),
                    t.containsKey("bitWidth") ? (int) num(t.get("bitWidth")) : 128);
            case "date" -> new ArrowType.Date(DateUnit.valueOf((String) t.get("unit")));
            case "time" -> new ArrowType.Time(ArrowTimeUnit.valueOf((String) t.get("unit")), (int) num(t.get("bitWidth")));
            case "timestamp" -> new ArrowType.Timestamp(ArrowTimeUnit.valueOf((String) t.get("unit")),
                    (String) t.get("timezone"));
            case "interval" -> new ArrowType.Interval(IntervalUnit.valueOf((String) t.get("unit")));
            case "list" -> new ArrowType.List();
            case "struct" -> new ArrowType.Struct();
            case "union" -> {
                List<Object> ids = list(t.get("typeIds"));
                int[] a = new int[ids.size()];
                for (int i = 0; i < a.length; i++) a[i] = (int) num(ids.get(i));
                yield new ArrowType.Union(UnionMode.valueOf((String) t.get("mode")), a);
            }
            case "fixedsizebinary" -> new ArrowType.FixedSizeBinary((int) num(t.get("byteWidth")));
            case "fixedsizelist" -> new ArrowType.FixedSizeList((int) num(t.get("listSize")));
            case "map" -> new ArrowType.Map(Boolean.TRUE.equals(t.get("keysSorted")));
            case "duration" -> new ArrowType.Duration(ArrowTimeUnit.valueOf((String) t.get("unit")));
            case "largebinary" -> new ArrowType.LargeBinary();
            case "largeutf8" -> new ArrowType.LargeUtf8();
            case "largelist" -> new ArrowType.LargeList();
            case "runendencoded" -> new ArrowType.RunEndEncoded();
            case "binaryview" -> new ArrowType.BinaryView();
            case "utf8view" -> new ArrowType.Utf8View();
            case "listview" -> new ArrowType.ListView();
            case "largelistview" -> new ArrowType.LargeListView();
            default -> throw new IllegalArgumentException("JSON type " + t);
        };
    }

    private static Map<String, String> metadata(Object o) {
        Map<String, String> m = new LinkedHashMap<>();
        if (o != null) for (Object kv : list(o)) m.put((String) obj(kv).get("key"), (String) obj(kv).get("value"));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) { return (Map<String, Object>) o; }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) { return (List<Object>) o; }

    private static long num(Object o) { return ((Number) o).longValue(); }

    /** Just enough JSON: objects, arrays, strings with escapes, numbers, true/false/null. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) { this.s = s; }

        Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') { i++; return m; }
                    while (true) {
                        ws();
                        String k = string();
                        ws(); i++; // ':'
                        m.put(k, value());
                        ws();
                        if (s.charAt(i++) == '}') return m;
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') { i++; return l; }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i++) == ']') return l;
                    }
                }
                case '"' -> { return string(); }
                case 't' -> { i += 4; return Boolean.TRUE; }
                case 'f' -> { i += 5; return Boolean.FALSE; }
                case 'n' -> { i += 4; return null; }
                default -> {
                    int st = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                    String n = s.substring(st, i);
                    return n.contains(".") || n.contains("e") || n.contains("E")
                            ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
                }
            }
        }

        private String string() {
            i++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return sb.toString();
                if (c != '\\') { sb.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> { sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    default -> sb.append(e);
                }
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }
    }
}
