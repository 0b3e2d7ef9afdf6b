package com.alphastocks.executor.trading;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.alphastocks.contracts.RejectionStage;

/**
 * The portfolio as risk sees it: every position reserved or open (from the moment its order is decided until
 * position.closed), today's realised P&L and the run of losses. Immutable: each change returns the next state,
 * which the executor stores (a changelogged state store), so limits hold across restarts.
 */
public record RiskState(
        Map<String, Exposure> open,
        LocalDate tradingDay,
        BigDecimal realizedToday,
        int consecutiveLosses,
        boolean lastTradeLost) {

    /** What one position puts at stake, by signal id. */
    public record Exposure(String signalId, String strategy, String underlying, BigDecimal risk) {
    }

    public static RiskState empty(LocalDate day) {
        return new RiskState(Map.of(), day, BigDecimal.ZERO, 0, false);
    }

    /** Every limit the candidate would break; empty when it may be traded. */
    public List<Refusal> check(Exposure candidate, RiskLimits limits, LocalDate today) {
        RiskState now = on(today);
        List<Refusal> refusals = new ArrayList<>();
        if (now.open.containsKey(candidate.signalId())) {
            refusals.add(risk("ALREADY_OPEN", "signal " + candidate.signalId() + " already has a position"));
        }
        if (now.open.size() >= limits.maxOpenPositions()) {
            refusals.add(risk("MAX_OPEN_POSITIONS", now.open.size() + " positions open, at most " + limits.maxOpenPositions() + " allowed"));
        }
        long sameStrategy = now.open.values().stream().filter(e -> e.strategy().equals(candidate.strategy())).count();
        if (limits.maxOpenPerStrategy() != null && sameStrategy >= limits.maxOpenPerStrategy()) {
            refusals.add(risk("MAX_OPEN_PER_STRATEGY", sameStrategy + " positions open for " + candidate.strategy()
                    + ", at most " + limits.maxOpenPerStrategy() + " allowed"));
        }
        long sameUnderlying = now.open.values().stream().filter(e -> e.underlying().equals(candidate.underlying())).count();
        if (limits.maxOpenPerUnderlying() != null && sameUnderlying >= limits.maxOpenPerUnderlying()) {
            refusals.add(risk("MAX_OPEN_PER_UNDERLYING", sameUnderlying + " positions open on " + candidate.underlying()
                    + ", at most " + limits.maxOpenPerUnderlying() + " allowed"));
        }
        BigDecimal atRisk = now.capitalAtRisk().add(candidate.risk());
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

    public BigDecimal capitalAtRisk() {
        return open.values().stream().map(Exposure::risk).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal sizeFactor(RiskLimits limits) {
        return lastTradeLost ? limits.sizeFactorAfterLoss() : BigDecimal.ONE;
    }

    /** A position decided: it counts against the limits from now on, whatever becomes of its order. */
    public RiskState reserve(Exposure exposure) {
        Map<String, Exposure> more = new LinkedHashMap<>(open);
        more.put(exposure.signalId(), exposure);
        return new RiskState(Map.copyOf(more), tradingDay, realizedToday, consecutiveLosses, lastTradeLost);
    }

    /** The order never filled (rejected, cancelled): its slot is free again. */
    public RiskState release(String signalId) {
        Map<String, Exposure> fewer = new LinkedHashMap<>(open);
        fewer.remove(signalId);
        return new RiskState(Map.copyOf(fewer), tradingDay, realizedToday, consecutiveLosses, lastTradeLost);
    }

    /** A position closed with its net P&L on {@code day}. */
    public RiskState closed(String signalId, BigDecimal netPnl, LocalDate day) {
        RiskState now = on(day).release(signalId);
        boolean lost = netPnl.signum() < 0;
        return new RiskState(now.open, now.tradingDay, now.realizedToday.add(netPnl), lost ? now.consecutiveLosses + 1 : 0, lost);
    }

    /** The state as of {@code day}: a new trading day starts with no realised P&L and no run of losses. */
    RiskState on(LocalDate day) {
        return day.equals(tradingDay) ? this
                : new RiskState(open, day, BigDecimal.ZERO, 0, lastTradeLost);
    }

    private static Refusal risk(String code, String message) {
        return new Refusal(RejectionStage.RISK, code, message);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
