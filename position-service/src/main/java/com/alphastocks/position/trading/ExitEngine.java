package com.alphastocks.position.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import com.alphastocks.contracts.ExitReason;
import com.alphastocks.options.Premiums;

/**
 * Decides, tick by tick, whether a position exits, in the order a desk would: the stop first (a tick through it
 * exits at that tick's price, not at the stop), then the targets (part of the quantity at the first target when
 * the mode books partially, the rest at the second), then the trailing stop (it activates after a profit and
 * only ever tightens), then time (expiry day, the square-off time, the maximum holding time). Exchange time; a tick
 * of the market the entry filled on or older (met late: ticks and openings travel apart) changes nothing.
 */
public final class ExitEngine {

    /** @param expiryDayExitTime on its expiry day a position is closed from this exchange time */
    public record Settings(ZoneId exchangeZone, LocalTime expiryDayExitTime) {
    }

    /** An exit to make now. */
    public record Exit(int quantity, ExitReason reason) {
    }

    /** The position after the tick, the exit it calls for (or null), and whether its stop moved. */
    public record Verdict(OpenPosition position, Exit exit, boolean stopMoved) {
    }

    private final Settings settings;

    public ExitEngine(Settings settings) {
        this.settings = settings;
    }

    public Verdict onTick(OpenPosition p, BigDecimal price, Instant at) {
        if (p.before(at)) {
            return new Verdict(p, null, false);
        }
        if (price.compareTo(p.stop()) <= 0) {
            boolean trailed = p.trailing() && p.stop().compareTo(p.initialStop()) > 0;
            return exit(p, price, at, p.openQuantity(), trailed ? ExitReason.TRAILING_STOP : ExitReason.STOP_LOSS);
        }
        boolean books = p.secondTarget() != null && p.partialExitFraction() != null;
        if (books && !p.partialBooked() && price.compareTo(p.target()) >= 0) {
            int part = p.partialExitFraction().multiply(BigDecimal.valueOf(p.quantity()))
                    .divide(BigDecimal.valueOf(p.lotSize()), 0, RoundingMode.DOWN).intValue() * p.lotSize();
            part = Math.max(part, p.lotSize());
            return part >= p.openQuantity() ? exit(p, price, at, p.openQuantity(), ExitReason.TARGET)
                    : exit(p, price, at, part, ExitReason.PARTIAL_TARGET);
        }
        BigDecimal finalTarget = books ? p.secondTarget() : p.target();
        if (price.compareTo(finalTarget) >= 0) {
            return exit(p, price, at, p.openQuantity(), ExitReason.TARGET);
        }

        boolean trailing = p.trailing() || p.trailingActivation() != null && price.compareTo(p.trailingActivation()) >= 0;
        BigDecimal peak = p.peak().max(price);
        BigDecimal stop = trailing ? p.stop().max(trailingStop(p, peak)) : p.stop();
        OpenPosition marked = p.marked(price, at, stop, peak, trailing);

        LocalDateTime local = LocalDateTime.ofInstant(at, settings.exchangeZone());
        if (local.toLocalDate().equals(p.expiry()) && !local.toLocalTime().isBefore(settings.expiryDayExitTime())) {
            return new Verdict(marked, new Exit(p.openQuantity(), ExitReason.EXPIRY_DAY), false);
        }
        if (!p.overnightAllowed() && p.squareOffTime() != null && !local.toLocalTime().isBefore(p.squareOffTime())) {
            return new Verdict(marked, new Exit(p.openQuantity(), ExitReason.SQUARE_OFF), false);
        }
        if (p.maxHoldingMinutes() != null && !Duration.between(marked.openedAt(), at).minusMinutes(p.maxHoldingMinutes()).isNegative()) {
            return new Verdict(marked, new Exit(p.openQuantity(), ExitReason.MAX_HOLDING_TIME), false);
        }
        return new Verdict(marked, null, stop.compareTo(p.stop()) != 0);
    }

    /** A desk's manual close: everything still open. */
    public Exit manual(OpenPosition p) {
        return new Exit(p.openQuantity(), ExitReason.MANUAL);
    }

    /** The trailing stop for the best premium seen: keep a share of the open profit, or stay a distance below the best. */
    private static BigDecimal trailingStop(OpenPosition p, BigDecimal peak) {
        if (p.trailingLockPct() != null) {
            BigDecimal kept = peak.subtract(p.entryPremium()).multiply(p.trailingLockPct()).movePointLeft(2);
            return Premiums.toTick(p.entryPremium().add(kept), RoundingMode.HALF_UP);
        }
        if (p.trailingGapPct() != null) {
            return Premiums.plusPct(peak, p.trailingGapPct().negate(), RoundingMode.HALF_UP);
        }
        return p.stop();
    }

    private static Verdict exit(OpenPosition p, BigDecimal price, Instant at, int quantity, ExitReason reason) {
        return new Verdict(p.marked(price, at, p.stop(), p.peak().max(price), p.trailing()), new Exit(quantity, reason), false);
    }
}
