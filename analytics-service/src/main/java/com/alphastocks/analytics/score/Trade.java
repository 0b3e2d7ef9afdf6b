package com.alphastocks.analytics.score;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One closed position as the score sees it; {@code closedAt} on the market's clock (a replay's own time). */
public record Trade(String signalId, String strategy, String underlying, LocalDate day, BigDecimal netPnl, BigDecimal charges,
                    long holdingMillis, Instant closedAt) {

    /** When it was entered: its close less how long it was held. */
    public Instant openedAt() {
        return closedAt == null ? null : closedAt.minusMillis(holdingMillis);
    }
}
