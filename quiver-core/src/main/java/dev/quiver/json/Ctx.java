package dev.quiver.json;

import dev.quiver.InvalidDataException;
import dev.quiver.UnsupportedFeatureException;

/**
 * Error reporting while converting a JSON tree: every message names the resource, the JSON position
 * (line:column), the field path and the part of the file (for example "batch 2").
 */
final class Ctx {
    final String resource;
    private String scope;

    Ctx(String resource) {
        this.resource = resource;
    }

    /** Sets the part of the file being read, such as "batch 2" or "dictionary 0"; null for none. */
    void scope(String s) {
        this.scope = s;
    }

    String scope() {
        return scope;
    }

    InvalidDataException invalid(String detail, JsonValue at, String path) {
        return new InvalidDataException(message(detail, at), resource, -1, path);
    }

    UnsupportedFeatureException unsupported(String detail, JsonValue at, String path) {
        return new UnsupportedFeatureException(message(detail, at), resource, -1, path);
    }

    private String message(String detail, JsonValue at) {
        StringBuilder sb = new StringBuilder();
        if (scope != null) sb.append(scope).append(": ");
        sb.append(detail);
        if (at != null && at.line() > 0) sb.append(" at ").append(JsonParser.where(at.line(), at.column()));
        return sb.toString();
    }

    // ---- typed access ----------------------------------------------------------------------------

    JsonValue.Obj obj(JsonValue v, String what, String path) {
        if (v instanceof JsonValue.Obj o) return o;
        throw invalid(what + " must be an object, not " + v.kind(), v, path);
    }

    JsonValue.Arr arr(JsonValue v, String what, String path) {
        if (v instanceof JsonValue.Arr a) return a;
        throw invalid(what + " must be an array, not " + v.kind(), v, path);
    }

    JsonValue require(JsonValue.Obj o, String key, String path) {
        JsonValue v = o.get(key);
        if (v == null) throw invalid("missing \"" + key + "\"", o, path);
        return v;
    }

    /** The member, or null when absent or JSON null. */
    JsonValue optional(JsonValue.Obj o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonValue.Null ? null : v;
    }

    String string(JsonValue v, String what, String path) {
        if (v instanceof JsonValue.Str s) return s.value();
        throw invalid(what + " must be a string, not " + v.kind(), v, path);
    }

    boolean bool(JsonValue v, String what, String path) {
        if (v instanceof JsonValue.Bool b) return b.value();
        throw invalid(what + " must be true or false, not " + v.kind(), v, path);
    }

    /** An integer in {@code [min, max]}, written as a JSON number or a string of digits. */
    long integer(JsonValue v, long min, long max, String what, String path) {
        String text = integerText(v, what, path);
        long x;
        try {
            x = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(what + " " + abbreviate(text) + " is out of range [" + min + ", " + max + "]", v, path);
        }
        if (x < min || x > max) {
            throw invalid(what + " " + text + " is out of range [" + min + ", " + max + "]", v, path);
        }
        return x;
    }

    /** An unsigned 64-bit integer, returned as its two's complement bits. */
    long unsigned64(JsonValue v, String what, String path) {
        String text = integerText(v, what, path);
        try {
            if (text.startsWith("-")) throw new NumberFormatException();
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw invalid(what + " " + abbreviate(text) + " is out of range [0, 18446744073709551615]", v, path);
        }
    }

    /** The digits of an integer value: a JSON integer number or a string "-?[0-9]+". */
    String integerText(JsonValue v, String what, String path) {
        String text;
        if (v instanceof JsonValue.Num n) {
            text = n.text();
        } else if (v instanceof JsonValue.Str s) {
            text = s.value();
        } else {
            throw invalid(what + " must be an integer, not " + v.kind(), v, path);
        }
        int start = text.startsWith("-") ? 1 : 0;
        boolean ok = text.length() > start;
        for (int i = start; ok && i < text.length(); i++) {
            char c = text.charAt(i);
            ok = c >= '0' && c <= '9';
        }
        if (!ok) throw invalid(what + " must be an integer, not " + abbreviate(text), v, path);
        return text;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 20) + "..." + s.substring(s.length() - 10)
                + " (" + s.length() + " characters)";
    }
}
