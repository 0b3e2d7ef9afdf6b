package com.alphastocks.executor.desk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.alphastocks.executor.trading.Refusal;
import com.alphastocks.executor.trading.RiskState;
import com.alphastocks.orders.OrderResult;

/**
 * What the executor decided about one signal, kept by signal id: a signal is decided once, and its order (if
 * any) is what {@code GET /api/orders} shows. The exposure is what the position holds against the limits until
 * it closes (null when nothing is held).
 */
public record Decision(String signalId, String strategy, String symbol, Instant decidedAt, List<Refusal> refusals,
                       String orderId, String instrument, int quantity, OrderResult.Status orderStatus, int filledQuantity,
                       BigDecimal averagePrice, String orderReason, RiskState.Exposure exposure, boolean positionClosed) {

    public boolean ordered() {
        return orderId != null;
    }

    public Decision closed() {
        return new Decision(signalId, strategy, symbol, decidedAt, refusals, orderId, instrument, quantity, orderStatus,
                filledQuantity, averagePrice, orderReason, exposure, true);
    }
}
