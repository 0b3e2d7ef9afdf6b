package com.alphastocks.executor.trading;

import static com.alphastocks.streams.Decimals.plain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * The portfolio as risk sees it: how many positions are reserved or open (from the moment an order is decided
 * until position.closed), overall, by strategy and by underlying, what they put at risk, today's realised P&L, the
 * run of losses, and, where a strategy's entries a minute are capped, its newest entries (market time, at most the cap).
 * Its size does not grow with the number of positions or entries. Immutable: each change returns the next state, which the executor stores (a changelogged state store),
 * so limits hold across restarts.
 */
public record RiskState(
        int openPositions,
        Map<String, Integer> openByStrategy,
        Map<String, Integer> openByUnderlying,
        BigDecimal capitalAtRisk,
        LocalDate tradingDay,
        BigDecimal realizedToday,
        int consecutiveLosses,
        boolean lastTradeLost,
        Map<String, List<Instant>> entriesLastMinute) {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    public RiskState {
        // A state stored before the entries were kept has none.
        entriesLastMinute = entriesLastMinute == null ? Map.of() : entriesLastMinute;
    }

    /** What one position puts at stake. */
    public record Exposure(String signalId, String strategy, String underlying, BigDecimal risk) {
    }

    public static RiskState empty(LocalDate day) {
        return new RiskState(0, Map.of(), Map.of(), BigDecimal.ZERO, day, BigDecimal.ZERO, 0, false, Map.of());
    }

    /** Every limit the candidate would break; empty when it may be traded (the time unknown: no rate is checked). */
    public List<Refusal> check(Exposure candidate, RiskLimits limits, LocalDate today) {
        return check(candidate, limits, today, null);
    }

    /** Every limit the candidate would break at {@code at} (market time); empty when it may be traded. */
    public List<Refusal> check(Exposure candidate, RiskLimits limits, LocalDate today, Instant at) {
        RiskState now = on(today);
        List<Refusal> refusals = new ArrayList<>();
        Integer cap = limits.maxEntriesPerMinutePerStrategy();
        if (cap != null && at != null) {
            long lastMinute = now.entriesLastMinute.getOrDefault(candidate.strategy(), List.of()).stream()
                    .filter(entered -> entered.isAfter(at.minus(MINUTE)) && !entered.isAfter(at)).count();
            if (lastMinute >= cap) {
                refusals.add(risk("MAX_ENTRIES_PER_MINUTE", candidate.strategy() + " entered " + lastMinute + " time"
                        + (lastMinute == 1 ? "" : "s") + " in the last minute, at most " + cap + " a minute allowed"));
            }
        }
        if (now.openPositions >= limits.maxOpenPositions()) {
            refusals.add(risk("MAX_OPEN_POSITIONS", now.openPositions + " positions open, at most " + limits.maxOpenPositions() + " allowed"));
        }
        int sameStrategy = now.openByStrategy.getOrDefault(candidate.strategy(), 0);
        if (limits.maxOpenPerStrategy() != null && sameStrategy >= limits.maxOpenPerStrategy()) {
            refusals.add(risk("MAX_OPEN_PER_STRATEGY", sameStrategy + " positions open for " + candidate.strategy()
                    + ", at most " + limits.maxOpenPerStrategy() + " allowed"));
        }
        int sameUnderlying = now.openByUnderlying.getOrDefault(candidate.underlying(), 0);
        if (limits.maxOpenPerUnderlying() != null && sameUnderlying >= limits.maxOpenPerUnderlying()) {
            refusals.add(risk("MAX_OPEN_PER_UNDERLYING", sameUnderlying + " positions open on " + candidate.underlying()
                    + ", at most " + limits.maxOpenPerUnderlying() + " allowed"));
        }
        BigDecimal atRisk = now.capitalAtRisk.add(candidate.risk());
        BigDecimal maxAtRisk = limits.capital().multiply(limits.maxCapitalAtRiskPct()).movePointLeft(2);
        if (atRisk.compareTo(maxAtRisk) > 0) {
            refusals.add(risk("MAX_CAPITAL_AT_RISK", "this trade would put " + plain(atRisk) + " at risk, more than "
                    + plain(limits.maxCapitalAtRiskPct()) + " % of capital (" + plain(maxAtRisk) + ")"));
        }
        BigDecimal maxDailyLoss = limits.capital().multiply(limits.dailyLossLimitPct()).movePointLeft(2);
        if (now.realizedToday.negate().compareTo(maxDailyLoss) >= 0) {
            refusals.add(risk("DAILY_LOSS_LIMIT", "today's loss of " + plain(now.realizedToday.negate()) + " reached the limit of "
                    + plain(limits.dailyLossLimitPct()) + " % of capital (" + plain(maxDailyLoss) + ")"));
        }
        if (now.consecutiveLosses >= limits.maxConsecutiveLosses()) {
            refusals.add(risk("CONSECUTIVE_LOSSES", now.consecutiveLosses + " losses in a row; new entries stop at "
                    + limits.maxConsecutiveLosses()));
        }
        return refusals;
    }

    public BigDecimal sizeFactor(RiskLimits limits) {
        return lastTradeLost ? limits.sizeFactorAfterLoss() : BigDecimal.ONE;
    }

    /** A position decided: it counts against the limits from now on. */
    public RiskState reserve(Exposure exposure) {
        return change(exposure, 1);
    }

    /**
     * A position decided at {@code at} (market time; null: unknown): it counts against the limits and, where
     * {@code limits} cap a strategy's entries a minute, against that rate: only the newest entries the cap needs are kept,
     * so the state stays as small as the cap whatever the rate of entries.
     */
    public RiskState reserve(Exposure exposure, Instant at, RiskLimits limits) {
        RiskState reserved = change(exposure, 1);
        Integer cap = limits.maxEntriesPerMinutePerStrategy();
        if (at == null || cap == null) {
            return reserved;
        }
        Map<String, List<Instant>> entries = new HashMap<>(reserved.entriesLastMinute);
        List<Instant> recent = new ArrayList<>(entries.getOrDefault(exposure.strategy(), List.of()));
        recent.removeIf(entered -> !entered.isAfter(at.minus(MINUTE)));
        recent.add(at);
        entries.put(exposure.strategy(), List.copyOf(recent.subList(Math.max(0, recent.size() - cap), recent.size())));
        return new RiskState(reserved.openPositions, reserved.openByStrategy, reserved.openByUnderlying, reserved.capitalAtRisk,
                reserved.tradingDay, reserved.realizedToday, reserved.consecutiveLosses, reserved.lastTradeLost, Map.copyOf(entries));
    }

    /** The position's place is free again (its order never filled, or it closed). */
    public RiskState release(Exposure exposure) {
        return change(exposure, -1);
    }

    /** A position closed with its net P&L on {@code day}. */
    public RiskState closed(Exposure exposure, BigDecimal netPnl, LocalDate day) {
        RiskState now = on(day).release(exposure);
        boolean lost = netPnl.signum() < 0;
        return new RiskState(now.openPositions, now.openByStrategy, now.openByUnderlying, now.capitalAtRisk, now.tradingDay,
                now.realizedToday.add(netPnl), lost ? now.consecutiveLosses + 1 : 0, lost, now.entriesLastMinute);
    }

    private RiskState change(Exposure exposure, int delta) {
        return new RiskState(openPositions + delta, counted(openByStrategy, exposure.strategy(), delta),
                counted(openByUnderlying, exposure.underlying(), delta), capitalAtRisk.add(exposure.risk().multiply(BigDecimal.valueOf(delta))),
                tradingDay, realizedToday, consecutiveLosses, lastTradeLost, entriesLastMinute);
    }

    /** The state as of {@code day}: a new trading day starts with no realised P&L and no run of losses. */
    RiskState on(LocalDate day) {
        return day.equals(tradingDay) ? this
                : new RiskState(openPositions, openByStrategy, openByUnderlying, capitalAtRisk, day, BigDecimal.ZERO, 0, lastTradeLost,
                        entriesLastMinute);
    }

    private static Map<String, Integer> counted(Map<String, Integer> counts, String key, int delta) {
        Map<String, Integer> next = new HashMap<>(counts);
        int count = next.getOrDefault(key, 0) + delta;
        if (count <= 0) {
            next.remove(key);
        } else {
            next.put(key, count);
        }
        return Map.copyOf(next);
    }

    private static Refusal risk(String code, String message) {
        return new Refusal(Refusal.Stage.RISK, code, message);
    }
}
