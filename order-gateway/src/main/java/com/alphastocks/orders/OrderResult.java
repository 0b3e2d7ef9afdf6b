package com.alphastocks.orders;

import java.math.BigDecimal;

/**
 * Where an order stands at the gateway.
 *
 * @param filledQuantity how much has filled (less than ordered for a partial fill)
 * @param averagePrice the quantity-weighted fill price, null while nothing filled
 * @param reason why it was rejected or cancelled, or what logging-only did
 */
public record OrderResult(String orderId, Status status, int quantity, int filledQuantity, BigDecimal averagePrice, String reason) {

    public enum Status {
        /** Logging-only mode: the decision is recorded, nothing is sent anywhere. */
        LOGGED,
        /** Accepted by the broker, not (fully) filled yet. */
        OPEN,
        FILLED,
        /** Part filled and the rest cancelled: the position is the filled part. */
        PARTIALLY_FILLED,
        REJECTED,
        CANCELLED
    }

    public boolean filledAny() {
        return filledQuantity > 0;
    }
}
