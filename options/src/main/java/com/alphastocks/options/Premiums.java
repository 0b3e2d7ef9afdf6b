package com.alphastocks.options;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Option premiums as the exchange quotes them: multiples of the tick size (0.05), never below one tick. */
public final class Premiums {

    public static final BigDecimal TICK = new BigDecimal("0.05");

    private Premiums() {
    }

    public static BigDecimal toTick(BigDecimal value, RoundingMode rounding) {
        BigDecimal ticks = value.divide(TICK, 0, rounding);
        return ticks.signum() <= 0 ? TICK : ticks.multiply(TICK);
    }

    public static BigDecimal toTick(double value) {
        return toTick(BigDecimal.valueOf(value), RoundingMode.HALF_UP);
    }

    /** {@code premium} moved by {@code pct} percent (negative: down), on the tick. */
    public static BigDecimal plusPct(BigDecimal premium, BigDecimal pct, RoundingMode rounding) {
        BigDecimal factor = BigDecimal.ONE.add(pct.movePointLeft(2));
        return toTick(premium.multiply(factor), rounding);
    }
}
