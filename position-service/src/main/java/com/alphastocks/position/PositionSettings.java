package com.alphastocks.position;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The position-service's configuration, {@code alphastocks.positions.*}. */
@ConfigMapping(prefix = "alphastocks.positions")
public interface PositionSettings {

    /** How often an open position's mark (unrealised P&L) goes out at the most, in exchange time. */
    @WithDefault("PT30S")
    Duration updateEvery();

    /** A position that heard no tick for this long (wall clock) raises a HIGH-priority alert. */
    @WithDefault("PT60S")
    Duration staleAfter();

    /**
     * Live trading: how often the book is reconciled with the broker's positions (besides soon after the start and after
     * every reconnect of the gateway).
     */
    @WithDefault("PT1M")
    Duration reconcileEvery();

    /** On its expiry day a position is closed from this exchange time. */
    @WithDefault("14:30")
    LocalTime expiryDayExitTime();

    @WithDefault("Asia/Kolkata")
    ZoneId exchangeZone();

    Charges charges();

    /** Rates of the charges (defaults: NSE index options, late 2025). */
    interface Charges {
        @WithDefault("20")
        BigDecimal brokeragePerOrder();

        @WithDefault("0.1")
        BigDecimal sttOnSellPct();

        @WithDefault("0.03503")
        BigDecimal exchangeChargesPct();

        @WithDefault("10")
        BigDecimal sebiFeesPerCrore();

        @WithDefault("18")
        BigDecimal gstPct();

        @WithDefault("0.003")
        BigDecimal stampDutyOnBuyPct();
    }
}
