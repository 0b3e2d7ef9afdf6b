package com.alphastocks.orders;

import java.util.Optional;

import com.alphastocks.contracts.GatewayMode;

/**
 * Where orders go, entries and exits alike: {@link LoggingOnlyGateway} places nothing, {@link PaperGateway}
 * fills against market data, {@link LiveGateway} talks to a broker. Every implementation is idempotent on the
 * order id: placing an order id it already knows returns that order, it never places a second one.
 */
public interface OrderGateway {

    GatewayMode mode();

    OrderResult place(OrderRequest request);

    /** The order with this id, if the gateway has one (after a crash: adopt it rather than place it again). */
    Optional<OrderResult> find(String orderId);

    /** The account at the broker, where the gateway has one to reconcile with (live); empty otherwise. */
    default Optional<BrokerAccount> account() {
        return Optional.empty();
    }

    /** Stops resting at the broker, where the gateway has a broker to hold them (live); empty otherwise. */
    default Optional<RestingStops> restingStops() {
        return Optional.empty();
    }
}
