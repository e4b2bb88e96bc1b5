package dev.quiver.cli;

import dev.quiver.cli.text.JsonText;
import dev.quiver.json.JsonParser;
import dev.quiver.json.JsonValue;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven through the DevTools protocol over its WebSocket (java.net.http, no other library): one
 * page, commands answered in order, every event kept. Started with the flags this machine needs (no sandbox as root,
 * no GPU, no background network, a fresh profile). {@link #find()} locates the browser ({@code QUIVER_CHROMIUM}, else
 * {@code /usr/bin/chromium}, {@code chromium-browser} or {@code google-chrome} on the path); when there is none, the
 * test fails under CI ({@code CI=true}: {@code .ci/run} installs Debian's chromium) and is skipped elsewhere.
 */
final class Chromium implements AutoCloseable {
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonValue.Obj>> pending = new ConcurrentHashMap<>();
    /** Every event received, in order. */
    final List<JsonValue.Obj> events = new CopyOnWriteArrayList<>();

    static Path find() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("QUIVER_CHROMIUM");
        if (env != null && !env.isBlank()) candidates.add(Path.of(env));
        candidates.add(Path.of("/usr/bin/chromium"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) candidates.add(Path.of(dir, name));
        }
        for (Path p : candidates) if (Files.isExecutable(p)) return p;
        String msg = "no Chromium found (QUIVER_CHROMIUM, /usr/bin/chromium, chromium on the PATH): install it, as "
                + ".ci/run does (apt-get install -y chromium), to test quiver inspect --html in a real browser";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(msg);
        Assumptions.abort(msg);
        return null;
    }

    Chromium(Path profile) throws Exception {
        process = new ProcessBuilder(find().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--hide-scrollbars", "--window-size=1400,1000",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browser = devToolsAddress();
        URI http = URI.create(browser.replaceFirst("^ws://([^/]+)/.*$", "http://$1"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(http.resolve("/json/new?about:blank"))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        String ws = ((JsonValue.Str) ((JsonValue.Obj) JsonParser.parse(page.body(), "json/new"))
                .get("webSocketDebuggerUrl")).value();
        socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(ws), new Listener()).get(20, TimeUnit.SECONDS);
    }

    /** The browser's DevTools address, which it prints on standard error once it listens. */
    private String devToolsAddress() throws IOException, InterruptedException {
        CompletableFuture<String> address = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            Pattern p = Pattern.compile("DevTools listening on (ws://\\S+)");
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = p.matcher(line);
                    if (m.find()) address.complete(m.group(1));
                    else if (!address.isDone()) seen.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the browser ended
            }
            address.completeExceptionally(new IOException("chromium ended without a DevTools address:\n" + seen));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return address.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("chromium did not start: " + e + "\n" + seen, e);
        }
    }

    /** Sends a command and waits for its result. */
    JsonValue.Obj call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonValue.Obj> f = new CompletableFuture<>();
        pending.put(id, f);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("method", method);
        m.put("params", params);
        socket.sendText(JsonText.compact(m), true).get(20, TimeUnit.SECONDS);
        JsonValue.Obj reply = f.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) throw new AssertionError(method + " failed: " + JsonText.compact(reply.get("error")));
        return (JsonValue.Obj) reply.get("result");
    }

    JsonValue.Obj call(String method) throws Exception {
        return call(method, Map.of());
    }

    /** The value of a JavaScript expression (JSON-able). */
    JsonValue eval(String expression) throws Exception {
        JsonValue.Obj r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.has("exceptionDetails")) throw new AssertionError(expression + " threw: " + JsonText.compact(r.get("exceptionDetails")));
        return ((JsonValue.Obj) r.get("result")).get("value");
    }

    /** Waits until an event of {@code method} arrives after the {@code after}-th event. */
    JsonValue.Obj await(String method, int after) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            for (int i = after; i < events.size(); i++) {
                if (((JsonValue.Str) events.get(i).get("method")).value().equals(method)) return events.get(i);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + method + " event within 60 s");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonValue.Obj m = (JsonValue.Obj) JsonParser.parse(text.toString(), "devtools");
                text.setLength(0);
                if (m.has("id")) {
                    CompletableFuture<JsonValue.Obj> f = pending.remove(Integer.parseInt(((JsonValue.Num) m.get("id")).text()));
                    if (f != null) f.complete(m);
                } else {
                    events.add(m);
                }
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            socket.abort();
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
