package com.alphastocks.position.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.alphastocks.options.Premiums;

/**
 * Decides, tick by tick, whether a position exits, in the order a desk would: the stop first (a tick through it
 * exits at that tick's price, not at the stop), then the targets (part of the quantity at the first target when
 * the mode books partially, the rest at the second: one tick through both sells both), then the trailing stop (it
 * activates after a profit and only ever tightens, also on the tick that books the first part), then time (expiry
 * day, the square-off time, the maximum holding time), for what is left after the targets on that tick. Exchange time; a tick
 * of the market the entry filled on or older (met late: ticks and openings travel apart) changes nothing.
 */
public final class ExitEngine {

    /** @param expiryDayExitTime on its expiry day a position is closed from this exchange time */
    public record Settings(ZoneId exchangeZone, LocalTime expiryDayExitTime) {
    }

    /**
     * An exit to make now: a part of the position ({@code quantity}, at most what is still open), or the rest of it
     * (whatever is still open when it goes out: an earlier exit on the same tick may have filled less than asked).
     */
    public record Exit(int quantity, ExitReason reason, boolean rest) {

        static Exit part(int quantity, ExitReason reason) {
            return new Exit(quantity, reason, false);
        }

        static Exit rest(int quantity, ExitReason reason) {
            return new Exit(quantity, reason, true);
        }

        /** How much this exit sells of {@code position} as it stands now: never more than is open. */
        public int quantityOf(OpenPosition position) {
            return rest ? position.openQuantity() : Math.min(quantity, position.openQuantity());
        }
    }

    /**
     * The position after the tick, the exits it calls for (none, or several in the order the exchange fills them:
     * the first target's part, then the rest at the second target or by time), and whether its stop moved.
     */
    public record Verdict(OpenPosition position, List<Exit> exits, boolean stopMoved) {
    }

    private final Settings settings;

    public ExitEngine(Settings settings) {
        this.settings = settings;
    }

    /**
     * Every level one tick crosses is applied on that tick, as resting orders at the exchange would fill: a stop
     * takes everything (nothing above it can be crossed by the same price); otherwise the first target sells its part,
     * the second target the rest; what is left trails from this tick's price and leaves on a time rule met at it.
     * The quantities add up to at most what is open.
     */
    public Verdict onTick(OpenPosition p, BigDecimal price, Instant at) {
        if (p.before(at)) {
            return new Verdict(p, List.of(), false);
        }
        if (price.compareTo(p.stop()) <= 0) {
            boolean trailed = p.trailing() && p.stop().compareTo(p.initialStop()) > 0;
            return exits(p, price, at, Exit.rest(p.openQuantity(), trailed ? ExitReason.TRAILING_STOP : ExitReason.STOP_LOSS));
        }
        List<Exit> exits = new ArrayList<>();
        int open = p.openQuantity();
        boolean books = p.secondTarget() != null && p.partialExitFraction() != null;
        if (books && !p.partialBooked() && price.compareTo(p.target()) >= 0) {
            int part = p.partialExitFraction().multiply(BigDecimal.valueOf(p.quantity()))
                    .divide(BigDecimal.valueOf(p.lotSize()), 0, RoundingMode.DOWN).intValue() * p.lotSize();
            part = Math.max(part, p.lotSize());
            if (part >= open) {
                return exits(p, price, at, Exit.rest(open, ExitReason.TARGET));
            }
            exits.add(Exit.part(part, ExitReason.PARTIAL_TARGET));
            open -= part;
        }
        BigDecimal finalTarget = books ? p.secondTarget() : p.target();
        if (price.compareTo(finalTarget) >= 0) {
            exits.add(Exit.rest(open, ExitReason.TARGET));
            return exits(p, price, at, exits.toArray(Exit[]::new));
        }

        boolean trailing = p.trailing() || p.trailingActivation() != null && price.compareTo(p.trailingActivation()) >= 0;
        BigDecimal peak = p.peak().max(price);
        BigDecimal stop = trailing ? p.stop().max(trailingStop(p, peak)) : p.stop();
        OpenPosition marked = p.marked(price, at, stop, peak, trailing);
        boolean stopMoved = stop.compareTo(p.stop()) != 0;

        LocalDateTime local = LocalDateTime.ofInstant(at, settings.exchangeZone());
        ExitReason byTime = null;
        if (local.toLocalDate().equals(p.expiry()) && !local.toLocalTime().isBefore(settings.expiryDayExitTime())) {
            byTime = ExitReason.EXPIRY_DAY;
        } else if (!p.overnightAllowed() && p.squareOffTime() != null && !local.toLocalTime().isBefore(p.squareOffTime())) {
            byTime = ExitReason.SQUARE_OFF;
        } else if (p.maxHoldingMinutes() != null && !Duration.between(marked.openedAt(), at).minusMinutes(p.maxHoldingMinutes()).isNegative()) {
            byTime = ExitReason.MAX_HOLDING_TIME;
        }
        if (byTime != null) {
            exits.add(Exit.rest(open, byTime));
        }
        return new Verdict(marked, List.copyOf(exits), stopMoved);
    }

    /** A desk's manual close: everything still open. */
    public Exit manual(OpenPosition p) {
        return Exit.rest(p.openQuantity(), ExitReason.MANUAL);
    }

    /**
     * The trailing stop for the best premium seen: keep a share of the open profit, or stay a distance below the best
     * (in premium points, or in percent of it).
     */
    private static BigDecimal trailingStop(OpenPosition p, BigDecimal peak) {
        if (p.trailingGapPoints() != null) {
            return Premiums.toTick(peak.subtract(p.trailingGapPoints()), RoundingMode.HALF_UP);
        }
        if (p.trailingLockPct() != null) {
            BigDecimal kept = peak.subtract(p.entryPremium()).multiply(p.trailingLockPct()).movePointLeft(2);
            return Premiums.toTick(p.entryPremium().add(kept), RoundingMode.HALF_UP);
        }
        if (p.trailingGapPct() != null) {
            return Premiums.plusPct(peak, p.trailingGapPct().negate(), RoundingMode.HALF_UP);
        }
        return p.stop();
    }

    /** Exits at this tick's price: the position marked with it (its stop and trailing as they were). */
    private static Verdict exits(OpenPosition p, BigDecimal price, Instant at, Exit... exits) {
        return new Verdict(p.marked(price, at, p.stop(), p.peak().max(price), p.trailing()), List.of(exits), false);
    }
}
