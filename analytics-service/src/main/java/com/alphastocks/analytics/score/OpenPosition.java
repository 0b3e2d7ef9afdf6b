package com.alphastocks.analytics.score;

import java.math.BigDecimal;
import java.time.Instant;

import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.PositionUpdated;

/**
 * An open position as the desk watches it: what was bought, and its latest mark from the position-service
 * (premium, unrealised P&L, the stop in force after trailing). Until the first mark, the premium is the entry's and
 * the P&L zero. {@code openedAt} is the entry's market time (a replay's own), {@code markedAt} the last update's.
 */
public record OpenPosition(String positionId, String signalId, String strategy, String underlying, String instrument, int quantity,
                           BigDecimal entryPremium, BigDecimal currentPremium, BigDecimal unrealizedPnl, BigDecimal stopLossPremium,
                           BigDecimal targetPremium, Instant openedAt, Instant markedAt, String alert) {

    public static OpenPosition of(PositionOpened o) {
        Instant entered = o.getEnteredAt() != null ? o.getEnteredAt() : o.getMetadata().getOccurredAt();
        return new OpenPosition(o.getPositionId(), o.getSignalId(), o.getStrategy(), o.getUnderlying(), o.getInstrument(), o.getQuantity(),
                o.getEntryPremium(), o.getEntryPremium(), BigDecimal.ZERO, o.getExitRules().getStopLossPremium(),
                o.getExitRules().getTargetPremium(), entered, entered, null);
    }

    public OpenPosition marked(PositionUpdated u) {
        return new OpenPosition(positionId, signalId, strategy, underlying, instrument, u.getOpenQuantity(), entryPremium, u.getCurrentPremium(),
                u.getUnrealizedPnl(), u.getStopLossPremium(), targetPremium, openedAt, u.getMetadata().getOccurredAt(), u.getAlert());
    }
}
