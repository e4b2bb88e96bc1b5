package dev.quiver.cli;

import dev.quiver.cli.text.DisplayWidth;
import dev.quiver.cli.text.JsonText;
import dev.quiver.cli.text.Words;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text units every command shares: numbers and plurals, display widths, JSON text; inspect's flag rules. */
class TextUnitsTest {
    @Test
    void numbersHaveSeparatorsAndNounsAgree() {
        assertEquals("1,073,741,824", Words.number(1L << 30));
        assertEquals("-1,000", Words.number(-1000));
        assertEquals("999", Words.number(999));
        assertEquals("1 batch", Words.batches(1));
        assertEquals("0 batches", Words.batches(0));
        assertEquals("2 record batches", Words.recordBatches(2));
        assertEquals("1 row", Words.rows(1));
        assertEquals("1,000 rows", Words.rows(1000));
        assertEquals("1 byte", Words.bytes(1));
    }

    @Test
    void wideCharactersTakeTwoColumnsAndMarksNone() {
        assertEquals(4, DisplayWidth.of("東京"));
        assertEquals(6, DisplayWidth.of("한국어"));
        assertEquals(2, DisplayWidth.of("ｱ1")); // halfwidth katakana: one column
        assertEquals(1, DisplayWidth.of("e\u0301")); // e and a combining acute accent
        assertEquals(2, DisplayWidth.of("\uD83D\uDE00")); // an emoji, two chars of UTF-16
        assertEquals("東…", DisplayWidth.clip("東京都", 4));
        assertEquals("ab…", DisplayWidth.clip("abcdef", 3));
        assertEquals("abc", DisplayWidth.clip("abc", 3));
        assertEquals("東京  ", DisplayWidth.padRight("東京", 6));
    }

    @Test
    void jsonTextIsValidJsonKeepingTextAndEscapingWhatItMust() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" back \\ tab \t nul \u0000 東京");
        m.put("nan", Double.NaN);
        m.put("inf", Float.NEGATIVE_INFINITY);
        m.put("big", new java.math.BigInteger("18446744073709551615"));
        m.put("dec", new java.math.BigDecimal("1E+3"));
        m.put("none", null);
        m.put("list", List.of(1, 2));
        m.put("lone", "\uD800");
        String compact = JsonText.compact(m);
        assertEquals("{\"s\":\"quote \\\" back \\\\ tab \\t nul \\u0000 東京\",\"nan\":\"NaN\",\"inf\":\"-Infinity\","
                + "\"big\":18446744073709551615,\"dec\":1000,\"none\":null,\"list\":[1,2],\"lone\":\"\\ud800\"}", compact);
        dev.quiver.json.JsonParser.parse(compact, "compact");
        String pretty = JsonText.pretty(Map.of("nodes", List.of(Map.of("length", 3))));
        assertEquals("{\n  \"nodes\": [\n    {\"length\": 3}\n  ]\n}\n", pretty);
    }

    @Test
    void inspectHtmlOnStandardOutputIsThePageAlone(@TempDir Path dir) throws IOException {
        Path f = Samples.file(dir, "f.arrow");
        Cli page = Cli.run("inspect", f, "--html", "-");
        assertEquals(0, page.exit(), page.toString());
        assertTrue(page.out().startsWith("<!DOCTYPE html>") && page.out().endsWith("</html>\n"), page.out());
        Cli both = Cli.run("inspect", f, "--html", "-", "--json");
        assertEquals(2, both.exit(), both.toString());
        // with another output on standard output, the page goes to its file and the other output is printed
        Path html = dir.resolve("p.html");
        Cli json = Cli.run("inspect", f, "--html", html, "--json");
        assertEquals(0, json.exit(), json.toString());
        assertTrue(json.out().startsWith("{"), json.out());
        assertTrue(Files.readString(html).contains("message 1: RecordBatch, 3 rows"));
    }
}
