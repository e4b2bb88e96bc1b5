package dev.quiver.cli;

import dev.quiver.json.JsonValue;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code quiver inspect --html} in a real headless browser (Chromium through the DevTools protocol): each page loads
 * with no console error, no exception and no request beyond its own file; it shows every message as a row whose
 * blocks have a width; hovering a block shows its offsets, its decoded Flatbuffer fields and the hex of its first
 * bytes; clicking keeps them in the side panel; and a screenshot of it is written to
 * {@code target/html-screenshots/} (checked to be a picture of more than a blank page).
 */
class InspectHtmlBrowserTest {
    @TempDir
    Path dir;

    private record Page(String name, Path input, String[] flags) {}

    @Test
    void pagesShowEveryMessageHoverAndNoConsoleErrors() throws Exception {
        Chromium.find(); // fails under CI, skips elsewhere, when there is no browser
        Path seed = Files.write(dir.resolve("seed.arrow"), LayoutGoldenTest.seedFile());
        List<Page> pages = List.of(
                new Page("seed-file", seed, new String[0]),
                new Page("dictionary-stream", TestData.gold("cpp-21.0.0", "dictionary", ".stream"), new String[0]),
                new Page("zstd-file", TestData.gold("2.0.0-compression", "zstd", ".arrow_file"), new String[0]));
        Path shots = Path.of("target", "html-screenshots");
        Files.createDirectories(shots);
        try (Chromium c = new Chromium(dir.resolve("profile"))) {
            c.call("Runtime.enable");
            c.call("Log.enable");
            c.call("Network.enable");
            c.call("Page.enable");
            for (Page p : pages) {
                Path html = dir.resolve(p.name() + ".html");
                Cli r = Cli.run("inspect", p.input(), "--html", html);
                assertEquals(0, r.exit(), r.toString());
                assertTrue(r.out().startsWith("wrote " + html + ": "), r.toString());
                String page = Files.readString(html);
                assertTrue(!page.contains("http://") && !page.contains("https://") && !page.contains(" src="),
                        "a self-contained page names no network resource");
                JsonValue.Obj inspect = JsonOutputTest.conforming(Cli.run("inspect", p.input(), "--json"),
                        "inspect.schema.json");
                List<JsonValue> messages = ((JsonValue.Arr) inspect.get("messages")).items();

                int before = c.events.size();
                c.call("Page.navigate", Map.of("url", html.toUri().toString()));
                c.await("Page.loadEventFired", before);

                assertEquals(messages.size(), JsonOutputTest.num(c.eval("document.querySelectorAll('.row.message').length")),
                        p.name() + ": one row per message");
                // every message row is on the page, visible, with its heading and blocks that have a width
                String rows = ((JsonValue.Str) c.eval("JSON.stringify([...document.querySelectorAll('.row.message')]"
                        + ".map(r => ({head: r.querySelector('.head').textContent, height: r.getBoundingClientRect().height,"
                        + " blocks: [...r.querySelectorAll('.strip > .block')].map(b => b.getBoundingClientRect().width)}))"
                        + ")")).value();
                JsonValue.Arr shown = (JsonValue.Arr) dev.quiver.json.JsonParser.parse(rows, "rows");
                for (int i = 0; i < messages.size(); i++) {
                    JsonValue.Obj m = (JsonValue.Obj) messages.get(i);
                    JsonValue.Obj row = (JsonValue.Obj) shown.get(i);
                    String head = JsonOutputTest.str(row.get("head"));
                    assertTrue(head.startsWith("message " + i + ": " + JsonOutputTest.str(m.get("type"))), head);
                    assertTrue(Double.parseDouble(((JsonValue.Num) row.get("height")).text()) > 10, head);
                    for (JsonValue w : ((JsonValue.Arr) row.get("blocks")).items()) {
                        assertTrue(Double.parseDouble(((JsonValue.Num) w).text()) >= 3, head + ": a block too narrow to see");
                    }
                }
                // the parts table lists every part, with the hex of its first bytes
                assertEquals(((JsonValue.Arr) inspect.get("parts")).size(),
                        JsonOutputTest.num(c.eval("document.querySelectorAll('#parts tbody tr:not([data-kind=buffer])').length")),
                        p.name());

                // hover over the first message's Flatbuffer: offsets, decoded fields, the hex of its first bytes
                JsonValue.Obj schemaMsg = (JsonValue.Obj) messages.getFirst();
                long fbAt = JsonOutputTest.num(schemaMsg.get("metadata_offset"));
                JsonValue.Obj rect = (JsonValue.Obj) c.eval("(() => { const b = document.querySelector("
                        + "'.row.message[data-message=\"0\"] .k-flatbuffer'); b.scrollIntoView(); const r = "
                        + "b.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
                c.call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", number(rect.get("x")),
                        "y", number(rect.get("y"))));
                String tip = ((JsonValue.Str) c.eval("document.getElementById('tip').hidden ? '' : "
                        + "document.getElementById('tip').textContent")).value();
                assertTrue(tip.contains("Flatbuffer Message (Schema)"), tip);
                assertTrue(tip.contains("bytes " + String.format("%,d", fbAt) + " to "), tip);
                assertTrue(tip.contains("\"header_type\": \"Schema\""), tip);
                byte[] input = Files.readAllBytes(p.input());
                String firstBytes = HexFormat.ofDelimiter(" ").formatHex(input, (int) fbAt, (int) fbAt + 8);
                assertTrue(tip.contains(String.format("%08x  ", fbAt) + firstBytes), tip + "\nwanted " + firstBytes);
                // click: the side panel keeps it
                for (String type : List.of("mousePressed", "mouseReleased")) {
                    c.call("Input.dispatchMouseEvent", Map.of("type", type, "x", number(rect.get("x")),
                            "y", number(rect.get("y")), "button", "left", "clickCount", 1));
                }
                String detail = ((JsonValue.Str) c.eval("document.getElementById('detail').textContent")).value();
                assertTrue(detail.contains("\"header_type\": \"Schema\""), detail);

                JsonValue.Obj shot = c.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
                byte[] png = Base64.getDecoder().decode(JsonOutputTest.str(shot.get("data")));
                Files.write(shots.resolve(p.name() + ".png"), png);
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
                assertTrue(img.getWidth() >= 1000 && img.getHeight() >= 500, p.name() + ": " + img);
                Set<Integer> colours = new HashSet<>();
                for (int y = 0; y < img.getHeight(); y += 7) for (int x = 0; x < img.getWidth(); x += 7) colours.add(img.getRGB(x, y));
                assertTrue(colours.size() > 8, p.name() + ": the screenshot is nearly blank (" + colours.size() + " colours)");
            }
            List<String> problems = new ArrayList<>();
            for (JsonValue.Obj e : c.events) {
                String method = JsonOutputTest.str(e.get("method"));
                JsonValue.Obj params = (JsonValue.Obj) e.get("params");
                switch (method) {
                    case "Runtime.exceptionThrown" -> problems.add("exception: " + dev.quiver.cli.text.JsonText.compact(params));
                    case "Runtime.consoleAPICalled" -> {
                        String type = JsonOutputTest.str(params.get("type"));
                        if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                            problems.add("console." + type + ": " + dev.quiver.cli.text.JsonText.compact(params.get("args")));
                        }
                    }
                    case "Log.entryAdded" -> {
                        JsonValue.Obj entry = (JsonValue.Obj) params.get("entry");
                        String level = JsonOutputTest.str(entry.get("level"));
                        if (level.equals("error") || level.equals("warning")) {
                            problems.add("log " + level + ": " + JsonOutputTest.str(entry.get("text")));
                        }
                    }
                    case "Network.requestWillBeSent" -> {
                        String url = JsonOutputTest.str(((JsonValue.Obj) params.get("request")).get("url"));
                        if (!url.startsWith("file://" + dir) && !url.equals("about:blank")) problems.add("request: " + url);
                    }
                    default -> { }
                }
            }
            assertEquals(List.of(), problems, "console errors, exceptions or requests beyond the page");
        }
    }

    private static Object number(JsonValue v) {
        return new dev.quiver.cli.text.JsonText.Num(((JsonValue.Num) v).text());
    }
}
