package com.alphastocks.analytics.score;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The score of a set of trades (a strategy, an underlying, a day, or all), net of charges, built trade by trade
 * in the order their closes reach the analytics (in live trading the order they closed; a replayed backlog of
 * several trades may interleave, which moves only the drawdown). A win is a trade with a positive net P&L, a loss one with a negative net P&L.
 *
 * @param equity the running sum of net P&L; {@code peakEquity} its highest point; {@code maxDrawdown} the deepest
 *               fall from a peak (as a positive amount)
 */
public record Scorecard(int trades, int wins, int losses, BigDecimal grossWins, BigDecimal grossLosses, BigDecimal netPnl,
                        BigDecimal charges, BigDecimal best, BigDecimal worst, long holdingMillis, BigDecimal equity,
                        BigDecimal peakEquity, BigDecimal maxDrawdown) {

    public static final Scorecard EMPTY = new Scorecard(0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            null, null, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public Scorecard add(Trade trade) {
        BigDecimal net = trade.netPnl();
        BigDecimal nextEquity = equity.add(net);
        BigDecimal nextPeak = peakEquity.max(nextEquity);
        return new Scorecard(trades + 1, wins + (net.signum() > 0 ? 1 : 0), losses + (net.signum() < 0 ? 1 : 0),
                net.signum() > 0 ? grossWins.add(net) : grossWins, net.signum() < 0 ? grossLosses.add(net) : grossLosses,
                netPnl.add(net), charges.add(trade.charges()), best == null ? net : best.max(net), worst == null ? net : worst.min(net),
                holdingMillis + trade.holdingMillis(), nextEquity, nextPeak, maxDrawdown.max(nextPeak.subtract(nextEquity)));
    }

    /** Wins as a percentage of trades. */
    public BigDecimal winRatePct() {
        return trades == 0 ? null : ratio(BigDecimal.valueOf(wins * 100L), trades);
    }

    public BigDecimal averageWin() {
        return wins == 0 ? null : ratio(grossWins, wins);
    }

    public BigDecimal averageLoss() {
        return losses == 0 ? null : ratio(grossLosses, losses);
    }

    public BigDecimal averagePnl() {
        return trades == 0 ? null : ratio(netPnl, trades);
    }

    /** Gross wins over gross losses; null without a loss (it would be infinite). */
    public BigDecimal profitFactor() {
        return grossLosses.signum() == 0 ? null : grossWins.divide(grossLosses.negate(), 2, RoundingMode.HALF_UP);
    }

    /** What a trade is expected to make: win rate × average win + loss rate × average loss. */
    public BigDecimal expectancy() {
        if (trades == 0) {
            return null;
        }
        return grossWins.add(grossLosses).divide(BigDecimal.valueOf(trades), 2, RoundingMode.HALF_UP);
    }

    public Long averageHoldingMinutes() {
        return trades == 0 ? null : holdingMillis / trades / 60_000;
    }

    private static BigDecimal ratio(BigDecimal amount, int count) {
        return amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
