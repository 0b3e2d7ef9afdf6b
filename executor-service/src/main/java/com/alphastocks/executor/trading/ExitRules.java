package com.alphastocks.executor.trading;

import java.math.BigDecimal;
import java.time.LocalTime;

/**
 * The exit levels a position starts with, worked out on the premium actually paid: the stop, the targets (a part
 * booked at the first when a second is set), the trail (by a share of the open profit or by points, never both), the
 * longest hold and the square-off time (null when the position may be held overnight).
 */
public record ExitRules(BigDecimal stopLossPremium, BigDecimal targetPremium, BigDecimal secondTargetPremium,
                        BigDecimal partialExitFraction, BigDecimal trailingActivationPremium, BigDecimal trailingLockPct,
                        BigDecimal trailingGapPoints, int maxHoldingMinutes, LocalTime squareOffTime, boolean overnightAllowed) {
}
