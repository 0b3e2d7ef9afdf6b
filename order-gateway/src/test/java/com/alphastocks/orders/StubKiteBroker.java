package com.alphastocks.orders;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for a Kite-Connect-style broker on 127.0.0.1: an order book in memory, market orders
 * filled at a fixed price (or in part, or rejected, or left open until cancelled, as a test asks), and failures on demand.
 */
public final class StubKiteBroker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<ObjectNode> orders = new ArrayList<>();
    public final AtomicInteger placements = new AtomicInteger();
    /** The Authorization header of every call, in order (so also how many calls came). */
    final List<String> authorizations = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile String fillPrice = "152.35";
    volatile Integer fillOnly;
    volatile String rejectWith;
    /** Answer the next N calls with 503. */
    final AtomicInteger failNext = new AtomicInteger();
    /** Take the next placement but drop the connection instead of answering. */
    volatile boolean hangUpAfterPlacing;
    /** Take each placement, then wait this long before answering it (a slow broker). */
    volatile long placementDelayMillis;
    /** After the next placement, answer every call with 503 (a broker that went down). */
    volatile boolean downAfterPlacing;
    /** Placements stay OPEN (nothing fills) until cancelled; with {@link #fillOnly}, that much fills first. */
    volatile boolean staysOpen;
    /** Answer cancels with this refusal instead of cancelling. */
    volatile String refuseCancel;
    /** Kite's order rate: more placements than this in any second are answered 429 and not placed (0: no limit). */
    volatile int placementsPerSecond;
    /** When each placement was taken (System.nanoTime), and how many were answered 429. */
    final List<Long> placedAt = java.util.Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger throttled = new AtomicInteger();

    public StubKiteBroker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/orders", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void preload(String tag, String status, int quantity, int filled, String price) {
        orders.add(order("PRE" + orders.size(), tag, "NIFTY25D0921500CE", status, quantity, filled, price, null));
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 503, "{\"status\": \"error\", \"message\": \"busy\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST") && path.equals("/orders/regular")) {
            long now = System.nanoTime();
            if (placementsPerSecond > 0 && placedAt.stream().filter(at -> now - at < 1_000_000_000L).count() >= placementsPerSecond) {
                throttled.incrementAndGet();
                answer(exchange, 429, "{\"status\": \"error\", \"message\": \"Too many requests\", \"error_type\": \"NetworkException\"}");
                return;
            }
            placedAt.add(now);
            placements.incrementAndGet();
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String id = "B" + (1000 + orders.size());
            int quantity = Integer.parseInt(form.get("quantity"));
            if (staysOpen) {
                orders.add(order(id, form.get("tag"), form.get("tradingsymbol"), "OPEN", quantity, fillOnly == null ? 0 : fillOnly,
                        fillOnly == null ? "0" : fillPrice, null));
            } else if (rejectWith != null) {
                orders.add(order(id, form.get("tag"), form.get("tradingsymbol"), "REJECTED", quantity, 0, "0", rejectWith));
            } else if (fillOnly != null) {
                orders.add(order(id, form.get("tag"), form.get("tradingsymbol"), "CANCELLED", quantity, fillOnly, fillPrice, "rest cancelled"));
            } else {
                orders.add(order(id, form.get("tag"), form.get("tradingsymbol"), "COMPLETE", quantity, quantity, fillPrice, null));
            }
            if (downAfterPlacing) {
                downAfterPlacing = false;
                failNext.set(Integer.MAX_VALUE);
            }
            if (placementDelayMillis > 0) {
                try {
                    Thread.sleep(placementDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (hangUpAfterPlacing) {
                hangUpAfterPlacing = false;
                exchange.close();
                return;
            }
            answer(exchange, 200, "{\"status\": \"success\", \"data\": {\"order_id\": \"" + id + "\"}}");
        } else if (exchange.getRequestMethod().equals("DELETE") && path.startsWith("/orders/regular/")) {
            String id = path.substring("/orders/regular/".length());
            ObjectNode order = orders.stream().filter(o -> o.path("order_id").asText().equals(id)).findFirst().orElse(null);
            if (order == null || refuseCancel != null || !order.path("status").asText().equals("OPEN")) {
                answer(exchange, 400, "{\"status\": \"error\", \"message\": \"" + (refuseCancel != null ? refuseCancel
                        : order == null ? "no such order" : "order is " + order.path("status").asText()) + "\", \"error_type\": \"InputException\"}");
                return;
            }
            order.put("status", "CANCELLED").put("status_message", "cancelled by the user");
            answer(exchange, 200, "{\"status\": \"success\", \"data\": {\"order_id\": \"" + id + "\"}}");
        } else if (exchange.getRequestMethod().equals("GET") && path.equals("/orders")) {
            ArrayNode data = JSON.createArrayNode();
            orders.forEach(data::add);
            answer(exchange, 200, "{\"status\": \"success\", \"data\": " + data + "}");
        } else {
            answer(exchange, 404, "{\"status\": \"error\", \"message\": \"no route " + path + "\"}");
        }
    }

    private static ObjectNode order(String id, String tag, String symbol, String status, int quantity, int filled, String price, String message) {
        ObjectNode order = JSON.createObjectNode();
        order.put("order_id", id).put("tag", tag).put("tradingsymbol", symbol).put("status", status)
                .put("quantity", quantity).put("filled_quantity", filled).put("average_price", price).put("status_message", message);
        return order;
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
