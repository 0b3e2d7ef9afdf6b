package com.alphastocks.orders;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.alphastocks.contracts.GatewayMode;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A broker behind a Kite-Connect-style REST API (v3): {@code POST /orders/regular}, {@code GET /orders},
 * {@code DELETE /orders/regular/{id}}. Our order id travels as the order's {@code tag}; before placing, the broker's order
 * book is searched for it, so an order the broker already has (placed before a crash) is adopted, never placed
 * again. Placements keep to the broker's order rate ({@code ordersPerSecond}, Kite's 10 a second): an order over it
 * waits its turn, and one the broker still answers 429 (too many requests: not placed) is sent again after a pause,
 * not refused. Protective stops rest there too ({@link LiveRestingStops}); the calls themselves are {@link KiteRest}'s.
 * Never the default mode.
 */
public final class LiveGateway implements OrderGateway, BrokerAccount {

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

    private final Connection broker;
    private final KiteRest kite;
    private final LiveRestingStops stops;

    public LiveGateway(Connection broker) {
        this.broker = broker;
        this.kite = new KiteRest(broker);
        this.stops = new LiveRestingStops(kite);
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
        KiteRest.Reply reply = null;
        String problem = null;
        boolean unanswered = false;
        int attempts = 0;
        int throttled = 0;
        for (int attempt = 0; attempt <= broker.retries() && reply == null; attempt++) {
            if (attempt > 0) {
                KiteRest.backOff(attempt);
                Optional<OrderResult> arrived = kite.findQuietly(request.orderId());
                if (arrived.isPresent()) {
                    return awaitFinal(arrived.get(), request);
                }
            }
            try {
                attempts++;
                reply = kite.placeOnce(form);
            } catch (Throttled e) {
                // Not placed (the broker says so): queued again, as often as it takes within a minute.
                if (++throttled <= KiteRest.THROTTLED_TRIES) {
                    attempt--;
                    KiteRest.sleep(kite.throttledPause());
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
            return kite.findQuietly(request.orderId()).map(order -> awaitFinal(order, request)).orElseGet(() -> rejected(request, why));
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
        Map<String, Integer> net = new java.util.TreeMap<>();
        for (JsonNode position : kite.get("/portfolio/positions", "positions").path("net")) {
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
        return kite.reconnections();
    }

    @Override
    public Optional<RestingStops> restingStops() {
        return Optional.of(stops);
    }

    @Override
    public Optional<OrderResult> find(String orderId) {
        return kite.find(orderId);
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
            KiteRest.sleep(broker.pollInterval());
            current = kite.findQuietly(request.orderId()).orElse(current);
        }
        return current.status() == OrderResult.Status.OPEN ? cancelUnfilled(request).orElse(current) : current;
    }

    /** Cancels an order still open after the fill timeout and reads its end; empty when the broker cannot be reached. */
    private Optional<OrderResult> cancelUnfilled(OrderRequest request) {
        String why = "not filled within " + broker.fillTimeout().toSeconds() + " s";
        try {
            Optional<JsonNode> open = kite.findOrder(request.orderId());
            if (open.isEmpty()) {
                return Optional.empty();
            }
            KiteRest.Reply cancel = kite.cancel(open.get());
            // Refused (it filled meanwhile, say) or taken: the order book says how it ended.
            for (int look = 0; look < 10; look++) {
                OrderResult now = find(request.orderId()).orElseThrow();
                if (now.status() != OrderResult.Status.OPEN) {
                    boolean cancelled = now.status() == OrderResult.Status.CANCELLED || now.status() == OrderResult.Status.PARTIALLY_FILLED;
                    return Optional.of(cancelled ? new OrderResult(now.orderId(), now.status(), now.quantity(), now.filledQuantity(),
                            now.averagePrice(), why + ": cancelled at the broker" + (now.filledQuantity() > 0 ? " with " + now.filledQuantity()
                            + " of " + now.quantity() + " filled" : "")) : now);
                }
                KiteRest.sleep(broker.pollInterval());
            }
            return Optional.of(new OrderResult(request.orderId(), OrderResult.Status.OPEN, request.quantity(), 0, null,
                    why + "; the cancel was " + (cancel.ok() ? "taken" : "refused (" + cancel.message() + ")") + " but the order is still open"));
        } catch (BrokerUnreachable e) {
            return Optional.of(new OrderResult(request.orderId(), OrderResult.Status.OPEN, request.quantity(), 0, null,
                    why + "; it could not be cancelled (broker unreachable: " + e.getMessage() + "): still open at the broker"));
        }
    }

    private static OrderResult rejected(OrderRequest request, String reason) {
        return new OrderResult(request.orderId(), OrderResult.Status.REJECTED, request.quantity(), 0, null, reason);
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
