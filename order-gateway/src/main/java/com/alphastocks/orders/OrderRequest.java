package com.alphastocks.orders;

import java.math.BigDecimal;

/**
 * An order to send: its id is derived from what it is for ({@link OrderIds}), so sending it again is never a
 * second order. A null limit price is a market order.
 */
public record OrderRequest(String orderId, String instrument, Side side, int quantity, BigDecimal limitPrice) {

    /** Which way the order trades: buying opens a position here, selling closes it. */
    public enum Side { BUY, SELL }

    public OrderRequest {
        if (quantity <= 0) {
            throw new IllegalArgumentException("an order needs a positive quantity, not " + quantity);
        }
    }
}
