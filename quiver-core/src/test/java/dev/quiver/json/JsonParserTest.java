package dev.quiver.json;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonParserTest {

    // ---- malformed input first ------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"a\": [1, 2`                 | unexpected end of input in array | line 1, column 12",
            "`{\"a\": `                      | unexpected end of input, expected a value | line 1, column 7",
            "`{\"a\" 1}`                     | expected ':' | line 1, column 6",
            "`[1 2]`                         | expected ',' or ']' | line 1, column 4",
            "`[1,]`                          | expected a value | line 1, column 4",
            "`{\"a\":1,}`                    | expected a quoted key | line 1, column 8",
            "`\"abc`                         | unexpected end of input in string | line 1, column 5",
            "`[\"a\\qb\"]`                   | invalid escape '\\q' in string | line 1, column 4",
            "`[\"\\u12G4\"]`                 | invalid \\u escape | line 1, column 3",
            "`[\"\\u12\"]`                   | invalid \\u escape | line 1, column 3",
            "`[01]`                          | unexpected character '1', expected ',' or ']' | line 1, column 3",
            "`[1.]`                          | expected a digit after '.' | line 1, column 4",
            "`[1e]`                          | expected a digit in the exponent | line 1, column 4",
            "`[-]`                           | invalid number: expected a digit | line 1, column 3",
            "`[+1]`                          | unexpected character '+', expected a value | line 1, column 2",
            "`[tru]`                         | invalid literal, expected 'true' | line 1, column 2",
            "`[1] x`                         | unexpected character 'x' after the JSON value | line 1, column 5",
            "`{\"a\":1,\"a\":2}`             | duplicate key \"a\" | line 1, column 8",
            "``                              | unexpected end of input, expected a value | line 1, column 1",
            "`{'a': 1}`                      | expected a quoted key | line 1, column 2",
    })
    void malformedJsonIsInvalidDataWithLineAndColumn(String text, String what, String where) {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> JsonParser.parse(text, "t.json"));
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertTrue(e.getMessage().contains("at " + where), e.getMessage());
        assertEquals("t.json", e.resource());
    }

    @Test
    void positionsCountLines() {
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> JsonParser.parse("{\n  \"a\": [\n    1,\n    }\n", "x.json"));
        assertTrue(e.getMessage().contains("unexpected character '}', expected a value at line 4, column 5"),
                e.getMessage());
    }

    @Test
    void controlCharacterInStringIsRejected() {
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> JsonParser.parse("[\"a\nb\"]", "x.json"));
        assertTrue(e.getMessage().contains("unescaped control character U+000A in string at line 1, column 4"),
                e.getMessage());
    }

    @Test
    void deepNestingBeyondTheLimitIsLimitExceeded() {
        String deep = "[".repeat(513) + "]".repeat(513);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> JsonParser.parse(deep, "d.json"));
        assertTrue(e.getMessage().contains("JSON nesting deeper than 512 levels at line 1, column 513"), e.getMessage());
        // exactly at the limit is fine
        String ok = "[".repeat(512) + "]".repeat(512);
        assertInstanceOf(JsonValue.Arr.class, JsonParser.parse(ok, "d.json"));
        // objects count too, and a smaller limit is honoured
        String objects = "{\"a\":".repeat(10) + "1" + "}".repeat(10);
        assertThrows(LimitExceededException.class, () -> JsonParser.parse(objects, "d.json", 9));
        assertInstanceOf(JsonValue.Obj.class, JsonParser.parse(objects, "d.json", 10));
    }

    @Test
    void hugeNumberLiteralIsLimitExceeded() {
        String huge = "[" + "9".repeat(100_000) + "]";
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> JsonParser.parse(huge, "n.json"));
        assertTrue(e.getMessage().contains("number literal of 100000 characters is longer than 1000 at line 1, column 2"),
                e.getMessage());
    }

    // ---- valid input ----------------------------------------------------------------------------------------

    @Test
    void keepsKeyOrderAndExactNumberText() {
        JsonValue.Obj o = (JsonValue.Obj) JsonParser.parse(
                "{\"z\": 1, \"a\": 12345678901234567890123, \"m\": -0.1e-7, \"b\": [true, false, null]}", "x");
        assertEquals(List.of("z", "a", "m", "b"), List.copyOf(o.members().keySet()));
        assertEquals("12345678901234567890123", ((JsonValue.Num) o.get("a")).text());
        assertEquals("-0.1e-7", ((JsonValue.Num) o.get("m")).text());
        assertTrue(((JsonValue.Num) o.get("a")).isInteger());
        assertFalse(((JsonValue.Num) o.get("m")).isInteger());
        JsonValue.Arr b = (JsonValue.Arr) o.get("b");
        assertEquals(new JsonValue.Bool(true, 1, 60), b.get(0));
        assertInstanceOf(JsonValue.Null.class, b.get(2));
        assertEquals(1, o.line());
        assertEquals(1, o.column());
    }

    @Test
    void decodesEscapes() {
        JsonValue.Arr a = (JsonValue.Arr) JsonParser.parse(
                "[\"q\\\"b\\\\s\\/n\\nt\\tr\\rb\\bf\\f\", \"\\u00b5\\u77e2\\ud83d\\ude00\", \"\u20ac\"]", "x");
        assertEquals("q\"b\\s/n\nt\tr\rb\bf\f", ((JsonValue.Str) a.get(0)).value());
        assertEquals("\u00b5\u77e2\ud83d\ude00", ((JsonValue.Str) a.get(1)).value());
        assertEquals("\u20ac", ((JsonValue.Str) a.get(2)).value());
    }

    @Test
    void acceptsPythonNonFiniteTokens() {
        JsonValue.Arr a = (JsonValue.Arr) JsonParser.parse("[NaN, Infinity, -Infinity, -0]", "x");
        assertEquals(List.of("NaN", "Infinity", "-Infinity", "-0"),
                a.items().stream().map(v -> ((JsonValue.Num) v).text()).toList());
    }

    @Test
    void toleratesByteOrderMarkAndWhitespace() {
        JsonValue v = JsonParser.parse("\uFEFF \r\n\t{ } \n", "x");
        assertEquals(0, ((JsonValue.Obj) v).members().size());
    }
}
