package dev.quiver.json;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser into {@link JsonValue} trees. Extensions: the tokens {@code NaN},
 * {@code Infinity} and {@code -Infinity} are read as numbers (Python's {@code json} module writes them).
 * Duplicate object keys, trailing content, unescaped control characters and bad escapes are errors.
 *
 * <p>Every error is an {@link InvalidDataException} (or a {@link LimitExceededException} for nesting deeper
 * than the limit or absurdly long number literals) whose message gives the line and column.
 */
public final class JsonParser {
    /** Default maximum nesting depth of arrays and objects. */
    public static final int DEFAULT_MAX_DEPTH = 512;
    /** Longest number literal accepted; decimal256 needs 78 characters. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private final String text;
    private final String resource;
    private final int maxDepth;
    private int pos;
    private int line = 1;
    private int lineStart;

    private JsonParser(String text, String resource, int maxDepth) {
        this.text = text;
        this.resource = resource;
        this.maxDepth = maxDepth;
    }

    /** Parses one JSON document with the {@linkplain #DEFAULT_MAX_DEPTH default depth limit}. */
    public static JsonValue parse(String text, String resource) {
        return parse(text, resource, DEFAULT_MAX_DEPTH);
    }

    /** Parses one JSON document; {@code resource} names the input in error messages. */
    public static JsonValue parse(String text, String resource, int maxDepth) {
        JsonParser p = new JsonParser(text, resource, maxDepth);
        int start = text.startsWith("\uFEFF") ? 1 : 0; // tolerate a byte order mark
        p.pos = start;
        p.lineStart = start;
        p.skipWhitespace();
        JsonValue v = p.value(0);
        p.skipWhitespace();
        if (p.pos < text.length()) throw p.error("unexpected " + p.describe(p.pos) + " after the JSON value");
        return v;
    }

    private JsonValue value(int depth) {
        if (pos >= text.length()) throw error("unexpected end of input, expected a value");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> {
                int l = line, col = column();
                yield new JsonValue.Str(string(), l, col);
            }
            case 't' -> literal("true", new JsonValue.Bool(true, line, column()));
            case 'f' -> literal("false", new JsonValue.Bool(false, line, column()));
            case 'n' -> literal("null", new JsonValue.Null(line, column()));
            case 'N' -> literal("NaN", new JsonValue.Num("NaN", line, column()));
            case 'I' -> literal("Infinity", new JsonValue.Num("Infinity", line, column()));
            default -> {
                if (c == '-' && pos + 1 < text.length() && text.charAt(pos + 1) == 'I') {
                    yield literal("-Infinity", new JsonValue.Num("-Infinity", line, column()));
                }
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected " + describe(pos) + ", expected a value");
            }
        };
    }

    private JsonValue literal(String word, JsonValue v) {
        if (!text.startsWith(word, pos)) throw error("invalid literal, expected '" + word + "'");
        pos += word.length();
        return v;
    }

    private JsonValue.Obj object(int depth) {
        checkDepth(depth);
        int l = line, col = column();
        pos++; // {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return new JsonValue.Obj(members, l, col);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error(atEnd() ? "unexpected end of input in object"
                    : "unexpected " + describe(pos) + ", expected a quoted key");
            int kl = line, kc = column();
            String key = string();
            skipWhitespace();
            if (peek() != ':') throw error(atEnd() ? "unexpected end of input in object"
                    : "unexpected " + describe(pos) + ", expected ':'");
            pos++;
            skipWhitespace();
            JsonValue v = value(depth);
            if (members.putIfAbsent(key, v) != null) {
                throw errorAt("duplicate key \"" + key + "\"", kl, kc);
            }
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return new JsonValue.Obj(members, l, col);
            } else {
                throw error(atEnd() ? "unexpected end of input in object"
                        : "unexpected " + describe(pos) + ", expected ',' or '}'");
            }
        }
    }

    private JsonValue.Arr array(int depth) {
        checkDepth(depth);
        int l = line, col = column();
        pos++; // [
        List<JsonValue> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new JsonValue.Arr(items, l, col);
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return new JsonValue.Arr(items, l, col);
            } else {
                throw error(atEnd() ? "unexpected end of input in array"
                        : "unexpected " + describe(pos) + ", expected ',' or ']'");
            }
        }
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new LimitExceededException("JSON nesting deeper than " + maxDepth + " levels at " + where(line, column()),
                    resource, -1);
        }
    }

    private String string() {
        pos++; // opening quote
        int start = pos;
        // fast path: no escapes
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                String s = text.substring(start, pos);
                pos++;
                return s;
            }
            if (c == '\\') break;
            if (c < 0x20) throw error("unescaped control character U+" + hex4(c) + " in string");
            pos++;
        }
        StringBuilder sb = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (true) {
            if (pos >= text.length()) throw error("unexpected end of input in string");
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) throw error("unescaped control character U+" + hex4(c) + " in string");
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= text.length()) throw error("unexpected end of input in string escape");
            char e = text.charAt(pos + 1);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 6 > text.length()) throw error("unexpected end of input in \\u escape");
                    int v = 0;
                    for (int k = 2; k < 6; k++) {
                        int d = Character.digit(text.charAt(pos + k), 16);
                        if (d < 0) throw error("invalid \\u escape: expected 4 hex digits");
                        v = v * 16 + d;
                    }
                    sb.append((char) v);
                    pos += 4;
                }
                default -> throw error("invalid escape '\\" + printable(e) + "' in string");
            }
            pos += 2;
        }
    }

    private JsonValue.Num number() {
        int l = line, col = column();
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) pos++;
        } else {
            throw error("invalid number: expected a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) throw error("invalid number: expected a digit after '.'");
            while (isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw error("invalid number: expected a digit in the exponent");
            while (isDigit(peek())) pos++;
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw new LimitExceededException("number literal of " + (pos - start) + " characters is longer than "
                    + MAX_NUMBER_LENGTH + " at " + where(l, col), resource, -1);
        }
        return new JsonValue.Num(text.substring(start, pos), l, col);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private String describe(int at) {
        if (at >= text.length()) return "end of input";
        return "character '" + printable(text.charAt(at)) + "'";
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : "U+" + hex4(c);
    }

    private static String hex4(char c) {
        return String.format("%04X", (int) c);
    }

    static String where(int line, int column) {
        return "line " + line + ", column " + column;
    }

    private InvalidDataException error(String detail) {
        return errorAt(detail, line, column());
    }

    private InvalidDataException errorAt(String detail, int l, int col) {
        return new InvalidDataException(detail + " at " + where(l, col), resource, -1);
    }
}
