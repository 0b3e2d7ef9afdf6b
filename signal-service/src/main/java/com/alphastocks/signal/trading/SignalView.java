package com.alphastocks.signal.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The current state of one signal and every event about it, as the signal-service keeps it (its state store,
 * backed by a changelog topic) and shows it ({@code GET /api/signals/{id}}).
 *
 * @param sourceEventId the strategy event that brought the signal in: a redelivery of it is recognised
 * @param decisionEventId the id of the event this service published about it (generated or rejected)
 * @param problems why validation refused it; empty for a signal that passed
 * @param marketTime the market's clock when the strategy made it (from its event), null where the strategy did not say
 */
public record SignalView(
        String signalId,
        String clientSignalId,
        String strategy,
        String symbol,
        String action,
        BigDecimal entryPrice,
        BigDecimal stopLoss,
        BigDecimal target,
        BigDecimal signalStrength,
        BigDecimal expectedMovePct,
        String timeframe,
        Map<String, Double> features,
        String priority,
        SignalStatus status,
        Instant generatedAt,
        Instant marketTime,
        Instant updatedAt,
        String sourceEventId,
        String decisionEventId,
        String orderId,
        BigDecimal exitPrice,
        BigDecimal profitLoss,
        BigDecimal profitLossPct,
        String exitReason,
        List<SignalValidator.Problem> problems,
        List<TimelineEntry> timeline) {

    /** One event about the signal. */
    public record TimelineEntry(String eventId, String eventType, Instant at, String producer, String status, String detail) {
    }

    public boolean hasSeen(String eventId) {
        return timeline.stream().anyMatch(e -> e.eventId().equals(eventId));
    }

    public SignalView with(SignalStatus newStatus, Instant at, TimelineEntry entry) {
        List<TimelineEntry> longer = new ArrayList<>(timeline);
        longer.add(entry);
        return new SignalView(signalId, clientSignalId, strategy, symbol, action, entryPrice, stopLoss, target,
                signalStrength, expectedMovePct, timeframe, features, priority, newStatus, generatedAt, marketTime, at,
                sourceEventId, decisionEventId, orderId, exitPrice, profitLoss, profitLossPct, exitReason, problems, List.copyOf(longer));
    }

    public SignalView withOrder(String newOrderId) {
        return new SignalView(signalId, clientSignalId, strategy, symbol, action, entryPrice, stopLoss, target,
                signalStrength, expectedMovePct, timeframe, features, priority, status, generatedAt, marketTime, updatedAt,
                sourceEventId, decisionEventId, newOrderId, exitPrice, profitLoss, profitLossPct, exitReason, problems, timeline);
    }

    public SignalView withExit(BigDecimal price, BigDecimal pnl, BigDecimal pnlPct, String reason) {
        return new SignalView(signalId, clientSignalId, strategy, symbol, action, entryPrice, stopLoss, target,
                signalStrength, expectedMovePct, timeframe, features, priority, status, generatedAt, marketTime, updatedAt,
                sourceEventId, decisionEventId, orderId, price, pnl, pnlPct, reason, problems, timeline);
    }
}
