package dev.quiver.json;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonWriterTest {

    @Test
    void prettyPrintsLikeTheGoldFiles() {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb);
        w.beginObject()
                .name("a").value(1)
                .name("b").beginArray().value("x").value(true).nullValue().endArray()
                .name("c").beginArray().endArray()
                .name("d").beginObject().endObject()
                .name("e").value(0.5f)
                .name("f").value(Double.NaN)
                .endObject();
        w.finish();
        assertEquals("""
                {
                  "a": 1,
                  "b": [
                    "x",
                    true,
                    null
                  ],
                  "c": [],
                  "d": {},
                  "e": 0.5,
                  "f": NaN
                }
                """, sb.toString());
    }

    @Test
    void escapesLikePythonEnsureAscii() {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).value("a\"b\\c\n\t\u0001\u00b5\u77e2\ud83d\ude00");
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\\u00b5\\u77e2\\ud83d\\ude00\"", sb.toString());
        JsonValue back = JsonParser.parse(sb.toString(), "x");
        assertEquals("a\"b\\c\n\t\u0001\u00b5\u77e2\ud83d\ude00", ((JsonValue.Str) back).value());
    }

    @Test
    void floatsUseTheShortestTextThatReadsBack() {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginArray().value(641.818f).value(-1746.99).value(Float.NEGATIVE_INFINITY).endArray();
        assertEquals("[\n  641.818,\n  -1746.99,\n  -Infinity\n]", sb.toString());
    }

    @Test
    void misuseIsAnIllegalState() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter(new StringBuilder()).beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter(new StringBuilder()).beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter(new StringBuilder()).beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter(new StringBuilder()).beginObject().finish());
    }
}
