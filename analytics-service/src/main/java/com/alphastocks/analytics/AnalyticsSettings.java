package com.alphastocks.analytics;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The analytics-service's configuration, {@code alphastocks.analytics.*}. */
@ConfigMapping(prefix = "alphastocks.analytics")
public interface AnalyticsSettings {

    /** How many of the newest events of each type the history keeps. */
    @WithDefault("100")
    int historyLimit();

    /** The zone of the exchange: the trading day a trade belongs to. */
    @WithDefault("Asia/Kolkata")
    ZoneId exchangeZone();

    /** When the trading day is over on the market's clock: its report goes out once the price minutes reach it. */
    @WithDefault("15:29")
    java.time.LocalTime dayEndAt();

    /** How often the day-end reporter looks at the market's clock (read by its @Scheduled). */
    @WithDefault("PT5S")
    Duration dayEndCheck();

    /** How often consumer lag is measured for the metrics. */
    @WithDefault("PT10S")
    Duration lagEvery();
}
