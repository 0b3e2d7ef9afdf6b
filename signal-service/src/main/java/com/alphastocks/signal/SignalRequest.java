package com.alphastocks.signal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.alphastocks.contracts.StrategySignal;

/**
 * A strategy's signal as it arrives, before it is trusted: every field may be missing or wrong. The JSON body of
 * {@code POST /api/signals}, and what the validator reads for both ways in. Signal strength is on a 0–10 scale.
 */
public record SignalRequest(
        String strategy,
        String symbol,
        String action,
        BigDecimal entryPrice,
        BigDecimal stopLoss,
        BigDecimal target,
        BigDecimal signalStrength,
        BigDecimal expectedMovePct,
        String clientSignalId,
        String timeframe,
        Boolean urgent,
        Map<String, Double> features,
        Instant generatedAt) {

    static SignalRequest of(StrategySignal s) {
        return new SignalRequest(s.getStrategy(), s.getSymbol(), s.getAction().name(), s.getEntryPrice(), s.getStopLoss(),
                s.getTarget(), s.getSignalStrength(), s.getExpectedMovePct(), s.getClientSignalId(), s.getTimeframe(),
                s.getUrgent(), s.getFeatures(), s.getMetadata().getOccurredAt());
    }
}
