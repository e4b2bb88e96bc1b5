package dev.quiver.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A streaming JSON writer that pretty-prints as the integration gold files are laid out (Python's
 * {@code json.dumps(indent=2)}): two-space indentation, one element per line, {@code []} and {@code {}} for
 * empty containers, {@code ": "} after keys and every non-ASCII character escaped as {@code \\uXXXX}, so the
 * output is pure ASCII.
 *
 * <p>Not thread-safe. I/O errors surface as {@link UncheckedIOException}.
 */
public final class JsonWriter {
    private final Appendable out;
    private int depth;
    private boolean[] hasItems = new boolean[16];
    private boolean[] isObject = new boolean[16];
    private boolean afterName;
    private boolean done;

    public JsonWriter(Appendable out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        beforeValue();
        push(true);
        append("{");
        return this;
    }

    public JsonWriter endObject() {
        return end(true, "}");
    }

    public JsonWriter beginArray() {
        beforeValue();
        push(false);
        append("[");
        return this;
    }

    public JsonWriter endArray() {
        return end(false, "]");
    }

    /** Writes a key; the next call must write its value. */
    public JsonWriter name(String key) {
        if (depth == 0 || !isObject[depth - 1] || afterName) {
            throw new IllegalStateException("a key is only allowed directly inside an object");
        }
        separator();
        string(key);
        append(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        if (s == null) return nullValue();
        beforeValue();
        string(s);
        return this;
    }

    public JsonWriter value(long v) {
        beforeValue();
        append(Long.toString(v));
        return this;
    }

    public JsonWriter value(boolean v) {
        beforeValue();
        append(v ? "true" : "false");
        return this;
    }

    /**
     * Writes a float as the shortest decimal text that reads back to the same value; non-finite values as
     * {@code NaN}, {@code Infinity} and {@code -Infinity} (as Python writes them).
     */
    public JsonWriter value(float v) {
        return numberText(Float.isFinite(v) ? Float.toString(v) : nonFinite(v));
    }

    /** As {@link #value(float)} for doubles. */
    public JsonWriter value(double v) {
        return numberText(Double.isFinite(v) ? Double.toString(v) : nonFinite(v));
    }

    /** Writes a number given as text, unchanged (the caller guarantees it is a valid JSON number). */
    public JsonWriter numberText(String text) {
        beforeValue();
        append(text);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        append("null");
        return this;
    }

    /** Appends a final newline; the document must be complete. */
    public void finish() {
        if (depth != 0 || afterName || !done) throw new IllegalStateException("the JSON document is incomplete");
        append("\n");
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth == 0) {
            if (done) throw new IllegalStateException("a JSON document has exactly one top-level value");
            done = true;
            return;
        }
        if (isObject[depth - 1]) throw new IllegalStateException("a value inside an object needs a key first");
        separator();
    }

    private void separator() {
        if (hasItems[depth - 1]) append(",");
        hasItems[depth - 1] = true;
        newline(depth);
    }

    private void push(boolean object) {
        if (depth == hasItems.length) {
            hasItems = Arrays.copyOf(hasItems, depth * 2);
            isObject = Arrays.copyOf(isObject, depth * 2);
        }
        hasItems[depth] = false;
        isObject[depth] = object;
        depth++;
    }

    private JsonWriter end(boolean object, String close) {
        if (depth == 0 || isObject[depth - 1] != object || afterName) {
            throw new IllegalStateException("unbalanced " + close);
        }
        depth--;
        if (hasItems[depth]) newline(depth);
        append(close);
        return this;
    }

    private void newline(int indent) {
        append("\n");
        for (int i = 0; i < indent; i++) append("  ");
    }

    private void string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
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
                    if (c < 0x20 || c > 0x7e) {
                        sb.append("\\u");
                        String h = Integer.toHexString(c);
                        for (int k = h.length(); k < 4; k++) sb.append('0');
                        sb.append(h);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        append(sb);
    }

    private void append(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
