package dev.quiver.cli.layout;

import dev.quiver.cli.layout.WireLayout.Buffer;
import dev.quiver.cli.layout.WireLayout.Kind;
import dev.quiver.cli.layout.WireLayout.Message;
import dev.quiver.cli.layout.WireLayout.Part;
import dev.quiver.cli.text.JsonText;
import dev.quiver.cli.text.Words;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link WireLayout} as one self-contained HTML page (inline style and script, no network resource: its content
 * security policy allows none): an overview strip of the whole input to scale, then one row per message (and per
 * run of file-level parts) whose parts are blocks sized by their bytes, bodies split into their buffers. Hovering a
 * block shows its byte range, the decoded Flatbuffer fields (for metadata and the footer) or the buffer's field and
 * compression, and a hex view of its first bytes; clicking pins that in the side panel. A table below lists every
 * part with the hex of its first bytes, so that the page says everything without the script too.
 */
public final class LayoutHtml {
    /** Bytes shown in each part's hex view. */
    static final int HEX_BYTES = 64;

    private LayoutHtml() {}

    private record Item(String kind, String label, long start, long end, int message, String fields) {}

    public static String page(WireLayout l, MemorySegment data) {
        List<Item> items = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        StringBuilder overview = new StringBuilder();
        StringBuilder table = new StringBuilder();
        List<Part> run = new ArrayList<>();
        int current = -1;
        List<Part> parts = l.parts();
        for (int i = 0; i <= parts.size(); i++) {
            Part p = i < parts.size() ? parts.get(i) : null;
            int message = p == null ? -2 : p.message();
            if (message != current) {
                if (!run.isEmpty()) rows.append(row(l, current, run, items, data));
                run.clear();
                current = message;
            }
            if (p == null) break;
            run.add(p);
        }
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it.kind().equals("buffer")) continue;
            overview.append("<div class=\"block k-").append(it.kind()).append("\" data-i=\"").append(i)
                    .append("\" style=\"flex-grow:").append(it.end() - it.start()).append("\"></div>");
        }
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            table.append("<tr data-i=\"").append(i).append("\" data-kind=\"").append(it.kind()).append("\"><td class=\"num\">").append(Words.number(it.start()))
                    .append("</td><td class=\"num\">").append(Words.number(it.end())).append("</td><td class=\"num\">")
                    .append(Words.number(it.end() - it.start())).append("</td><td><span class=\"swatch k-")
                    .append(it.kind()).append("\"></span>").append(esc(it.label())).append("</td><td><code>")
                    .append(esc(hexLine(data, it.start(), Math.min(16, it.end() - it.start())))).append("</code></td></tr>\n");
        }
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", it.kind());
            m.put("label", it.label());
            m.put("start", it.start());
            m.put("end", it.end());
            m.put("message", it.message() >= 0 ? it.message() : null);
            m.put("hex", hexDump(data, it.start(), Math.min(HEX_BYTES, it.end() - it.start())));
            m.put("fields", it.fields());
            if (i > 0) json.append(',');
            json.append(JsonText.compact(m));
        }
        json.append(']');
        Map<String, CharSequence> values = new LinkedHashMap<>();
        values.put("title", esc("quiver inspect: " + l.name()));
        values.put("heading", esc(l.name()));
        values.put("summary", esc(LayoutText.heading(l).substring(l.name().length() + 2)));
        values.put("error", l.error() == null ? "" : "<p class=\"error\">" + esc(l.error().getMessage()) + "</p>");
        values.put("size", Words.number(l.size()));
        values.put("overview", overview);
        values.put("rows", rows);
        values.put("table", table);
        values.put("data", scriptSafe(json.toString()));
        return fill(TEMPLATE, values);
    }

    /** {@code template} with each {@code {{name}}} replaced by its value, in one pass (values are not scanned). */
    private static String fill(String template, Map<String, CharSequence> values) {
        StringBuilder sb = new StringBuilder(template.length() * 2);
        int at = 0;
        while (true) {
            int open = template.indexOf("{{", at);
            if (open < 0) break;
            int close = template.indexOf("}}", open);
            sb.append(template, at, open).append(values.get(template.substring(open + 2, close)));
            at = close + 2;
        }
        return sb.append(template, at, template.length()).toString();
    }

    /** One row of the picture: a message's parts, or a run of file-level parts. */
    private static String row(WireLayout l, int message, List<Part> run, List<Item> items, MemorySegment data) {
        long start = run.getFirst().offset();
        long end = run.getLast().end();
        StringBuilder sb = new StringBuilder();
        if (message >= 0) {
            Message m = l.messages().get(message);
            sb.append("<div class=\"row message\" data-message=\"").append(message).append("\"><div class=\"head\">")
                    .append(esc(LayoutText.messageHeading(m)));
        } else {
            sb.append("<div class=\"row file\"><div class=\"head\">");
            for (int i = 0; i < run.size(); i++) {
                if (i > 0) sb.append(" · ");
                sb.append(esc(LayoutText.partLabel(l, run.get(i))));
            }
        }
        sb.append("<span class=\"range\">bytes ").append(Words.number(start)).append("–").append(Words.number(end))
                .append("</span></div><div class=\"strip\">");
        for (Part p : run) {
            int index = items.size();
            items.add(new Item(p.kind().id(), LayoutText.partLabel(l, p), p.offset(), p.end(), p.message(),
                    fields(l, p)));
            sb.append("<div class=\"block k-").append(p.kind().id()).append("\" data-i=\"").append(index)
                    .append("\" style=\"flex-grow:").append(p.length()).append("\">");
            if (p.kind() == Kind.BODY && message >= 0) buffers(l.messages().get(message), items, sb);
            else sb.append("<span class=\"name\">").append(esc(p.kind().label())).append("</span>");
            sb.append("</div>");
        }
        return sb.append("</div></div>\n").toString();
    }

    /** A body's buffers as blocks inside it (and the padding between them). */
    private static void buffers(Message m, List<Item> items, StringBuilder sb) {
        if (m.buffers().isEmpty()) {
            sb.append("<span class=\"name\">body</span>");
            return;
        }
        for (Buffer b : m.buffers()) {
            if (b.length() == 0) continue;
            int index = items.size();
            String label = LayoutText.bufferLabel(m, b);
            items.add(new Item("buffer", label, b.offset(), b.end(), m.index(), null));
            sb.append("<div class=\"block k-buffer\" data-i=\"").append(index).append("\" style=\"flex-grow:")
                    .append(b.length()).append("\"><span class=\"name\">").append(esc(b.path().isEmpty() ? b.kind()
                            : b.path() + " " + b.kind())).append("</span></div>");
        }
    }

    /** What hovering a part shows besides its range and bytes: the decoded Flatbuffer, a body's buffers. */
    private static String fields(WireLayout l, Part p) {
        return switch (p.kind()) {
            case FLATBUFFER -> JsonText.pretty(l.messages().get(p.message()).flatbuffer().fields());
            case FOOTER -> l.footer() == null || l.footer().flatbuffer() == null ? null
                    : JsonText.pretty(l.footer().flatbuffer().fields());
            case BODY -> {
                Message m = l.messages().get(p.message());
                StringBuilder sb = new StringBuilder();
                for (Buffer b : m.buffers()) {
                    sb.append(Words.number(b.offset())).append("–").append(Words.number(b.end())).append("  ")
                            .append(LayoutText.bufferLabel(m, b)).append('\n');
                }
                yield sb.isEmpty() ? null : sb.toString();
            }
            default -> null;
        };
    }

    /** Up to 16 bytes as "ff ff ff ff a8 00 00 00". */
    static String hexLine(MemorySegment data, long at, long n) {
        StringBuilder sb = new StringBuilder();
        for (long i = 0; i < n && at + i < data.byteSize(); i++) {
            if (i > 0) sb.append(' ');
            sb.append(String.format("%02x", data.get(ValueLayout.JAVA_BYTE, at + i) & 0xFF));
        }
        return sb.toString();
    }

    /** {@code n} bytes as lines of "offset  hex  |ascii|", 16 bytes a line. */
    static String hexDump(MemorySegment data, long at, long n) {
        StringBuilder sb = new StringBuilder();
        for (long line = 0; line < n; line += 16) {
            long count = Math.min(16, n - line);
            sb.append(String.format("%08x  ", at + line));
            StringBuilder ascii = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (i < count && at + line + i < data.byteSize()) {
                    int b = data.get(ValueLayout.JAVA_BYTE, at + line + i) & 0xFF;
                    sb.append(String.format("%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    sb.append("   ");
                }
                if (i == 7) sb.append(' ');
            }
            sb.append(" |").append(ascii).append("|\n");
        }
        return sb.toString();
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** JSON that can sit inside a script element: no "<", ">" or "&" of its own. */
    private static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}}</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; background: #fff; }
            h1 { font-size: 1.3em; margin: 0 0 .2em; word-break: break-all; }
            .summary { margin: 0 0 1em; color: #555; }
            .error { color: #b00; font-weight: bold; }
            .legend span { display: inline-block; margin-right: 1em; }
            .swatch { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; border-radius: 2px; }
            .strip { display: flex; height: 2.2em; border: 1px solid #999; background: #f4f4f4; overflow: hidden; }
            .overview .strip { height: 1.6em; }
            .overview .block { min-width: 1px; }
            .block { min-width: 4px; flex-basis: 0; box-sizing: border-box; border-right: 1px solid #fff; overflow: hidden;
                     display: flex; align-items: center; cursor: pointer; position: relative; }
            .block:hover, .block.pinned { outline: 2px solid #000; outline-offset: -2px; z-index: 1; }
            .block .name { font-size: 11px; padding: 0 3px; white-space: nowrap; color: #fff; text-shadow: 0 0 2px #000; }
            .k-body .block { height: 100%; }
            .row { margin: .5em 0; }
            .head { font-size: 12.5px; margin-bottom: 2px; }
            .range { color: #777; margin-left: .8em; font-variant-numeric: tabular-nums; }
            .k-magic { background: #d4a017; } .k-magic_padding, .k-padding { background: #bbb; }
            .k-continuation_marker { background: #2aa198; } .k-metadata_length { background: #268b8b; }
            .k-flatbuffer { background: #3465a4; } .k-body { background: #4e9a06; } .k-buffer { background: #73b32b; }
            .k-end_of_stream { background: #a0409a; } .k-footer { background: #c0508a; } .k-footer_length { background: #d070a0; }
            .k-extra, .k-unreadable { background: #cc3333; }
            main { display: flex; gap: 1.5em; align-items: flex-start; }
            #picture { flex: 1; min-width: 0; }
            #detail { width: 34em; flex: none; position: sticky; top: 1em; border: 1px solid #ccc; padding: .6em; background: #fafafa; }
            #detail h2, #tip h2 { font-size: 1em; margin: 0 0 .3em; }
            pre { font: 12px/1.35 ui-monospace, monospace; margin: .3em 0; white-space: pre; overflow-x: auto; }
            #tip { position: fixed; z-index: 10; max-width: 40em; max-height: 70vh; overflow: hidden; background: #fffff4;
                   border: 1px solid #888; padding: .5em .7em; box-shadow: 0 2px 8px rgba(0,0,0,.25); pointer-events: none; }
            table { border-collapse: collapse; margin-top: 1.5em; font-size: 12.5px; }
            td, th { padding: 2px 8px; border-bottom: 1px solid #eee; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            code { font: 12px ui-monospace, monospace; }
            </style>
            </head>
            <body>
            <h1>{{heading}}</h1>
            <p class="summary">{{summary}}</p>
            {{error}}
            <p class="legend"><span><span class="swatch k-magic"></span>magic</span><span><span class="swatch k-continuation_marker"></span>continuation marker</span><span><span class="swatch k-metadata_length"></span>metadata length</span><span><span class="swatch k-flatbuffer"></span>Flatbuffer metadata</span><span><span class="swatch k-padding"></span>padding</span><span><span class="swatch k-body"></span>body</span><span><span class="swatch k-buffer"></span>buffer</span><span><span class="swatch k-end_of_stream"></span>end of stream</span><span><span class="swatch k-footer"></span>footer</span><span><span class="swatch k-unreadable"></span>unreadable</span></p>
            <main>
            <div id="picture">
            <section class="overview"><div class="head">the whole input, to scale <span class="range">bytes 0–{{size}}</span></div><div class="strip">{{overview}}</div></section>
            <section id="rows">
            {{rows}}</section>
            <table id="parts"><thead><tr><th>start</th><th>end</th><th>length</th><th>part</th><th>first bytes</th></tr></thead>
            <tbody>
            {{table}}</tbody></table>
            </div>
            <aside id="detail"><h2>Hover over a part</h2><p>Blocks are sized by their bytes; hover for offsets, decoded Flatbuffer fields and the first bytes; click to keep the details here.</p></aside>
            </main>
            <div id="tip" hidden></div>
            <script type="application/json" id="quiver-data">{{data}}</script>
            <script>
            "use strict";
            (function () {
              const items = JSON.parse(document.getElementById("quiver-data").textContent);
              const tip = document.getElementById("tip");
              const detail = document.getElementById("detail");
              const fmt = n => n.toLocaleString("en-US");
              function fill(box, it) {
                box.replaceChildren();
                const h = document.createElement("h2");
                h.textContent = it.label;
                box.append(h);
                const range = document.createElement("div");
                range.className = "range-line";
                range.textContent = "bytes " + fmt(it.start) + " to " + fmt(it.end) + " (" + fmt(it.end - it.start)
                    + (it.end - it.start === 1 ? " byte)" : " bytes)") + (it.message === null ? "" : ", message " + it.message);
                box.append(range);
                if (it.fields) {
                  const f = document.createElement("pre");
                  f.className = "fields";
                  f.textContent = it.fields;
                  box.append(f);
                }
                const hex = document.createElement("pre");
                hex.className = "hex";
                hex.textContent = it.hex;
                box.append(hex);
              }
              function target(e) { return e.target.closest ? e.target.closest("[data-i]") : null; }
              document.addEventListener("mouseover", e => {
                const b = target(e);
                if (!b) { tip.hidden = true; return; }
                fill(tip, items[Number(b.dataset.i)]);
                tip.hidden = false;
                place(e);
              });
              document.addEventListener("mousemove", e => { if (!tip.hidden) place(e); });
              document.addEventListener("mouseleave", () => { tip.hidden = true; });
              function place(e) {
                const w = tip.offsetWidth, h = tip.offsetHeight;
                let x = e.clientX + 14, y = e.clientY + 14;
                if (x + w > window.innerWidth) x = Math.max(0, e.clientX - w - 14);
                if (y + h > window.innerHeight) y = Math.max(0, window.innerHeight - h - 4);
                tip.style.left = x + "px";
                tip.style.top = y + "px";
              }
              document.addEventListener("click", e => {
                const b = target(e);
                if (!b) return;
                document.querySelectorAll(".pinned").forEach(p => p.classList.remove("pinned"));
                b.classList.add("pinned");
                fill(detail, items[Number(b.dataset.i)]);
              });
            })();
            </script>
            </body>
            </html>
            """;
}
