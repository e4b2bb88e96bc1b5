package dev.quiver.json;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value with the line and column (both 1-based) where it starts. Objects keep their key order;
 * numbers keep their exact source text ({@link Num#text()}), so no precision is lost before the consumer
 * decides how to read them.
 */
public sealed interface JsonValue {

    /** 1-based line of the first character of this value (0 when built in memory). */
    int line();

    /** 1-based column of the first character of this value (0 when built in memory). */
    int column();

    /** "object", "array", "string", "number", "boolean" or "null", for error messages. */
    String kind();

    /** An object; {@code members} is in source order and has no duplicate keys. */
    record Obj(Map<String, JsonValue> members, int line, int column) implements JsonValue {
        public Obj {
            members = Collections.unmodifiableMap(members);
        }
        public JsonValue get(String key) { return members.get(key); }
        public boolean has(String key) { return members.containsKey(key); }
        public String kind() { return "object"; }
    }

    record Arr(List<JsonValue> items, int line, int column) implements JsonValue {
        public Arr {
            items = Collections.unmodifiableList(items);
        }
        public int size() { return items.size(); }
        public JsonValue get(int i) { return items.get(i); }
        public String kind() { return "array"; }
    }

    record Str(String value, int line, int column) implements JsonValue {
        public String kind() { return "string"; }
    }

    /**
     * A number, as written: RFC 8259 grammar, or one of {@code NaN}, {@code Infinity}, {@code -Infinity}
     * (accepted as Python's {@code json} module writes them).
     */
    record Num(String text, int line, int column) implements JsonValue {
        public String kind() { return "number"; }

        /** True when the text has no fraction, no exponent and is not NaN/Infinity. */
        public boolean isInteger() {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != '-' && (c < '0' || c > '9')) return false;
            }
            return true;
        }
    }

    record Bool(boolean value, int line, int column) implements JsonValue {
        public String kind() { return "boolean"; }
    }

    record Null(int line, int column) implements JsonValue {
        public String kind() { return "null"; }
    }
}
