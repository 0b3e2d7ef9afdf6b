package com.alphastocks.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Where a local run's notifications go: a webhook on 127.0.0.1 (Slack-style JSON, as the notification-service's
 * webhook channel sends it) that writes each message to {@code .run/notifications.log}. The run has no Telegram
 * bot or SMTP server to talk to; this shows what would have been sent. The fault suite takes it down for a while.
 */
public final class NotificationInbox implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final Path log;
    private final AtomicInteger received = new AtomicInteger();
    private final java.util.Map<String, Integer> byEvent = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean down;

    public NotificationInbox(Path log) throws IOException {
        this.log = log;
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/inbox", exchange -> {
            JsonNode message = JSON.readTree(exchange.getRequestBody());
            if (down) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            String line = "[" + message.path("priority").asText() + "] " + message.path("text").asText().replace("\n", "\n    ") + "\n";
            synchronized (this) {
                Files.writeString(this.log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            received.incrementAndGet();
            byEvent.merge(message.path("event_id").asText(), 1, Integer::sum);
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        http.start();
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/inbox";
    }

    public int received() {
        return received.get();
    }

    /** How often the notification of this event came in. */
    int received(String eventId) {
        return byEvent.getOrDefault(eventId, 0);
    }

    /** Down: every message is answered 503 (the provider is out), and not taken in. */
    void down(boolean down) {
        this.down = down;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
