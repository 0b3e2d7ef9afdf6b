package com.alphastocks.orders;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.alphastocks.contracts.GatewayMode;
import com.alphastocks.streams.CircuitBreakers;
import com.alphastocks.streams.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * A broker behind a Kite-Connect-style REST API (v3): {@code POST /orders/regular}, {@code GET /orders},
 * {@code DELETE /orders/regular/{id}}. Our order id travels as the order's {@code tag}; before placing, the broker's order
 * book is searched for it, so an order the broker already has (placed before a crash) is adopted, never placed
 * again. Placements keep to the broker's order rate ({@code ordersPerSecond}, Kite's 10 a second): an order over it
 * waits its turn, and one the broker still answers 429 (too many requests: not placed) is sent again after a pause,
 * not refused. Protective stops rest there too ({@link RestingStops}): a stop-loss sell tagged with its own id, of order
 * type SL (a stop-limit, {@code stopLimitPct} below the trigger: brokers refuse SL-M for options), modified with
 * {@code PUT /orders/regular/{id}} and cancelled like any order. Never the default mode.
 */
public final class LiveGateway implements OrderGateway, RestingStops, BrokerAccount {

    /**
     * Where the broker is and who we are to it (secrets come from configuration only), how long to wait for it and how
     * often to try; after {@code failuresToOpen} failed calls in a row no call is made for {@code openFor}.
     */
    public record Connection(URI baseUrl, String apiKey, String accessToken, String exchange, String product,
                             Duration timeout, int retries, Duration pollInterval, Duration fillTimeout,
                             int failuresToOpen, Duration openFor, double ordersPerSecond, BigDecimal stopLimitPct) {

        /** With resting stops' limits 5 % below their triggers. */
        public Connection(URI baseUrl, String apiKey, String accessToken, String exchange, String product, Duration timeout,
                          int retries, Duration pollInterval, Duration fillTimeout, int failuresToOpen, Duration openFor,
                          double ordersPerSecond) {
            this(baseUrl, apiKey, accessToken, exchange, product, timeout, retries, pollInterval, fillTimeout, failuresToOpen,
                    openFor, ordersPerSecond, new BigDecimal("5"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many 429 answers a placement sits out before it is given up (about a minute at Kite's rate). */
    private static final int THROTTLED_TRIES = 600;

    private final Connection broker;
    private final HttpClient http;
    private final CircuitBreaker circuit;
    private final RateLimiter placements;
    /** Whether the last call went unanswered, and how often the broker answered again after that. */
    private volatile boolean unanswered;
    private final java.util.concurrent.atomic.AtomicLong reconnections = new java.util.concurrent.atomic.AtomicLong();

    public LiveGateway(Connection broker) {
        this.broker = broker;
        this.http = HttpClient.newBuilder().connectTimeout(broker.timeout()).build();
        this.circuit = CircuitBreakers.afterFailuresInARow("live-broker", broker.failuresToOpen(), broker.openFor(), BrokerUnreachable.class);
        // No burst beyond the rate: a second's worth at once is what the broker counts against.
        this.placements = new RateLimiter(broker.ordersPerSecond(), 1, System::nanoTime);
    }

    @Override
    public GatewayMode mode() {
        return GatewayMode.LIVE;
    }

    @Override
    public OrderResult place(OrderRequest request) {
        Optional<OrderResult> adopted;
        try {
            adopted = find(request.orderId());
        } catch (BrokerUnreachable e) {
            return rejected(request, "broker unreachable, order not placed: " + e.getMessage());
        }
        if (adopted.isPresent()) {
            return awaitFinal(adopted.get(), request);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("tradingsymbol", request.instrument());
        form.put("exchange", broker.exchange());
        form.put("transaction_type", request.side().name());
        form.put("order_type", request.limitPrice() == null ? "MARKET" : "LIMIT");
        form.put("quantity", Integer.toString(request.quantity()));
        form.put("product", broker.product());
        form.put("validity", "DAY");
        form.put("tag", request.orderId());
        if (request.limitPrice() != null) {
            form.put("price", request.limitPrice().toPlainString());
        }
        // A placement is never retried blindly: after a failure the order book is searched first, since the order
        // may have reached the broker before the answer was lost.
        Reply reply = null;
        String problem = null;
        boolean unanswered = false;
        int attempts = 0;
        int throttled = 0;
        for (int attempt = 0; attempt <= broker.retries() && reply == null; attempt++) {
            if (attempt > 0) {
                backOff(attempt);
                Optional<OrderResult> arrived = findQuietly(request.orderId());
                if (arrived.isPresent()) {
                    return awaitFinal(arrived.get(), request);
                }
            }
            try {
                attempts++;
                awaitTurn();
                reply = sendOnce(HttpRequest.newBuilder(broker.baseUrl().resolve("/orders/regular"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
            } catch (Throttled e) {
                // Not placed (the broker says so): queued again, as often as it takes within a minute.
                if (++throttled <= THROTTLED_TRIES) {
                    attempt--;
                    sleep(Duration.ofMillis(Math.max(100, (long) (1000 / broker.ordersPerSecond()))));
                } else {
                    problem = "the broker's order rate: " + e.getMessage() + " " + throttled + " times";
                }
            } catch (CircuitOpen e) {
                problem = e.getMessage();
                break;
            } catch (BrokerUnreachable e) {
                problem = e.getMessage() + " after " + attempts + " attempt" + (attempts == 1 ? "" : "s");
                unanswered |= e instanceof NoAnswer;
            }
        }
        if (reply == null) {
            // Honest about what is known: a placement that got no answer may have reached the broker.
            String why = (unanswered ? "broker unreachable, order " + request.orderId() + " may have reached it (a placement went unanswered;"
                    + " reconcile by its tag): " : "broker unreachable, order not placed: ") + problem;
            return findQuietly(request.orderId()).map(order -> awaitFinal(order, request)).orElseGet(() -> rejected(request, why));
        }
        if (!reply.ok()) {
            return rejected(request, reply.message());
        }
        String brokerOrderId = reply.data().path("order_id").asText();
        return awaitFinal(new OrderResult(request.orderId(), OrderResult.Status.OPEN, request.quantity(), 0, null, brokerOrderId), request);
    }

    @Override
    public Optional<BrokerAccount> account() {
        return Optional.of(this);
    }

    /** {@code GET /portfolio/positions}: the net positions of the exchange and product we trade. */
    @Override
    public Map<String, Integer> netPositions() {
        Reply reply = send(HttpRequest.newBuilder(broker.baseUrl().resolve("/portfolio/positions")).GET());
        if (!reply.ok()) {
            throw new BrokerUnreachable("positions: " + reply.message());
        }
        Map<String, Integer> net = new java.util.TreeMap<>();
        for (JsonNode position : reply.data().path("net")) {
            int quantity = position.path("quantity").asInt();
            if (quantity != 0 && broker.exchange().equals(position.path("exchange").asText())
                    && broker.product().equals(position.path("product").asText())) {
                net.merge(position.path("tradingsymbol").asText(), quantity, Integer::sum);
            }
        }
        return net;
    }

    @Override
    public long reconnections() {
        return reconnections.get();
    }

    @Override
    public Optional<RestingStops> restingStops() {
        return Optional.of(this);
    }

    @Override
    public OrderResult rest(String orderId, String instrument, int quantity, BigDecimal trigger) {
        try {
            Optional<OrderResult> there = find(orderId);
            if (there.isPresent()) {
                return there.get();
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("tradingsymbol", instrument);
            form.put("exchange", broker.exchange());
            form.put("transaction_type", "SELL");
            form.put("order_type", "SL");
            form.put("quantity", Integer.toString(quantity));
            form.put("product", broker.product());
            form.put("validity", "DAY");
            form.put("trigger_price", trigger.toPlainString());
            form.put("price", stopLimit(trigger).toPlainString());
            form.put("tag", orderId);
            Reply reply = null;
            for (int throttled = 0; reply == null; throttled++) {
                awaitTurn();
                try {
                    reply = sendOnce(HttpRequest.newBuilder(broker.baseUrl().resolve("/orders/regular"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
                } catch (Throttled e) {
                    if (throttled >= THROTTLED_TRIES) {
                        throw new BrokerUnreachable("the broker's order rate: " + e.getMessage());
                    }
                    sleep(Duration.ofMillis(Math.max(100, (long) (1000 / broker.ordersPerSecond()))));
                }
            }
            if (!reply.ok()) {
                return new OrderResult(orderId, OrderResult.Status.REJECTED, quantity, 0, null, reply.message());
            }
            return new OrderResult(orderId, OrderResult.Status.OPEN, quantity, 0, null,
                    "resting at the broker: sells below " + trigger.toPlainString());
        } catch (BrokerUnreachable e) {
            // It may have arrived: the order book says, else it is not resting.
            return findQuietly(orderId).orElseGet(() -> new OrderResult(orderId, OrderResult.Status.REJECTED, quantity, 0, null,
                    "broker unreachable, stop not rested: " + e.getMessage()));
        }
    }

    @Override
    public OrderResult move(String orderId, BigDecimal trigger) {
        JsonNode order = findOrder(orderId).orElseThrow(() -> new BrokerUnreachable("no stop " + orderId + " at the broker"));
        if (!order.path("status").asText().equals("TRIGGER PENDING")) {
            return toResult(orderId, order);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("order_type", "SL");
        form.put("quantity", order.path("quantity").asText());
        form.put("trigger_price", trigger.toPlainString());
        form.put("price", stopLimit(trigger).toPlainString());
        form.put("validity", "DAY");
        // Refused (it triggered meanwhile, say) or taken: the order book says where it stands.
        send(HttpRequest.newBuilder(broker.baseUrl().resolve("/orders/regular/"
                + URLEncoder.encode(order.path("order_id").asText(), StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(formBody(form))));
        return state(orderId);
    }

    @Override
    public OrderResult cancel(String orderId) {
        Optional<JsonNode> order = findOrder(orderId);
        if (order.isEmpty()) {
            return new OrderResult(orderId, OrderResult.Status.CANCELLED, 0, 0, null, "no such stop at the broker");
        }
        OrderResult now = toResult(orderId, order.get());
        if (now.status() != OrderResult.Status.OPEN) {
            return now;
        }
        send(HttpRequest.newBuilder(broker.baseUrl().resolve("/orders/regular/"
                + URLEncoder.encode(order.get().path("order_id").asText(), StandardCharsets.UTF_8))).DELETE());
        for (int look = 0; look < 10 && now.status() == OrderResult.Status.OPEN; look++) {
            sleep(broker.pollInterval());
            now = state(orderId);
        }
        if (now.status() == OrderResult.Status.OPEN) {
            throw new BrokerUnreachable("stop " + orderId + " still open at the broker after its cancel");
        }
        return now;
    }

    @Override
    public OrderResult state(String orderId) {
        return find(orderId).orElseGet(() -> new OrderResult(orderId, OrderResult.Status.CANCELLED, 0, 0, null, "no such stop at the broker"));
    }

    /** A resting stop's limit: {@code stopLimitPct} below its trigger, on the 0.05 tick (at least one tick). */
    BigDecimal stopLimit(BigDecimal trigger) {
        BigDecimal tick = new BigDecimal("0.05");
        BigDecimal limit = trigger.multiply(BigDecimal.ONE.subtract(broker.stopLimitPct().movePointLeft(2)))
                .divide(tick, 0, java.math.RoundingMode.DOWN).multiply(tick);
        return limit.max(tick).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /** The placement's turn in the broker's order rate: waits for it. */
    private void awaitTurn() {
        try {
            placements.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachable("interrupted");
        }
    }

    @Override
    public Optional<OrderResult> find(String orderId) {
        return findOrder(orderId).map(order -> toResult(orderId, order));
    }

    /** The broker's own record of our order (tagged with our id), from its order book. */
    private Optional<JsonNode> findOrder(String orderId) {
        Reply reply = send(HttpRequest.newBuilder(broker.baseUrl().resolve("/orders")).GET());
        if (!reply.ok()) {
            throw new BrokerUnreachable("order book: " + reply.message());
        }
        for (JsonNode order : reply.data()) {
            if (orderId.equals(order.path("tag").asText())) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }

    /**
     * Polls an open order until it is filled, rejected or cancelled, or the fill timeout passes; then an order still
     * open is cancelled at the broker (a market order that does not fill in that time is not one to leave working), and
     * its final state says so: CANCELLED, or PARTIALLY_FILLED with what did fill. A broker that stops answering
     * meanwhile leaves it OPEN, with the reason (it is placed: an exception here would lose that).
     */
    private OrderResult awaitFinal(OrderResult order, OrderRequest request) {
        OrderResult current = order;
        long deadline = System.nanoTime() + broker.fillTimeout().toNanos();
        while (current.status() == OrderResult.Status.OPEN && System.nanoTime() < deadline) {
            sleep(broker.pollInterval());
            current = findQuietly(request.orderId()).orElse(current);
        }
        return current.status() == OrderResult.Status.OPEN ? cancelUnfilled(request).orElse(current) : current;
    }

    /** Cancels an order still open after the fill timeout and reads its end; empty when the broker cannot be reached. */
    private Optional<OrderResult> cancelUnfilled(OrderRequest request) {
        String why = "not filled within " + broker.fillTimeout().toSeconds() + " s";
        try {
            Optional<JsonNode> open = findOrder(request.orderId());
            if (open.isEmpty()) {
                return Optional.empty();
            }
            Reply cancel = send(HttpRequest.newBuilder(broker.baseUrl().resolve("/orders/regular/"
                    + URLEncoder.encode(open.get().path("order_id").asText(), StandardCharsets.UTF_8))).DELETE());
            // Refused (it filled meanwhile, say) or taken: the order book says how it ended.
            for (int look = 0; look < 10; look++) {
                OrderResult now = find(request.orderId()).orElseThrow();
                if (now.status() != OrderResult.Status.OPEN) {
                    boolean cancelled = now.status() == OrderResult.Status.CANCELLED || now.status() == OrderResult.Status.PARTIALLY_FILLED;
                    return Optional.of(cancelled ? new OrderResult(now.orderId(), now.status(), now.quantity(), now.filledQuantity(),
                            now.averagePrice(), why + ": cancelled at the broker" + (now.filledQuantity() > 0 ? " with " + now.filledQuantity()
                            + " of " + now.quantity() + " filled" : "")) : now);
                }
                sleep(broker.pollInterval());
            }
            return Optional.of(new OrderResult(request.orderId(), OrderResult.Status.OPEN, request.quantity(), 0, null,
                    why + "; the cancel was " + (cancel.ok() ? "taken" : "refused (" + cancel.message() + ")") + " but the order is still open"));
        } catch (BrokerUnreachable e) {
            return Optional.of(new OrderResult(request.orderId(), OrderResult.Status.OPEN, request.quantity(), 0, null,
                    why + "; it could not be cancelled (broker unreachable: " + e.getMessage() + "): still open at the broker"));
        }
    }

    private static OrderResult toResult(String orderId, JsonNode order) {
        int quantity = order.path("quantity").asInt();
        int filled = order.path("filled_quantity").asInt();
        BigDecimal average = filled > 0 ? new BigDecimal(order.path("average_price").asText()) : null;
        String message = order.path("status_message").isNull() ? null : order.path("status_message").asText(null);
        OrderResult.Status status = switch (order.path("status").asText()) {
            case "COMPLETE" -> OrderResult.Status.FILLED;
            case "REJECTED" -> OrderResult.Status.REJECTED;
            case "CANCELLED" -> filled > 0 ? OrderResult.Status.PARTIALLY_FILLED : OrderResult.Status.CANCELLED;
            default -> OrderResult.Status.OPEN;
        };
        return new OrderResult(orderId, status, quantity, filled, average, message);
    }

    private static OrderResult rejected(OrderRequest request, String reason) {
        return new OrderResult(request.orderId(), OrderResult.Status.REJECTED, request.quantity(), 0, null, reason);
    }

    /** A read, retried with backoff on connection failures and 5xx answers; 4xx answers are final. */
    private Reply send(HttpRequest.Builder request) {
        String problem = null;
        for (int attempt = 0; attempt <= broker.retries(); attempt++) {
            if (attempt > 0) {
                backOff(attempt);
            }
            try {
                return sendOnce(request);
            } catch (CircuitOpen e) {
                throw e;
            } catch (BrokerUnreachable | Throttled e) {
                problem = e.getMessage();
            }
        }
        throw new BrokerUnreachable(problem + " after " + (broker.retries() + 1) + " attempts");
    }

    /**
     * One call through the circuit: a 5xx answer or no answer is {@link BrokerUnreachable} (and counts against the
     * circuit), anything else a {@link Reply}; while the circuit is open, {@link CircuitOpen} without a call.
     */
    private Reply sendOnce(HttpRequest.Builder request) {
        try {
            return circuit.executeSupplier(() -> call(request));
        } catch (CallNotPermittedException e) {
            throw new CircuitOpen(e.getMessage() + " (" + broker.failuresToOpen() + " failed calls in a row; tried again "
                    + broker.openFor().toSeconds() + " s after it opened)");
        }
    }

    private Reply call(HttpRequest.Builder request) {
        request.timeout(broker.timeout())
                .header("X-Kite-Version", "3")
                .header("Authorization", "token " + broker.apiKey() + ":" + broker.accessToken());
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() < 500 && unanswered) {
                unanswered = false;
                reconnections.incrementAndGet();
            }
            if (response.statusCode() == 429) {
                throw new Throttled("HTTP 429 (too many requests)");
            }
            if (response.statusCode() >= 500) {
                unanswered = true;
                throw new BrokerUnreachable("HTTP " + response.statusCode());
            }
            JsonNode body = JSON.readTree(response.body());
            boolean ok = response.statusCode() < 300 && "success".equals(body.path("status").asText());
            return new Reply(ok, body.path("data"), ok ? null : body.path("message").asText("HTTP " + response.statusCode()));
        } catch (IOException e) {
            unanswered = true;
            throw new NoAnswer(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachable("interrupted");
        }
    }

    private Optional<OrderResult> findQuietly(String orderId) {
        try {
            return find(orderId);
        } catch (BrokerUnreachable e) {
            return Optional.empty();
        }
    }

    private static void backOff(int attempt) {
        sleep(Duration.ofMillis(100L << (attempt - 1)));
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachable("interrupted");
        }
    }

    private record Reply(boolean ok, JsonNode data, String message) {
    }

    /** The broker could not be reached, or answered with a server error. */
    public static class BrokerUnreachable extends RuntimeException {
        BrokerUnreachable(String message) {
            super(message);
        }
    }

    /** No answer at all (a timeout, a dropped connection): what was sent may have arrived. */
    static final class NoAnswer extends BrokerUnreachable {
        NoAnswer(String message) {
            super(message);
        }
    }

    /** The broker answered 429: over its rate, the request was not taken (not a failure of the broker: no circuit counts it). */
    static final class Throttled extends RuntimeException {
        Throttled(String message) {
            super(message);
        }
    }

    /** The circuit is open: the call was not made. */
    static final class CircuitOpen extends BrokerUnreachable {
        CircuitOpen(String message) {
            super(message);
        }
    }
}
