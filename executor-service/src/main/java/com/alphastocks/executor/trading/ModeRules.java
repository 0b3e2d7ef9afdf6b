package com.alphastocks.executor.trading;

import java.math.BigDecimal;

/**
 * What a trading mode decides. Percentages are plain numbers (30 = 30 %); stop loss and targets are on the
 * option premium; signal strength is on the 0–10 scale. Null means "not used by this mode".
 *
 * @param offsetPct distance of the strike from the underlying, in percent of it: positive out of the money,
 *                  negative in the money, 0 at the money
 * @param lowMoveBelowPct with {@code lowMoveOffsetPct}: when the expected move is below this, use that offset
 * @param highMoveAbovePct with {@code highMoveOffsetPct}: when the expected move is above this, use that offset
 * @param partialExitFraction share of the quantity booked at the first target (0.6 = 60 %)
 * @param trailActivationPct profit on the premium after which the stop trails
 * @param trailLockPct share of the best open profit the trailing stop keeps (50 = half)
 * @param trailPoints instead of {@code trailLockPct}: the trailing stop stays this many premium points below the best
 *                    premium seen (20 = ₹20 below), as Indian retail platforms offer
 */
public record ModeRules(
        BigDecimal offsetPct,
        BigDecimal lowMoveBelowPct,
        BigDecimal lowMoveOffsetPct,
        BigDecimal highMoveAbovePct,
        BigDecimal highMoveOffsetPct,
        BigDecimal minDelta,
        BigDecimal maxThetaPctPerDay,
        BigDecimal stopLossPct,
        BigDecimal targetPct,
        BigDecimal secondTargetPct,
        BigDecimal riskPerTradePct,
        BigDecimal minExpectedMovePct,
        BigDecimal minStrength,
        boolean trendAligned,
        int maxHoldHours,
        boolean overnightAllowed,
        BigDecimal partialExitFraction,
        BigDecimal trailActivationPct,
        BigDecimal trailLockPct,
        BigDecimal trailPoints) {

    public ModeRules {
        if (trailPoints != null && trailPoints.signum() <= 0) {
            throw new IllegalArgumentException("trail-points must be above 0 (premium points below the best premium), not " + trailPoints.toPlainString());
        }
        if (trailPoints != null && trailActivationPct == null) {
            throw new IllegalArgumentException("trail-points needs trail-activation-pct: the profit on the premium after which the stop trails");
        }
    }

    /** The strike offset for a signal's expected move, by the mode's dynamic rules. */
    public BigDecimal offsetFor(BigDecimal expectedMovePct) {
        if (highMoveAbovePct != null && expectedMovePct.compareTo(highMoveAbovePct) > 0) {
            return highMoveOffsetPct;
        }
        if (lowMoveBelowPct != null && expectedMovePct.compareTo(lowMoveBelowPct) < 0) {
            return lowMoveOffsetPct;
        }
        return offsetPct;
    }
}
