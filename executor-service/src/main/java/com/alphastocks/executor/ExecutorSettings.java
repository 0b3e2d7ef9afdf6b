package com.alphastocks.executor;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.alphastocks.options.Underlying;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The executor's configuration, {@code alphastocks.executor.*}; defaults are the original system's (shared/TRADING.md).
 * A mode's values are overridden one by one, e.g. {@code alphastocks.executor.modes.conservative.stop-loss-pct=25}.
 */
@ConfigMapping(prefix = "alphastocks.executor")
public interface ExecutorSettings {

    @WithDefault("CONSERVATIVE")
    com.alphastocks.executor.trading.TradingMode mode();

    /** Per mode (lower case), per value of {@link com.alphastocks.executor.trading.ModeRules} (kebab case). */
    Map<String, Map<String, String>> modes();

    /**
     * A strategy's own rules on top of the mode's, per strategy (its name as its signals carry it), per value of
     * {@link com.alphastocks.executor.trading.ModeRules} (kebab case), e.g.
     * {@code alphastocks.executor.strategies.BOLLINGER.trend-aligned=false} for a strategy that trades reversals.
     */
    Map<String, Map<String, String>> strategies();

    @WithDefault("500000")
    BigDecimal capital();

    @WithDefault("5")
    int maxLotsPerTrade();

    Risk risk();

    Chain chain();

    /** Underlyings whose options are traded (defaults in application.properties). */
    Map<String, UnderlyingSettings> underlyings();

    /** Exchange holidays: an expiry on one moves to the trading day before. */
    Optional<List<LocalDate>> holidays();

    @WithDefault("15")
    BigDecimal defaultImpliedVolatilityPct();

    @WithDefault("6.5")
    BigDecimal riskFreeRatePct();

    /** Positions not allowed overnight are squared off at this exchange time. */
    @WithDefault("15:15")
    LocalTime squareOffTime();

    @WithDefault("Asia/Kolkata")
    ZoneId exchangeZone();

    /** The exchange's session (exchange time, trading days only): no new entry before it opens or once it has closed. */
    @WithDefault("09:15")
    LocalTime sessionOpen();

    @WithDefault("15:30")
    LocalTime sessionClose();

    interface Risk {
        @WithDefault("3")
        int maxOpenPositions();

        OptionalInt maxOpenPerStrategy();

        OptionalInt maxOpenPerUnderlying();

        @WithDefault("15")
        BigDecimal maxCapitalAtRiskPct();

        @WithDefault("5")
        BigDecimal dailyLossLimitPct();

        @WithDefault("3")
        int maxConsecutiveLosses();

        @WithDefault("0.5")
        BigDecimal sizeFactorAfterLoss();

        /** Entries one strategy may make in a minute of market time; unset: no cap. A signal over it is refused (RISK). */
        OptionalInt maxEntriesPerMinutePerStrategy();
    }

    interface Chain {
        @WithDefault("100")
        long minOpenInterest();

        @WithDefault("50")
        long minVolume();

        @WithDefault("5")
        BigDecimal maxSpreadPct();

        @WithDefault("10")
        BigDecimal minPremium();

        @WithDefault("300")
        BigDecimal maxPremium();

        @WithDefault("2")
        int minDaysToExpiry();

        @WithDefault("30")
        int maxDaysToExpiry();

        @WithDefault("15")
        BigDecimal minImpliedVolatilityPct();
    }

    interface UnderlyingSettings {
        /** The strike step of contracts expiring before the first date in {@link #strikeStepFrom()}. */
        BigDecimal strikeStep();

        /** The lot size of contracts expiring before the first date in {@link #lotSizeFrom()}. */
        int lotSize();

        /** Lot sizes revised by circular: the lot of contracts expiring on or after each date (yyyy-MM-dd). */
        Map<String, Integer> lotSizeFrom();

        /** Strike steps revised by circular, the same way. */
        Map<String, BigDecimal> strikeStepFrom();

        Underlying.ExpiryCycle cycle();

        @WithDefault("TUESDAY")
        DayOfWeek expiryDay();
    }
}
