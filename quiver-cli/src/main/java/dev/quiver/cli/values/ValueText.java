package dev.quiver.cli.values;

import dev.quiver.cli.text.JsonText;
import dev.quiver.cli.values.ValueTree.Bytes;
import dev.quiver.cli.values.ValueTree.MapValue;
import dev.quiver.cli.values.ValueTree.Struct;
import dev.quiver.cli.values.ValueTree.Text;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@link ValueTree} values as text, one form per output:
 * <ul>
 *   <li>{@link #cell}: a table cell, one line. Strings in double quotes (so that the string "null" differs from a
 *   null, shown as {@code null}), with quotes, backslashes and control characters escaped; binary as
 *   {@code 0x} and hex; structs as {@code {name: value, ...}}; maps as {@code {key: value, ...}} with keys shown as
 *   values ({@code {"a": 1}}); lists as {@code [a, b]}; dates and times in ISO-8601; numbers as Java writes them.</li>
 *   <li>{@link #plain}: a CSV or TSV field: strings as they are, binary as hex, nested values as compact JSON, null
 *   as null (the caller writes its own form of null).</li>
 *   <li>{@link #json}: a JSON value (see {@link #json(Object)}).</li>
 * </ul>
 */
public final class ValueText {
    private ValueText() {}

    /**
     * A table cell, cut short (the caller clips it to its column) once longer than {@code budget} characters, so
     * that a huge value costs no more than what is shown.
     */
    public static String cell(Object v, int budget) {
        StringBuilder sb = new StringBuilder();
        cell(v, sb, Math.max(budget, 8));
        return sb.toString();
    }

    private static void cell(Object v, StringBuilder sb, int budget) {
        if (sb.length() > budget) return;
        switch (v) {
            case null -> sb.append("null");
            case String s -> quoted(s, sb, budget);
            case Bytes b -> {
                byte[] bytes = b.value();
                int n = Math.min(bytes.length, Math.max(0, (budget - sb.length()) / 2 + 1));
                sb.append("0x").append(HexFormat.of().formatHex(bytes, 0, n));
                if (n < bytes.length) sb.append("...");
            }
            case Text t -> sb.append(t.value());
            case Struct s -> {
                sb.append('{');
                for (int i = 0; i < s.fields().size() && sb.length() <= budget; i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(escape(s.fields().get(i).getKey())).append(": ");
                    cell(s.fields().get(i).getValue(), sb, budget);
                }
                sb.append('}');
            }
            case MapValue m -> {
                sb.append('{');
                for (int i = 0; i < m.entries().size() && sb.length() <= budget; i++) {
                    if (i > 0) sb.append(", ");
                    cell(m.entries().get(i).getKey(), sb, budget);
                    sb.append(": ");
                    cell(m.entries().get(i).getValue(), sb, budget);
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size() && sb.length() <= budget; i++) {
                    if (i > 0) sb.append(", ");
                    cell(l.get(i), sb, budget);
                }
                sb.append(']');
            }
            case BigDecimal d -> sb.append(d.toPlainString());
            default -> sb.append(v);
        }
    }

    private static void quoted(String s, StringBuilder sb, int budget) {
        sb.append('"');
        int end = Math.min(s.length(), Math.max(0, budget - sb.length()) + 1);
        if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) end--;
        escape(s, 0, end, true, sb);
        if (end < s.length()) sb.append("...");
        sb.append('"');
    }

    /** Control characters as escapes, so that a name stays on one line. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        escape(s, 0, s.length(), false, sb);
        return sb.toString();
    }

    /** {@code s[from, to)} with control characters escaped, and quotes and backslashes too when {@code quoted}. */
    private static void escape(String s, int from, int to, boolean quoted, StringBuilder sb) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append(quoted ? "\\\"" : "\"");
                case '\\' -> sb.append(quoted ? "\\\\" : "\\");
                default -> {
                    if (Character.isISOControl(c)) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
    }

    /** A CSV or TSV field: null for a null value. */
    public static String plain(Object v) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Bytes b -> HexFormat.of().formatHex(b.value());
            case Text t -> t.value();
            case BigDecimal d -> d.toPlainString();
            case Struct s -> JsonText.compact(json(v));
            case MapValue m -> JsonText.compact(json(v));
            case List<?> l -> JsonText.compact(json(v));
            default -> String.valueOf(v);
        };
    }

    /**
     * The value as plain JSON (for {@link JsonText}): null, booleans, numbers (integers of any width and decimals
     * exactly, floats as their shortest text, NaN and the infinities as strings), strings, binary as a hex string,
     * dates, times and timestamps as ISO-8601 strings, durations as ISO-8601 durations ({@code "PT1.5S"}), values
     * java.time cannot hold as number and unit ({@code "9223372036854775807 s"}), structs as objects by field name,
     * maps as arrays of entry objects named as the schema names them ({@code [{"key": "a", "value": 1}]}), lists as
     * arrays, intervals as objects of their parts.
     */
    public static Object json(Object v) {
        return switch (v) {
            case null -> null;
            case Bytes b -> HexFormat.of().formatHex(b.value());
            case Text t -> t.value();
            case Struct s -> {
                List<Map.Entry<String, Object>> members = new ArrayList<>(s.fields().size());
                for (Map.Entry<String, Object> e : s.fields()) {
                    members.add(new AbstractMap.SimpleEntry<>(e.getKey(), json(e.getValue())));
                }
                yield new JsonText.Members(members);
            }
            case MapValue m -> {
                List<Object> entries = new ArrayList<>(m.entries().size());
                for (Map.Entry<Object, Object> e : m.entries()) {
                    List<Map.Entry<String, Object>> kv = new ArrayList<>(2);
                    kv.add(new AbstractMap.SimpleEntry<>(m.keyName(), json(e.getKey())));
                    kv.add(new AbstractMap.SimpleEntry<>(m.valueName(), json(e.getValue())));
                    entries.add(new JsonText.Members(kv));
                }
                yield entries;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object x : l) out.add(json(x));
                yield out;
            }
            default -> v;
        };
    }
}
