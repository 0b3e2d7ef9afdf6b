package com.alphastocks.options;

import java.math.BigDecimal;
import java.time.DayOfWeek;

/**
 * An index whose options are traded: its strike step, its lot size (lot sizes change: they come from
 * configuration, never from code) and its expiry cycle.
 */
public record Underlying(String symbol, BigDecimal strikeStep, int lotSize, ExpiryCycle cycle, DayOfWeek expiryDay) {

    public enum ExpiryCycle {
        /** Every week on the expiry day. */
        WEEKLY,
        /** The last expiry day of each month. */
        MONTHLY
    }
}
