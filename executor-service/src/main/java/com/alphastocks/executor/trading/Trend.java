package com.alphastocks.executor.trading;

import java.math.BigDecimal;
import java.util.List;

/** Which way the underlying has been going over its recent ticks. */
public enum Trend {
    UP, DOWN, FLAT;

    /** From the oldest to the newest of {@code prices}; FLAT for fewer than two prices. */
    public static Trend of(List<BigDecimal> prices) {
        if (prices.size() < 2) {
            return FLAT;
        }
        int direction = prices.get(prices.size() - 1).compareTo(prices.get(0));
        return direction > 0 ? UP : direction < 0 ? DOWN : FLAT;
    }
}
