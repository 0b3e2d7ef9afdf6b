package com.alphastocks.executor.trading;

import java.math.BigDecimal;

/** Option-chain filters of every mode (shared/TRADING.md): liquidity, premium range, time to expiry, volatility. */
public record ChainRules(
        long minOpenInterest,
        long minVolume,
        BigDecimal maxSpreadPct,
        BigDecimal minPremium,
        BigDecimal maxPremium,
        int minDaysToExpiry,
        int maxDaysToExpiry,
        BigDecimal minImpliedVolatilityPct) {

    public static final ChainRules DEFAULTS = new ChainRules(100, 50, new BigDecimal("5"), new BigDecimal("10"),
            new BigDecimal("300"), 2, 30, new BigDecimal("15"));
}
