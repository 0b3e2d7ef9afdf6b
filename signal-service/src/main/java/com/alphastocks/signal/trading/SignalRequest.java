package com.alphastocks.signal.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

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
}
