package org.mxflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Opens a local HTML file in headless Chromium (Debian's "chromium", installed by
 * scripts/install-test-deps.sh) and reports what a person would meet: console errors, uncaught
 * exceptions and failed loads, the rendered DOM, the page's links and a screenshot.
 *
 * <p>Console messages are not printed by Chromium's command-line modes, so this speaks the
 * DevTools protocol over a WebSocket on the loopback interface (java.net.http; the port is
 * chosen by Chromium and read from DevToolsActivePort). Nothing outside this machine is contacted.
 */
final class HeadlessChromium {

    /** What the browser saw. */
    record PageReport(List<String> errors, String dom, List<String> links, List<String> missingFragmentTargets,
                      Path screenshot) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private HeadlessChromium() {}

    /** The chromium executable: $MXFLOW_CHROMIUM, else chromium / chromium-browser / google-chrome on PATH. */
    static Optional<Path> find() {
        String override = System.getenv("MXFLOW_CHROMIUM");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Loads {@code page} from file:// at the given window size and writes a PNG screenshot. */
    static PageReport open(Path chromium, Path page, Path screenshot, int widthPx, int heightPx)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("mxflow-chromium-");
        Path stderr = profile.resolve("chromium-stderr.log");
        Process process = new ProcessBuilder(chromium.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--hide-scrollbars", "--mute-audio",
                "--user-data-dir=" + profile, "--window-size=" + widthPx + "," + heightPx,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(stderr.toFile()).start();
        try {
            int port = devToolsPort(profile, process, stderr);
            try (Session s = Session.connect(pageWebSocket(port))) {
                s.call("Runtime.enable", null);
                s.call("Log.enable", null);
                s.call("Page.enable", null);
                // --window-size includes the (invisible) browser frame; fix the viewport itself.
                s.call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", widthPx)
                        .put("height", heightPx).put("deviceScaleFactor", 1).put("mobile", false));
                ObjectNode nav = JSON.createObjectNode().put("url", page.toAbsolutePath().toUri().toString());
                CompletableFuture<JsonNode> loaded = s.nextEvent("Page.loadEventFired");
                JsonNode navResult = s.call("Page.navigate", nav);
                if (navResult.hasNonNull("errorText")) {
                    s.errors.add("navigation failed: " + navResult.get("errorText").asText());
                }
                loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                Thread.sleep(300);  // let late console messages arrive
                String dom = s.evaluate("document.documentElement.outerHTML").asText();
                List<String> links = new ArrayList<>();
                JSON.readTree(s.evaluate("JSON.stringify(Array.from(document.querySelectorAll('[href],[src]'))"
                        + ".map(e => e.getAttribute('href') ?? e.getAttribute('src')))").asText())
                        .forEach(n -> links.add(n.asText()));
                List<String> missingTargets = new ArrayList<>();
                JSON.readTree(s.evaluate("JSON.stringify(Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
                        + ".map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(decodeURIComponent(id))))")
                        .asText()).forEach(n -> missingTargets.add(n.asText()));
                JsonNode shot = s.call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
                Files.createDirectories(screenshot.toAbsolutePath().getParent());
                Files.write(screenshot, Base64.getDecoder().decode(shot.get("data").asText()));
                try {
                    s.call("Browser.close", null);
                } catch (IOException ignored) {
                    // the browser may drop the socket before answering
                }
                return new PageReport(List.copyOf(s.errors), dom, links, missingTargets, screenshot);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("chromium did not finish loading " + page + ": " + e + "\n" + tail(stderr), e);
        } finally {
            // Chromium's helper processes (renderer, network service) can outlive the browser and keep
            // writing into the profile: stop them first.
            List<ProcessHandle> helpers = process.descendants().toList();
            helpers.forEach(ProcessHandle::destroy);
            process.destroy();
            for (ProcessHandle h : helpers) {
                try {
                    h.onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    h.destroyForcibly();
                }
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(profile);
        }
    }

    private static int devToolsPort(Path profile, Process process, Path stderr) throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("chromium exited with code " + process.exitValue() + " before DevTools started:\n" + tail(stderr));
            }
            Thread.sleep(50);
        }
        throw new IOException("chromium did not open DevTools within " + TIMEOUT.toSeconds() + " s:\n" + tail(stderr));
    }

    private static URI pageWebSocket(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(r.body())) {
                if ("page".equals(target.path("type").asText()) && target.hasNonNull("webSocketDebuggerUrl")) {
                    return URI.create(target.get("webSocketDebuggerUrl").asText());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("chromium lists no page target: " + r.body());
            }
            Thread.sleep(50);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no chromium log)";
        }
    }

    /** Best effort: a leftover temporary profile is harmless, a file vanishing during the walk is expected. */
    private static void deleteTree(Path dir) {
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // walked while chromium was still removing its own files: walk again
            }
        }
    }

    /** One DevTools connection: numbered calls, their answers, and the events worth reporting. */
    private static final class Session implements WebSocket.Listener, AutoCloseable {
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<JsonNode>> awaitedEvents = new ConcurrentHashMap<>();
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Session connect(URI uri) throws IOException {
            Session s = new Session();
            try {
                s.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                        .buildAsync(uri, s).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("cannot connect to chromium DevTools at " + uri + ": " + e, e);
            }
            return s;
        }

        CompletableFuture<JsonNode> nextEvent(String method) {
            return awaitedEvents.computeIfAbsent(method, m -> new CompletableFuture<>());
        }

        JsonNode call(String method, JsonNode params) throws IOException {
            int id = ids.incrementAndGet();
            ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
            if (params != null) {
                msg.set("params", params);
            }
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            socket.sendText(JSON.writeValueAsString(msg), true);
            try {
                JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (reply.has("error")) {
                    throw new IOException(method + " failed: " + reply.get("error"));
                }
                return reply.path("result");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(method + " interrupted", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException(method + ": no answer from chromium: " + e, e);
            }
        }

        JsonNode evaluate(String expression) throws IOException {
            JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
            if (r.has("exceptionDetails")) {
                throw new IOException("evaluating '" + expression + "' threw " + r.get("exceptionDetails"));
            }
            return r.path("result").path("value");
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    handle(JSON.readTree(text));
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            ws.request(1);
            return null;
        }

        private void handle(JsonNode msg) {
            if (msg.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                if (f != null) {
                    f.complete(msg);
                }
                return;
            }
            String method = msg.path("method").asText();
            JsonNode p = msg.path("params");
            switch (method) {
                case "Runtime.exceptionThrown" -> {
                    JsonNode d = p.path("exceptionDetails");
                    String text = d.path("exception").path("description").asText(d.path("text").asText());
                    errors.add("uncaught exception: " + text + " (line " + d.path("lineNumber").asInt() + ")");
                }
                case "Runtime.consoleAPICalled" -> {
                    String type = p.path("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        List<String> args = new ArrayList<>();
                        p.path("args").forEach(a -> args.add(a.path("value").asText(a.path("description").asText())));
                        errors.add("console." + type + ": " + String.join(" ", args));
                    }
                }
                case "Page.javascriptDialogOpening" -> {
                    // An alert() means page content ran as script: report it and close the dialog.
                    errors.add("dialog opened: " + p.path("type").asText() + " '" + p.path("message").asText() + "'");
                    ObjectNode dismiss = JSON.createObjectNode().put("id", ids.incrementAndGet())
                            .put("method", "Page.handleJavaScriptDialog");
                    dismiss.putObject("params").put("accept", true);
                    socket.sendText(dismiss.toString(), true);
                }
                case "Log.entryAdded" -> {
                    JsonNode e = p.path("entry");
                    if (e.path("level").asText().equals("error")) {
                        errors.add("log: " + e.path("text").asText() + " " + e.path("url").asText());
                    }
                }
                default -> {
                    CompletableFuture<JsonNode> f = awaitedEvents.get(method);
                    if (f != null) {
                        f.complete(p);
                    }
                }
            }
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
