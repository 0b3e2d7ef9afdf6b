package com.alphastocks.executor.trading;

import java.math.BigDecimal;

/**
 * The portfolio's limits (shared/TRADING.md defaults: 3 positions, 15 % of capital at risk, stop after a 5 %
 * daily loss or 3 losses in a row, halve the size after a loss).
 *
 * @param maxOpenPerStrategy null: no limit per strategy
 * @param maxOpenPerUnderlying null: no limit per underlying
 * @param sizeFactorAfterLoss the size multiplier while the last closed trade lost
 * @param maxEntriesPerMinutePerStrategy entries one strategy may make in a minute of market time; null: no cap
 */
public record RiskLimits(
        BigDecimal capital,
        int maxOpenPositions,
        Integer maxOpenPerStrategy,
        Integer maxOpenPerUnderlying,
        BigDecimal maxCapitalAtRiskPct,
        BigDecimal dailyLossLimitPct,
        int maxConsecutiveLosses,
        BigDecimal sizeFactorAfterLoss,
        Integer maxEntriesPerMinutePerStrategy) {
}
