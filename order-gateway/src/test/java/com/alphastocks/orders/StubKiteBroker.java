package com.alphastocks.orders;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
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
 * Stop-loss orders (order type SL: a trigger and a limit) rest as TRIGGER PENDING until {@link #trade} prices their
 * instrument at or below the trigger, then sell at that price when it is at or above their limit (else they wait, OPEN);
 * they are modified with PUT and cancelled with DELETE as Kite does.
 */
public final class StubKiteBroker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<ObjectNode> orders = new ArrayList<>();
    public final AtomicInteger placements = new AtomicInteger();
    /** The Authorization header of every call, in order (so also how many calls came). */
    final List<String> authorizations = java.util.Collections.synchronizedList(new ArrayList<>());
    public volatile String fillPrice = "152.35";
    volatile Integer fillOnly;
    public volatile String rejectWith;
    /** Answer the next N calls with 503. */
    public final AtomicInteger failNext = new AtomicInteger();
    /** Take the next placement but drop the connection instead of answering. */
    public volatile boolean hangUpAfterPlacing;
    /** Take each placement, then wait this long before answering it (a slow broker). */
    volatile long placementDelayMillis;
    /** After the next placement, answer every call with 503 (a broker that went down). */
    public volatile boolean downAfterPlacing;
    /** Placements stay OPEN (nothing fills) until cancelled; with {@link #fillOnly}, that much fills first. */
    volatile boolean staysOpen;
    /** Answer cancels with this refusal instead of cancelling. */
    volatile String refuseCancel;
    /** Kite's order rate: more placements than this in any second are answered 429 and not placed (0: no limit). */
    volatile int placementsPerSecond;
    /** When each placement was taken (System.nanoTime), and how many were answered 429. */
    final List<Long> placedAt = java.util.Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger throttled = new AtomicInteger();
    /** Orders cancelled, and stops modified. */
    public final AtomicInteger cancels = new AtomicInteger();
    public final AtomicInteger modifications = new AtomicInteger();
    /** Reads of the account's positions ({@code GET /portfolio/positions}: a reconciliation each). */
    public final AtomicInteger positionReads = new AtomicInteger();
    private byte[] pendingBody;
    private final Map<String, Integer> elsewhere = new LinkedHashMap<>();

    public StubKiteBroker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/orders", this::handle);
        server.createContext("/portfolio", this::handle);
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
        if (exchange.getRequestMethod().equals("POST") && path.equals("/orders/regular") && stopLoss(exchange)) {
            return;
        }
        if (exchange.getRequestMethod().equals("PUT") && path.startsWith("/orders/regular/")) {
            modify(exchange, path.substring("/orders/regular/".length()));
            return;
        }
        if (exchange.getRequestMethod().equals("POST") && path.equals("/orders/regular")) {
            long now = System.nanoTime();
            if (placementsPerSecond > 0 && placedAt.stream().filter(at -> now - at < 1_000_000_000L).count() >= placementsPerSecond) {
                throttled.incrementAndGet();
                answer(exchange, 429, "{\"status\": \"error\", \"message\": \"Too many requests\", \"error_type\": \"NetworkException\"}");
                return;
            }
            placedAt.add(now);
            placements.incrementAndGet();
            Map<String, String> form = parse(new String(pendingBody, StandardCharsets.UTF_8));
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
            orders.get(orders.size() - 1).put("order_type", form.get("order_type")).put("transaction_type", form.get("transaction_type"));
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
            if (order == null || refuseCancel != null || !List.of("OPEN", "TRIGGER PENDING").contains(order.path("status").asText())) {
                answer(exchange, 400, "{\"status\": \"error\", \"message\": \"" + (refuseCancel != null ? refuseCancel
                        : order == null ? "no such order" : "order is " + order.path("status").asText()) + "\", \"error_type\": \"InputException\"}");
                return;
            }
            order.put("status", "CANCELLED").put("status_message", "cancelled by the user");
            cancels.incrementAndGet();
            answer(exchange, 200, "{\"status\": \"success\", \"data\": {\"order_id\": \"" + id + "\"}}");
        } else if (exchange.getRequestMethod().equals("GET") && path.equals("/portfolio/positions")) {
            positionReads.incrementAndGet();
            ArrayNode net = JSON.createArrayNode();
            positions().forEach((symbol, quantity) -> net.addObject().put("tradingsymbol", symbol).put("exchange", "NFO")
                    .put("product", "MIS").put("quantity", quantity));
            answer(exchange, 200, "{\"status\": \"success\", \"data\": {\"net\": " + net + ", \"day\": " + net + "}}");
        } else if (exchange.getRequestMethod().equals("GET") && path.equals("/orders")) {
            ArrayNode data = JSON.createArrayNode();
            orders.forEach(data::add);
            answer(exchange, 200, "{\"status\": \"success\", \"data\": " + data + "}");
        } else {
            answer(exchange, 404, "{\"status\": \"error\", \"message\": \"no route " + path + "\"}");
        }
    }

    /** Stop-loss placements (order type SL) rest; other placements are handled as market orders. */
    private boolean stopLoss(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> form = parse(new String(body, StandardCharsets.UTF_8));
        pendingBody = body;
        if (!"SL".equals(form.get("order_type"))) {
            return false;
        }
        placements.incrementAndGet();
        String id = "B" + (1000 + orders.size());
        ObjectNode stop = order(id, form.get("tag"), form.get("tradingsymbol"), "TRIGGER PENDING", Integer.parseInt(form.get("quantity")), 0,
                "0", null);
        stop.put("order_type", "SL").put("transaction_type", form.get("transaction_type"))
                .put("trigger_price", form.get("trigger_price")).put("price", form.get("price"));
        orders.add(stop);
        answer(exchange, 200, "{\"status\": \"success\", \"data\": {\"order_id\": \"" + id + "\"}}");
        return true;
    }

    private void modify(HttpExchange exchange, String id) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        ObjectNode order = orders.stream().filter(o -> o.path("order_id").asText().equals(id)).findFirst().orElse(null);
        if (order == null || !order.path("status").asText().equals("TRIGGER PENDING")) {
            answer(exchange, 400, "{\"status\": \"error\", \"message\": \"" + (order == null ? "no such order"
                    : "order is " + order.path("status").asText()) + "\", \"error_type\": \"InputException\"}");
            return;
        }
        order.put("trigger_price", form.get("trigger_price")).put("price", form.get("price"))
                .put("quantity", Integer.parseInt(form.get("quantity")));
        modifications.incrementAndGet();
        answer(exchange, 200, "{\"status\": \"success\", \"data\": {\"order_id\": \"" + id + "\"}}");
    }

    /** The market trades {@code instrument} at {@code price}: resting stops at or above it trigger and sell there. */
    public synchronized void trade(String instrument, String price) {
        BigDecimal at = new BigDecimal(price);
        for (ObjectNode order : orders) {
            String status = order.path("status").asText();
            if (!order.path("tradingsymbol").asText().equals(instrument) || !(status.equals("TRIGGER PENDING") || status.equals("OPEN"))
                    || !"SL".equals(order.path("order_type").asText())) {
                continue;
            }
            if (status.equals("TRIGGER PENDING") && at.compareTo(new BigDecimal(order.path("trigger_price").asText())) > 0) {
                continue;
            }
            if (at.compareTo(new BigDecimal(order.path("price").asText())) >= 0) {
                order.put("status", "COMPLETE").put("filled_quantity", order.path("quantity").asInt()).put("average_price", price);
            } else {
                order.put("status", "OPEN");
            }
        }
    }

    /** Bought outside the desk (in the broker's own app, say): the account holds it, the desk's book does not. */
    public synchronized void boughtElsewhere(String instrument, int quantity) {
        elsewhere.merge(instrument, quantity, Integer::sum);
    }

    /** The account's net quantity per instrument: every fill, bought plus, sold minus, and what was bought elsewhere. */
    public synchronized Map<String, Integer> positions() {
        Map<String, Integer> net = new java.util.TreeMap<>(elsewhere);
        for (ObjectNode order : orders) {
            int filled = order.path("filled_quantity").asInt();
            if (filled > 0) {
                net.merge(order.path("tradingsymbol").asText(), "SELL".equals(order.path("transaction_type").asText()) ? -filled : filled,
                        Integer::sum);
            }
        }
        net.values().removeIf(q -> q == 0);
        return net;
    }

    /** Everything the broker sold of {@code instrument}, over all orders: what a position may never exceed. */
    public synchronized int sold(String instrument) {
        return orders.stream().filter(o -> o.path("tradingsymbol").asText().equals(instrument) && "SELL".equals(o.path("transaction_type").asText()))
                .mapToInt(o -> o.path("filled_quantity").asInt()).sum();
    }

    /** The stop-loss orders the broker holds for {@code instrument}: status, quantity and trigger of each, oldest first. */
    public synchronized List<String> stops(String instrument) {
        return orders.stream().filter(o -> o.path("tradingsymbol").asText().equals(instrument) && "SL".equals(o.path("order_type").asText()))
                .map(o -> o.path("status").asText() + " " + o.path("quantity").asInt() + " @ "
                        + new BigDecimal(o.path("trigger_price").asText()).stripTrailingZeros().toPlainString()).toList();
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
