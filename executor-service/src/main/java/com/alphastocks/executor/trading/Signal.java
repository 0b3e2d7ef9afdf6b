package com.alphastocks.executor.trading;

import java.math.BigDecimal;

/**
 * A strategy's signal as the desk trades it: which underlying, which way, how strong and how far the strategy expects it
 * to move. Its id names everything that comes of it (the order, the position).
 */
public record Signal(String signalId, String strategy, String symbol, Action action, BigDecimal strength, BigDecimal expectedMovePct) {

    /** BUY: the strategy expects the underlying to rise (a call is bought); SELL: to fall (a put is bought). */
    public enum Action { BUY, SELL }
}
