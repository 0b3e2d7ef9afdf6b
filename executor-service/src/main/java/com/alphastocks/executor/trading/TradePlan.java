package com.alphastocks.executor.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import com.alphastocks.options.OptionType;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.options.Premiums;
import com.alphastocks.streams.Decimals;

/** What the planner made of a signal: an option to buy, or why not. */
public sealed interface TradePlan {

    /** The signal is not traded, with every reason at the first stage that refused it. */
    record Refused(Refusal.Stage stage, List<Refusal> reasons) implements TradePlan {
    }

    /**
     * Buy {@code order}: the option, its size and premium as planned, the exposure that risk reserves, and the
     * mode whose exit rules travel with the position; {@code marketTime} is the market it was planned on (its latest
     * exchange time, null when unknown): the ticks up to it are the position's past.
     */
    record Entry(OrderRequest order, String underlying, OptionType optionType, BigDecimal strike, LocalDate expiry,
                 int lots, int lotSize, BigDecimal plannedPremium, RiskState.Exposure exposure, ModeRules rules,
                 LocalTime squareOffTime, java.time.Instant marketTime) implements TradePlan {

        /** The exit levels on the premium actually paid. */
        public ExitRules exitRules(BigDecimal entryPremium) {
            return new ExitRules(
                    Decimals.scaled(Premiums.plusPct(entryPremium, rules.stopLossPct().negate(), RoundingMode.HALF_UP)),
                    Decimals.scaled(Premiums.plusPct(entryPremium, rules.targetPct(), RoundingMode.HALF_UP)),
                    rules.secondTargetPct() == null ? null
                            : Decimals.scaled(Premiums.plusPct(entryPremium, rules.secondTargetPct(), RoundingMode.HALF_UP)),
                    Decimals.scaled(rules.partialExitFraction()),
                    rules.trailActivationPct() == null ? null
                            : Decimals.scaled(Premiums.plusPct(entryPremium, rules.trailActivationPct(), RoundingMode.HALF_UP)),
                    // One way to trail: by points when the mode says so, else by a share of the open profit.
                    rules.trailPoints() != null ? null : Decimals.scaled(rules.trailLockPct()),
                    Decimals.scaled(rules.trailPoints()),
                    rules.maxHoldHours() * 60,
                    rules.overnightAllowed() ? null : squareOffTime,
                    rules.overnightAllowed());
        }
    }
}
