package com.alphastocks.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.GatewayMode;
import com.alphastocks.contracts.OrderCancelled;
import com.alphastocks.contracts.OrderFilled;
import com.alphastocks.contracts.OrderPlaced;
import com.alphastocks.contracts.OrderRejected;
import com.alphastocks.contracts.OrderSide;
import com.alphastocks.streams.Decimals;

/**
 * An order's events, the same for an entry (executor) and an exit (position-service): its placement, then what the
 * gateway made of it — rejected, cancelled, or filled (a partial fill also cancels the rest). Nothing more while it is
 * open or only logged. Each service stamps the events with its own metadata (ids, causation, priority).
 */
public final class OrderEvents {

    /** The events, and whether any of the order filled (the trade goes on from there). */
    public record Outcome(List<SpecificRecord> events, boolean filled) {
    }

    private OrderEvents() {
    }

    public static Outcome of(OrderRequest order, String signalId, GatewayMode mode, OrderResult result, Function<EventType, EventMetadata> meta) {
        List<SpecificRecord> events = new ArrayList<>();
        String orderId = order.orderId();
        events.add(OrderPlaced.newBuilder().setMetadata(meta.apply(EventType.ORDER_PLACED))
                .setOrderId(orderId).setSignalId(signalId).setInstrument(order.instrument()).setSide(OrderSide.valueOf(order.side().name()))
                .setQuantity(order.quantity()).setLimitPrice(Decimals.scaled(order.limitPrice())).setGatewayMode(mode).build());
        switch (result.status()) {
            case LOGGED, OPEN -> {
                return new Outcome(events, false);
            }
            case REJECTED -> {
                events.add(OrderRejected.newBuilder().setMetadata(meta.apply(EventType.ORDER_REJECTED))
                        .setOrderId(orderId).setSignalId(signalId).setReason(result.reason()).build());
                return new Outcome(events, false);
            }
            case CANCELLED -> {
                events.add(cancelled(orderId, signalId, result.reason(), meta));
                return new Outcome(events, false);
            }
            case FILLED, PARTIALLY_FILLED -> {
                // below
            }
        }
        events.add(OrderFilled.newBuilder().setMetadata(meta.apply(EventType.ORDER_FILLED))
                .setOrderId(orderId).setSignalId(signalId).setInstrument(order.instrument()).setSide(OrderSide.valueOf(order.side().name()))
                .setOrderQuantity(order.quantity()).setFilledQuantity(result.filledQuantity())
                .setFilledPrice(Decimals.scaled(result.averagePrice())).build());
        if (result.status() == OrderResult.Status.PARTIALLY_FILLED) {
            events.add(cancelled(orderId, signalId, (order.quantity() - result.filledQuantity()) + " of " + order.quantity()
                    + " not filled and cancelled" + (result.reason() == null ? "" : ": " + result.reason()), meta));
        }
        return new Outcome(events, true);
    }

    private static OrderCancelled cancelled(String orderId, String signalId, String reason, Function<EventType, EventMetadata> meta) {
        return OrderCancelled.newBuilder().setMetadata(meta.apply(EventType.ORDER_CANCELLED)).setOrderId(orderId).setSignalId(signalId)
                .setReason(reason).build();
    }
}
