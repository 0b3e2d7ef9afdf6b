package com.alphastocks.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.alphastocks.orders.LiveGateway.BrokerUnreachable;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Protective stops at a Kite-Connect-style broker: a stop-loss sell tagged with its own id, of order type SL (a
 * stop-limit, {@code stopLimitPct} below the trigger: brokers refuse SL-M for options), modified with
 * {@code PUT /orders/regular/{id}} and cancelled like any order; each call looks the stop up by its tag first, so a
 * call repeated after a crash changes nothing.
 */
final class LiveRestingStops implements RestingStops {

    private static final BigDecimal TICK = new BigDecimal("0.05");

    private final KiteRest kite;

    LiveRestingStops(KiteRest kite) {
        this.kite = kite;
    }

    @Override
    public OrderResult rest(String orderId, String instrument, int quantity, BigDecimal trigger) {
        try {
            Optional<OrderResult> there = kite.find(orderId);
            if (there.isPresent()) {
                return there.get();
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("tradingsymbol", instrument);
            form.put("exchange", kite.broker().exchange());
            form.put("transaction_type", "SELL");
            form.put("order_type", "SL");
            form.put("quantity", Integer.toString(quantity));
            form.put("product", kite.broker().product());
            form.put("validity", "DAY");
            form.put("trigger_price", trigger.toPlainString());
            form.put("price", stopLimit(trigger).toPlainString());
            form.put("tag", orderId);
            KiteRest.Reply reply = kite.placeQueued(form);
            if (!reply.ok()) {
                return new OrderResult(orderId, OrderResult.Status.REJECTED, quantity, 0, null, reply.message());
            }
            return new OrderResult(orderId, OrderResult.Status.OPEN, quantity, 0, null,
                    "resting at the broker: sells below " + trigger.toPlainString());
        } catch (BrokerUnreachable e) {
            // It may have arrived: the order book says, else it is not resting.
            return kite.findQuietly(orderId).orElseGet(() -> new OrderResult(orderId, OrderResult.Status.REJECTED, quantity, 0, null,
                    "broker unreachable, stop not rested: " + e.getMessage()));
        }
    }

    @Override
    public OrderResult move(String orderId, BigDecimal trigger) {
        JsonNode order = kite.findOrder(orderId).orElseThrow(() -> new BrokerUnreachable("no stop " + orderId + " at the broker"));
        if (!order.path("status").asText().equals("TRIGGER PENDING")) {
            return KiteRest.toResult(orderId, order);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("order_type", "SL");
        form.put("quantity", order.path("quantity").asText());
        form.put("trigger_price", trigger.toPlainString());
        form.put("price", stopLimit(trigger).toPlainString());
        form.put("validity", "DAY");
        // Refused (it triggered meanwhile, say) or taken: the order book says where it stands.
        kite.modify(order, form);
        return state(orderId);
    }

    @Override
    public OrderResult cancel(String orderId) {
        Optional<JsonNode> order = kite.findOrder(orderId);
        if (order.isEmpty()) {
            return new OrderResult(orderId, OrderResult.Status.CANCELLED, 0, 0, null, "no such stop at the broker");
        }
        OrderResult now = KiteRest.toResult(orderId, order.get());
        if (now.status() != OrderResult.Status.OPEN) {
            return now;
        }
        kite.cancel(order.get());
        for (int look = 0; look < 10 && now.status() == OrderResult.Status.OPEN; look++) {
            KiteRest.sleep(kite.broker().pollInterval());
            now = state(orderId);
        }
        if (now.status() == OrderResult.Status.OPEN) {
            throw new BrokerUnreachable("stop " + orderId + " still open at the broker after its cancel");
        }
        return now;
    }

    @Override
    public OrderResult state(String orderId) {
        return kite.find(orderId).orElseGet(() -> new OrderResult(orderId, OrderResult.Status.CANCELLED, 0, 0, null, "no such stop at the broker"));
    }

    /** A resting stop's limit: {@code stopLimitPct} below its trigger, on the 0.05 tick (at least one tick). */
    BigDecimal stopLimit(BigDecimal trigger) {
        BigDecimal limit = trigger.multiply(BigDecimal.ONE.subtract(kite.broker().stopLimitPct().movePointLeft(2)))
                .divide(TICK, 0, RoundingMode.DOWN).multiply(TICK);
        return limit.max(TICK).setScale(2, RoundingMode.UNNECESSARY);
    }
}
