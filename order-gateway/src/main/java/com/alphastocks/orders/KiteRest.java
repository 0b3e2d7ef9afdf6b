package com.alphastocks.orders;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.alphastocks.orders.LiveGateway.BrokerUnreachable;
import com.alphastocks.orders.LiveGateway.CircuitOpen;
import com.alphastocks.orders.LiveGateway.Connection;
import com.alphastocks.orders.LiveGateway.NoAnswer;
import com.alphastocks.orders.LiveGateway.Throttled;
import com.alphastocks.streams.CircuitBreakers;
import com.alphastocks.streams.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The calls to a Kite-Connect-style REST API (v3) that the live gateway and its resting stops share: authenticated,
 * through one circuit breaker (after {@code failuresToOpen} failed calls in a row none is made for {@code openFor}),
 * reads retried with backoff, placements kept to the broker's order rate, and the order book searched by our tag.
 */
final class KiteRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many 429 answers a placement sits out before it is given up (about a minute at Kite's rate). */
    static final int THROTTLED_TRIES = 600;

    /** An answer: ok with its {@code data}, or the broker's refusal. */
    record Reply(boolean ok, JsonNode data, String message) {
    }

    private final Connection broker;
    private final HttpClient http;
    private final CircuitBreaker circuit;
    private final RateLimiter placements;
    /** Whether the last call went unanswered, and how often the broker answered again after that. */
    private volatile boolean unanswered;
    private final AtomicLong reconnections = new AtomicLong();

    KiteRest(Connection broker) {
        this.broker = broker;
        this.http = HttpClient.newBuilder().connectTimeout(broker.timeout()).build();
        this.circuit = CircuitBreakers.afterFailuresInARow("live-broker", broker.failuresToOpen(), broker.openFor(), BrokerUnreachable.class);
        // No burst beyond the rate: a second's worth at once is what the broker counts against.
        this.placements = new RateLimiter(broker.ordersPerSecond(), 1, System::nanoTime);
    }

    Connection broker() {
        return broker;
    }

    /** How often the broker answered again after it had stopped answering. */
    long reconnections() {
        return reconnections.get();
    }

    /** One {@code POST /orders/regular} in its turn of the broker's order rate, not retried (see {@link #sendOnce}). */
    Reply placeOnce(Map<String, String> form) {
        awaitTurn();
        return sendOnce(HttpRequest.newBuilder(broker.baseUrl().resolve("/orders/regular"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
    }

    /** A placement the broker answers 429 (not taken) is sent again after a pause, for about a minute. */
    Reply placeQueued(Map<String, String> form) {
        for (int throttled = 0; ; throttled++) {
            try {
                return placeOnce(form);
            } catch (Throttled e) {
                if (throttled >= THROTTLED_TRIES) {
                    throw new BrokerUnreachable("the broker's order rate: " + e.getMessage() + " " + throttled + " times");
                }
                sleep(throttledPause());
            }
        }
    }

    /** How long a placement answered 429 waits before it is sent again: a turn of the order rate, at least 100 ms. */
    Duration throttledPause() {
        return Duration.ofMillis(Math.max(100, (long) (1000 / broker.ordersPerSecond())));
    }

    /** {@code PUT /orders/regular/{id}} of the broker's order, read as the broker answers it. */
    Reply modify(JsonNode order, Map<String, String> form) {
        return send(HttpRequest.newBuilder(orderUrl(order))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(formBody(form))));
    }

    /** {@code DELETE /orders/regular/{id}} of the broker's order. */
    Reply cancel(JsonNode order) {
        return send(HttpRequest.newBuilder(orderUrl(order)).DELETE());
    }

    /** A {@code GET} of {@code path}, retried; a refusal is {@link BrokerUnreachable} with {@code what} it was. */
    JsonNode get(String path, String what) {
        Reply reply = send(HttpRequest.newBuilder(broker.baseUrl().resolve(path)).GET());
        if (!reply.ok()) {
            throw new BrokerUnreachable(what + ": " + reply.message());
        }
        return reply.data();
    }

    /** Our order as the broker has it (found by its tag, our id) in its order book. */
    Optional<OrderResult> find(String orderId) {
        return findOrder(orderId).map(order -> toResult(orderId, order));
    }

    /** {@link #find}, empty when the broker cannot be reached. */
    Optional<OrderResult> findQuietly(String orderId) {
        try {
            return find(orderId);
        } catch (BrokerUnreachable e) {
            return Optional.empty();
        }
    }

    /** The broker's own record of our order (tagged with our id), from its order book. */
    Optional<JsonNode> findOrder(String orderId) {
        for (JsonNode order : get("/orders", "order book")) {
            if (orderId.equals(order.path("tag").asText())) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }

    static OrderResult toResult(String orderId, JsonNode order) {
        int quantity = order.path("quantity").asInt();
        int filled = order.path("filled_quantity").asInt();
        java.math.BigDecimal average = filled > 0 ? new java.math.BigDecimal(order.path("average_price").asText()) : null;
        String message = order.path("status_message").isNull() ? null : order.path("status_message").asText(null);
        OrderResult.Status status = switch (order.path("status").asText()) {
            case "COMPLETE" -> OrderResult.Status.FILLED;
            case "REJECTED" -> OrderResult.Status.REJECTED;
            case "CANCELLED" -> filled > 0 ? OrderResult.Status.PARTIALLY_FILLED : OrderResult.Status.CANCELLED;
            default -> OrderResult.Status.OPEN;
        };
        return new OrderResult(orderId, status, quantity, filled, average, message);
    }

    private java.net.URI orderUrl(JsonNode order) {
        return broker.baseUrl().resolve("/orders/regular/" + URLEncoder.encode(order.path("order_id").asText(), StandardCharsets.UTF_8));
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

    static void backOff(int attempt) {
        sleep(Duration.ofMillis(100L << (attempt - 1)));
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachable("interrupted");
        }
    }
}
