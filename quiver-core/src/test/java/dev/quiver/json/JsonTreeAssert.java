package dev.quiver.json;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Structural equality of JSON trees: same object keys (in any order) with equal values, equal arrays, and
 * numbers equal as decimals whatever their text ({@code 1.50} equals {@code 1.5}). An absent "metadata" equals
 * a null or empty one.
 */
final class JsonTreeAssert {
    private JsonTreeAssert() {}

    static void assertSameTree(JsonValue expected, JsonValue actual, String path) {
        switch (expected) {
            case JsonValue.Obj e -> {
                if (!(actual instanceof JsonValue.Obj a)) throw mismatch(path, expected, actual);
                for (String key : e.members().keySet()) {
                    if (!a.has(key) && key.equals("metadata") && isEmpty(e.get(key))) continue;
                    assertTrue(a.has(key), path + ": key \"" + key + "\" missing (expected line " + e.line() + ")");
                    assertSameTree(e.get(key), a.get(key), path + "." + key);
                }
                for (String key : a.members().keySet()) {
                    if (!e.has(key) && key.equals("metadata") && isEmpty(a.get(key))) continue;
                    assertTrue(e.has(key), path + ": unexpected key \"" + key + "\"");
                }
            }
            case JsonValue.Arr e -> {
                if (!(actual instanceof JsonValue.Arr a)) throw mismatch(path, expected, actual);
                assertEquals(e.size(), a.size(), path + ": array size (expected line " + e.line() + ")");
                for (int i = 0; i < e.size(); i++) assertSameTree(e.get(i), a.get(i), path + "[" + i + "]");
            }
            case JsonValue.Num e -> {
                if (!(actual instanceof JsonValue.Num a)) throw mismatch(path, expected, actual);
                if (!sameNumber(e.text(), a.text())) throw mismatch(path, expected, actual);
            }
            case JsonValue.Str e -> {
                if (!(actual instanceof JsonValue.Str a) || !e.value().equals(a.value())) throw mismatch(path, expected, actual);
            }
            case JsonValue.Bool e -> {
                if (!(actual instanceof JsonValue.Bool a) || e.value() != a.value()) throw mismatch(path, expected, actual);
            }
            case JsonValue.Null e -> {
                if (!(actual instanceof JsonValue.Null)) throw mismatch(path, expected, actual);
            }
        }
    }

    private static boolean isEmpty(JsonValue v) {
        return v instanceof JsonValue.Null || (v instanceof JsonValue.Arr a && a.size() == 0);
    }

    private static boolean sameNumber(String a, String b) {
        if (a.equals(b)) return true;
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static AssertionError mismatch(String path, JsonValue expected, JsonValue actual) {
        return new AssertionError(path + ": expected " + show(expected) + " (line " + expected.line() + ") but was "
                + show(actual) + " (line " + actual.line() + ")");
    }

    private static String show(JsonValue v) {
        return switch (v) {
            case JsonValue.Num n -> n.text();
            case JsonValue.Str s -> "\"" + s.value() + "\"";
            case JsonValue.Bool b -> String.valueOf(b.value());
            default -> v.kind();
        };
    }
}
