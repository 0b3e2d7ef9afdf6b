package com.alphastocks.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * A stand-in for Telegram's Bot API {@code getUpdates}, as documented: long polling (an answer as soon as there is an
 * update at or after {@code offset}, else an empty result after {@code timeout} seconds), and an update counts as
 * confirmed, and is forgotten, once a call asks for an offset above its id. Messages are queued by the test as users
 * would write them. Served from an HTTP server with a thread per request (a long poll must not hold up sendMessage).
 */
public final class BotApiStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<ObjectNode> pending = new ArrayList<>();
    private final List<ObjectNode> all = new ArrayList<>();
    private long nextId = 1000;
    private long confirmedBelow;

    /** A user's message in a chat, as the next update. */
    public synchronized long message(String chatId, String username, String text) {
        ObjectNode update = JSON.createObjectNode().put("update_id", nextId++);
        ObjectNode message = update.putObject("message").put("message_id", nextId).put("date", 1764735000).put("text", text);
        message.putObject("chat").put("id", Long.parseLong(chatId)).put("type", "private");
        message.putObject("from").put("id", 7000 + nextId).put("is_bot", false).put("username", username);
        pending.add(update);
        all.add(update);
        notifyAll();
        return update.get("update_id").asLong();
    }

    /**
     * Every update sent so far comes again, confirmed or not: what a bot restarted before its confirmation reached Telegram
     * receives.
     */
    public synchronized void again() {
        pending.clear();
        pending.addAll(all);
        confirmedBelow = 0;
        notifyAll();
    }

    /** The offset the last poll asked for: every update below it has been confirmed. */
    public synchronized long confirmedBelow() {
        return confirmedBelow;
    }

    /** Answers a getUpdates request. */
    public void getUpdates(HttpExchange exchange) throws IOException {
        Map<String, String> query = exchange.getRequestURI().getRawQuery() == null ? Map.of()
                : Arrays.stream(exchange.getRequestURI().getRawQuery().split("&")).map(p -> p.split("=", 2))
                        .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
        long offset = Long.parseLong(query.getOrDefault("offset", "0"));
        long timeoutMillis = 1000L * Long.parseLong(query.getOrDefault("timeout", "0"));
        ArrayNode result = JSON.createArrayNode();
        synchronized (this) {
            if (offset > 0) {
                confirmedBelow = Math.max(confirmedBelow, offset);
                pending.removeIf(u -> u.get("update_id").asLong() < offset);
            }
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (pending.isEmpty() && System.currentTimeMillis() < deadline) {
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            pending.forEach(result::add);
        }
        byte[] answer = JSON.writeValueAsBytes(JSON.createObjectNode().put("ok", true).set("result", result));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
