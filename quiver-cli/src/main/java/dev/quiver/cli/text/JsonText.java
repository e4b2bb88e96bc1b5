package dev.quiver.cli.text;

import dev.quiver.json.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON text of a tree of plain Java values, for the commands' {@code --json} documents (pretty: two-space indentation)
 * and JSON lines (compact: one line, no spaces). Values: null, Boolean, the integer types, BigInteger and BigDecimal
 * (exact), Float and Double (the shortest text that reads back; NaN and the infinities, which JSON lacks, as the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), CharSequence, Map (its keys as strings, in its
 * order), {@link Members} (an object whose keys may repeat), Collection, {@link JsonValue} and {@link Num}. Text is
 * written as UTF-8 characters; control characters and lone surrogates are escaped.
 */
public final class JsonText {
    private JsonText() {}

    /** A number given as its JSON text, written unchanged. */
    public record Num(String text) {}

    /** An object as a list of members, for keys that may repeat (fields of one name). */
    public record Members(List<Map.Entry<String, Object>> members) {}

    /** The document, pretty-printed, with a final newline. */
    public static String pretty(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0, true);
        return sb.append('\n').toString();
    }

    /** The value on one line (no final newline). */
    public static String compact(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0, false);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int depth, boolean pretty) {
        switch (v) {
            case null -> sb.append("null");
            case Boolean b -> sb.append(b);
            case Byte n -> sb.append(n);
            case Short n -> sb.append(n);
            case Integer n -> sb.append(n);
            case Long n -> sb.append(n);
            case BigInteger n -> sb.append(n);
            case BigDecimal n -> sb.append(n.toPlainString());
            case Float f -> real(sb, f.doubleValue(), Float.isFinite(f) ? Float.toString(f) : null);
            case Double d -> real(sb, d, Double.isFinite(d) ? Double.toString(d) : null);
            case Num n -> sb.append(n.text());
            case CharSequence s -> string(sb, s.toString());
            case Map<?, ?> m -> {
                List<Map.Entry<String, Object>> members = new java.util.ArrayList<>(m.size());
                m.forEach((k, x) -> members.add(Map.entry(String.valueOf(k), x == null ? NULL : x)));
                object(sb, members, depth, pretty);
            }
            case Members m -> object(sb, m.members(), depth, pretty);
            case Collection<?> c -> array(sb, c, depth, pretty);
            case JsonValue j -> json(sb, j, depth, pretty);
            default -> throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    /** Stands for null inside Map.entry, which refuses nulls. */
    private static final Object NULL = new Object() {
        @Override public String toString() { return "null"; }
    };

    private static void real(StringBuilder sb, double d, String text) {
        if (text != null) {
            sb.append(text);
        } else {
            string(sb, Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
    }

    /** Widest container a pretty document keeps on one line, when it holds only numbers, strings... */
    private static final int INLINE = 72;

    private static boolean scalar(Object v) {
        return !(v instanceof Map || v instanceof Members || v instanceof Collection
                || v instanceof JsonValue.Obj || v instanceof JsonValue.Arr);
    }

    /** The one-line form of a container of scalars ({"length": 3, "null_count": 0}), or null when too long. */
    private static String inline(Collection<?> values, java.util.function.Consumer<StringBuilder> body) {
        for (Object v : values) if (!scalar(v)) return null;
        StringBuilder sb = new StringBuilder();
        body.accept(sb);
        return sb.length() <= INLINE ? sb.toString() : null;
    }

    private static void object(StringBuilder sb, List<Map.Entry<String, Object>> members, int depth, boolean pretty) {
        if (members.isEmpty()) {
            sb.append("{}");
            return;
        }
        if (pretty) {
            String line = inline(members.stream().map(Map.Entry::getValue).toList(), b -> {
                b.append('{');
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) b.append(", ");
                    string(b, members.get(i).getKey());
                    b.append(": ");
                    Object x = members.get(i).getValue();
                    write(b, x == NULL ? null : x, 0, false);
                }
                b.append('}');
            });
            if (line != null) {
                sb.append(line);
                return;
            }
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : members) {
            if (!first) sb.append(',');
            first = false;
            newline(sb, depth + 1, pretty);
            string(sb, e.getKey());
            sb.append(pretty ? ": " : ":");
            Object x = e.getValue();
            write(sb, x == NULL ? null : x, depth + 1, pretty);
        }
        newline(sb, depth, pretty);
        sb.append('}');
    }

    private static void array(StringBuilder sb, Collection<?> items, int depth, boolean pretty) {
        if (items.isEmpty()) {
            sb.append("[]");
            return;
        }
        if (pretty) {
            String line = inline(items, b -> {
                b.append('[');
                boolean first = true;
                for (Object x : items) {
                    if (!first) b.append(", ");
                    first = false;
                    write(b, x, 0, false);
                }
                b.append(']');
            });
            if (line != null) {
                sb.append(line);
                return;
            }
        }
        sb.append('[');
        boolean first = true;
        for (Object x : items) {
            if (!first) sb.append(',');
            first = false;
            newline(sb, depth + 1, pretty);
            write(sb, x, depth + 1, pretty);
        }
        newline(sb, depth, pretty);
        sb.append(']');
    }

    private static void json(StringBuilder sb, JsonValue j, int depth, boolean pretty) {
        switch (j) {
            case JsonValue.Obj o -> {
                List<Map.Entry<String, Object>> members = new java.util.ArrayList<>();
                o.members().forEach((k, x) -> members.add(Map.entry(k, x)));
                object(sb, members, depth, pretty);
            }
            case JsonValue.Arr a -> array(sb, a.items(), depth, pretty);
            case JsonValue.Str s -> string(sb, s.value());
            case JsonValue.Num n -> sb.append(n.text());
            case JsonValue.Bool b -> sb.append(b.value());
            case JsonValue.Null n -> sb.append("null");
        }
    }

    private static void newline(StringBuilder sb, int depth, boolean pretty) {
        if (!pretty) return;
        sb.append('\n');
        for (int i = 0; i < depth; i++) sb.append("  ");
    }

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(sb, s);
        return sb.toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || lone) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
