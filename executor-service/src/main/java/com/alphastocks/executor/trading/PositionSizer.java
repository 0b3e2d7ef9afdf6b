package com.alphastocks.executor.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How many lots: as many as the mode's risk per trade buys with the stop distance on the premium, at least one and
 * never more than the per-trade maximum; then, after a loss, that size scaled down (halved: 5 lots become 2, rounded
 * down, never below one). The cap comes first, so "halve after a loss" halves the size the trade would have had.
 * The lot size is the contract's (it changes by expiry).
 */
public final class PositionSizer {

    /** Lots and what they put at stake. */
    public record Size(int lots, int quantity, BigDecimal outlay, BigDecimal risk) {
    }

    private final BigDecimal capital;
    private final int maxLotsPerTrade;

    public PositionSizer(BigDecimal capital, int maxLotsPerTrade) {
        this.capital = capital;
        this.maxLotsPerTrade = maxLotsPerTrade;
    }

    /**
     * @param sizeFactor 1 normally, less after a loss (0.5 halves the size)
     */
    public Size size(BigDecimal premium, BigDecimal stopPremium, int lotSize, BigDecimal riskPerTradePct, BigDecimal sizeFactor) {
        BigDecimal riskPerLot = premium.subtract(stopPremium).multiply(BigDecimal.valueOf(lotSize));
        if (riskPerLot.signum() <= 0) {
            throw new IllegalArgumentException("the stop (" + stopPremium + ") must be below the premium (" + premium + ")");
        }
        BigDecimal budget = capital.multiply(riskPerTradePct).movePointLeft(2);
        int byRisk = budget.divide(riskPerLot, 0, RoundingMode.DOWN).intValueExact();
        int usual = Math.max(1, Math.min(byRisk, maxLotsPerTrade));
        int lots = Math.max(1, BigDecimal.valueOf(usual).multiply(sizeFactor).setScale(0, RoundingMode.DOWN).intValueExact());
        int quantity = lots * lotSize;
        return new Size(lots, quantity, premium.multiply(BigDecimal.valueOf(quantity)),
                riskPerLot.multiply(BigDecimal.valueOf(lots)));
    }
}
