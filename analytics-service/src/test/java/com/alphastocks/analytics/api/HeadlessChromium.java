package com.alphastocks.analytics.api;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket; no WebDriver): open a page, read its live DOM.
 * A page that keeps a stream open never "finishes loading", so {@code --dump-dom} cannot be used on it.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

    private final Process browser;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CompletableFuture<JsonNode> answer;
    private final StringBuilder frame = new StringBuilder();

    /** The binary: {@code ALPHASTOCKS_CHROMIUM}, else chromium, chromium-browser or google-chrome on the PATH. */
    static Optional<String> find() {
        String named = System.getenv("ALPHASTOCKS_CHROMIUM");
        if (named != null && !named.isBlank()) {
            return Optional.of(named);
        }
        return Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    HeadlessChromium(String binary, Path workDir, String url) throws Exception {
        log = workDir.resolve("chromium.log");
        browser = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1400,1000",
                "--user-data-dir=" + workDir.resolve("profile"), url)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String browserSocket = awaitLog(DEVTOOLS, Duration.ofSeconds(30));
        URI endpoint = URI.create(browserSocket.replace("ws://", "http://"));
        URI targets = URI.create("http://" + endpoint.getAuthority() + "/json/list");
        String pageSocket = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pageSocket == null && System.nanoTime() < deadline) {
            for (JsonNode target : JSON.readTree(http.send(HttpRequest.newBuilder(targets).build(), HttpResponse.BodyHandlers.ofString()).body())) {
                if (target.path("type").asText().equals("page")) {
                    pageSocket = target.path("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(100);
        }
        if (pageSocket == null) {
            throw new IllegalStateException("Chromium opened no page" + tail());
        }
        page = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                frame.append(data);
                if (last) {
                    try {
                        JsonNode message = JSON.readTree(frame.toString());
                        if (message.has("id") && answer != null) {
                            answer.complete(message);
                        }
                    } catch (java.io.IOException e) {
                        answer.completeExceptionally(e);
                    }
                    frame.setLength(0);
                }
                socket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
    }

    /** The page's DOM as it is now. */
    String dom() throws Exception {
        return evaluate("document.documentElement.outerHTML");
    }

    /** A JavaScript expression's value in the page, as text. */
    String evaluate(String expression) throws Exception {
        return call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true))
                .path("result").path("result").path("value").asText();
    }

    /** The page as a screen {@code width} CSS pixels wide would show it (a phone: mobile), as the page's resize handler sees it. */
    void viewport(int width, int height, boolean mobile) throws Exception {
        call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    /** The page as a PNG, the whole length of it. */
    byte[] screenshot() throws Exception {
        String data = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true))
                .path("result").path("data").asText();
        return java.util.Base64.getDecoder().decode(data);
    }

    private synchronized JsonNode call(String method, com.fasterxml.jackson.databind.node.ObjectNode params) throws Exception {
        answer = new CompletableFuture<>();
        String request = JSON.writeValueAsString(JSON.createObjectNode().put("id", ids.incrementAndGet()).put("method", method)
                .set("params", params));
        page.sendText(request, true).get(10, TimeUnit.SECONDS);
        return answer.get(30, TimeUnit.SECONDS);
    }

    /** The DOM once {@code ready} holds for it; fails with the last DOM seen when it does not within {@code timeout}. */
    String awaitDom(Predicate<String> ready, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String dom = dom();
        while (!ready.test(dom)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not get there within " + timeout.toSeconds() + " s; it shows:\n" + dom + tail());
            }
            Thread.sleep(200);
            dom = dom();
        }
        return dom;
    }

    private String awaitLog(Pattern pattern, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return m.group(1);
            }
            if (!browser.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Chromium did not open its DevTools port" + tail());
    }

    private String tail() {
        try {
            return "\n--- Chromium's log ---\n" + Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (page != null) {
            page.abort();
        }
        browser.destroy();
        try {
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
        } catch (InterruptedException e) {
            browser.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
