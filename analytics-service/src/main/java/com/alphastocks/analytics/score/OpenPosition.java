package com.alphastocks.analytics.score;

import java.math.BigDecimal;
import java.time.Instant;

import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.PositionUpdated;

/**
 * An open position as the desk watches it: what was bought, and its latest mark from the position-service
 * (premium, unrealised P&L, the stop in force after trailing). Until the first mark, the premium is the entry's and
 * the P&L zero.
 */
public record OpenPosition(String positionId, String signalId, String strategy, String instrument, int quantity,
                           BigDecimal entryPremium, BigDecimal currentPremium, BigDecimal unrealizedPnl, BigDecimal stopLossPremium,
                           Instant openedAt, Instant markedAt, String alert) {

    public static OpenPosition of(PositionOpened o) {
        return new OpenPosition(o.getPositionId(), o.getSignalId(), o.getStrategy(), o.getInstrument(), o.getQuantity(),
                o.getEntryPremium(), o.getEntryPremium(), BigDecimal.ZERO, o.getExitRules().getStopLossPremium(),
                o.getMetadata().getOccurredAt(), o.getMetadata().getOccurredAt(), null);
    }

    public OpenPosition marked(PositionUpdated u) {
        return new OpenPosition(positionId, signalId, strategy, instrument, u.getOpenQuantity(), entryPremium, u.getCurrentPremium(),
                u.getUnrealizedPnl(), u.getStopLossPremium(), openedAt, u.getMetadata().getOccurredAt(), u.getAlert());
    }
}
