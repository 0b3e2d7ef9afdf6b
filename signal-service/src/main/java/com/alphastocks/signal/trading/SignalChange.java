package com.alphastocks.signal.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * What another service says about a signal (its order placed, an update, its exit, a refusal), as the signal's record
 * takes it: the event's id and kind, when and by whom, the status it moves the signal to (none for an update that
 * does not say), a line for the timeline, and the order or the exit it reports.
 */
public record SignalChange(String eventId, String eventType, Instant at, String producer, Optional<SignalStatus> status,
                           String detail, String orderId, Exit exit) {

    /** How the signal's position ended. */
    public record Exit(BigDecimal price, BigDecimal profitLoss, BigDecimal profitLossPct, String reason) {
    }

    /** The record after this change, which moves it to {@code target}. */
    public SignalView applyTo(SignalView stored, SignalStatus target) {
        SignalView view = stored.with(target, at, new SignalView.TimelineEntry(eventId, eventType, at, producer, target.name(), detail));
        if (orderId != null) {
            view = view.withOrder(orderId);
        }
        if (exit != null) {
            view = view.withExit(exit.price(), exit.profitLoss(), exit.profitLossPct(), exit.reason());
        }
        return view;
    }
}
