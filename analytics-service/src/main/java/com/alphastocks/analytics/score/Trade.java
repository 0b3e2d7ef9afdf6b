package com.alphastocks.analytics.score;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One closed position as the score sees it. */
public record Trade(String signalId, String strategy, String underlying, LocalDate day, BigDecimal netPnl, BigDecimal charges,
                    long holdingMillis) {
}
