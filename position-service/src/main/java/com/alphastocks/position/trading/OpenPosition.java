package com.alphastocks.position.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A position being watched, with its exit rules as they stand (the stop only ever tightens) and the exits made so
 * far. Immutable: every change returns the next state, which the position-service keeps in durable state.
 *
 * @param enteredAt the exchange time of the market its entry filled on (null when unknown): ticks up to it are its past
 * @param openedAt the exchange time of the first tick seen for it (positions live on market time)
 * @param lastTickAt the exchange time of its latest tick
 * @param lastUpdateAt when the last position.updated went out (exchange time), to pace them
 * @param exitOrders exit orders placed so far, filled or not: the next one's number (and so its order id)
 * @param restingStop the protective stop resting at the broker for it (live trading), null when none rests
 */
public record OpenPosition(
        String positionId, String signalId, String strategy, String underlying, String instrument, LocalDate expiry,
        int lotSize, int quantity, int openQuantity, BigDecimal entryPremium, Instant openedEventAt, Instant enteredAt,
        BigDecimal initialStop, BigDecimal stop, BigDecimal target, BigDecimal secondTarget, BigDecimal partialExitFraction,
        BigDecimal trailingActivation, BigDecimal trailingLockPct, BigDecimal trailingGapPct, BigDecimal trailingGapPoints, BigDecimal peak, boolean trailing,
        Integer maxHoldingMinutes, LocalTime squareOffTime, boolean overnightAllowed,
        Instant openedAt, Instant lastTickAt, Instant lastUpdateAt, BigDecimal lastPrice, List<Fill> exits, int exitOrders,
        // Left out when none rests (paper): a position's stored form, which the book's journal repeats for every position
        // a tick closes, stays as it was.
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        RestingStop restingStop) {

    /** One exit fill. */
    public record Fill(String orderId, int quantity, BigDecimal price, ExitReason reason, Instant at) {
    }

    /**
     * A stop-loss sell resting at the broker for the position: its order id, the number it was rested under (a new one
     * after each exit), and the trigger and quantity the broker holds.
     */
    public record RestingStop(String orderId, int number, BigDecimal trigger, int quantity) {
        public RestingStop movedTo(BigDecimal newTrigger) {
            return new RestingStop(orderId, number, newTrigger, quantity);
        }
    }

    /** Whether a tick at {@code at} is from the market the entry filled on or before it (met late): the position's past. */
    public boolean before(Instant at) {
        return enteredAt != null && !at.isAfter(enteredAt);
    }

    public boolean partialBooked() {
        return exits.stream().anyMatch(f -> f.reason() == ExitReason.PARTIAL_TARGET);
    }

    public int exitCount() {
        return exits.size();
    }

    /** The price moved (and maybe the trailing stop with it). */
    public OpenPosition marked(BigDecimal price, Instant at, BigDecimal newStop, BigDecimal newPeak, boolean nowTrailing) {
        return new OpenPosition(positionId, signalId, strategy, underlying, instrument, expiry, lotSize, quantity, openQuantity,
                entryPremium, openedEventAt, enteredAt, initialStop, newStop, target, secondTarget, partialExitFraction, trailingActivation,
                trailingLockPct, trailingGapPct, trailingGapPoints, newPeak, nowTrailing, maxHoldingMinutes, squareOffTime, overnightAllowed,
                openedAt == null ? at : openedAt, at, lastUpdateAt, price, exits, exitOrders, restingStop);
    }

    public OpenPosition updatedAt(Instant at) {
        return new OpenPosition(positionId, signalId, strategy, underlying, instrument, expiry, lotSize, quantity, openQuantity,
                entryPremium, openedEventAt, enteredAt, initialStop, stop, target, secondTarget, partialExitFraction, trailingActivation,
                trailingLockPct, trailingGapPct, trailingGapPoints, peak, trailing, maxHoldingMinutes, squareOffTime, overnightAllowed,
                openedAt, lastTickAt, at, lastPrice, exits, exitOrders, restingStop);
    }

    public OpenPosition exited(Fill fill) {
        List<Fill> more = new ArrayList<>(exits);
        more.add(fill);
        return new OpenPosition(positionId, signalId, strategy, underlying, instrument, expiry, lotSize, quantity,
                openQuantity - fill.quantity(), entryPremium, openedEventAt, enteredAt, initialStop, stop, target, secondTarget,
                partialExitFraction, trailingActivation, trailingLockPct, trailingGapPct, trailingGapPoints, peak, trailing, maxHoldingMinutes,
                squareOffTime, overnightAllowed, openedAt, lastTickAt, lastUpdateAt, lastPrice, List.copyOf(more), exitOrders, restingStop);
    }

    /** One more exit order went out (whatever became of it). */
    public OpenPosition exitOrdered() {
        return new OpenPosition(positionId, signalId, strategy, underlying, instrument, expiry, lotSize, quantity, openQuantity,
                entryPremium, openedEventAt, enteredAt, initialStop, stop, target, secondTarget, partialExitFraction, trailingActivation,
                trailingLockPct, trailingGapPct, trailingGapPoints, peak, trailing, maxHoldingMinutes, squareOffTime, overnightAllowed,
                openedAt, lastTickAt, lastUpdateAt, lastPrice, exits, exitOrders + 1, restingStop);
    }

    /** The same position with {@code stop} resting at the broker for it (null: none rests). */
    public OpenPosition withRestingStop(RestingStop stop) {
        return new OpenPosition(positionId, signalId, strategy, underlying, instrument, expiry, lotSize, quantity, openQuantity,
                entryPremium, openedEventAt, enteredAt, initialStop, this.stop, target, secondTarget, partialExitFraction, trailingActivation,
                trailingLockPct, trailingGapPct, trailingGapPoints, peak, trailing, maxHoldingMinutes, squareOffTime, overnightAllowed,
                openedAt, lastTickAt, lastUpdateAt, lastPrice, exits, exitOrders, stop);
    }

    /**
     * Whether {@code next} differs in what must survive a restart: the stop, trailing and the best premium while
     * trailing, the opening time, the exits. A mere mark (the latest price, when it was seen, when it was last told)
     * may be lost: the next tick brings it back.
     */
    public boolean durablyDiffers(OpenPosition next) {
        return stop.compareTo(next.stop) != 0 || trailing != next.trailing
                || next.trailing && peak.compareTo(next.peak) != 0
                || !java.util.Objects.equals(openedAt, next.openedAt)
                || exitOrders != next.exitOrders || openQuantity != next.openQuantity
                || !java.util.Objects.equals(restingStop, next.restingStop);
    }

    public boolean closed() {
        return openQuantity <= 0;
    }
}
