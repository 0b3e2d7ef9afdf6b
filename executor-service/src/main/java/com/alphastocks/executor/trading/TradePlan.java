package com.alphastocks.executor.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import com.alphastocks.contracts.ExitRules;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.options.Premiums;
import com.alphastocks.streams.Decimals;

/** What the planner made of a signal: an option to buy, or why not. */
public sealed interface TradePlan {

    /** The signal is not traded, with every reason at the first stage that refused it. */
    record Refused(RejectionStage stage, List<Refusal> reasons) implements TradePlan {
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
            return ExitRules.newBuilder()
                    .setStopLossPremium(Decimals.scaled(Premiums.plusPct(entryPremium, rules.stopLossPct().negate(), RoundingMode.HALF_UP)))
                    .setTargetPremium(Decimals.scaled(Premiums.plusPct(entryPremium, rules.targetPct(), RoundingMode.HALF_UP)))
                    .setSecondTargetPremium(rules.secondTargetPct() == null ? null
                            : Decimals.scaled(Premiums.plusPct(entryPremium, rules.secondTargetPct(), RoundingMode.HALF_UP)))
                    .setPartialExitFraction(Decimals.scaled(rules.partialExitFraction()))
                    .setTrailingActivationPremium(rules.trailActivationPct() == null ? null
                            : Decimals.scaled(Premiums.plusPct(entryPremium, rules.trailActivationPct(), RoundingMode.HALF_UP)))
                    .setTrailingGapPct(null)
                    // One way to trail: by points when the mode says so, else by a share of the open profit.
                    .setTrailingLockPct(rules.trailPoints() != null ? null : Decimals.scaled(rules.trailLockPct()))
                    .setTrailingGapPoints(Decimals.scaled(rules.trailPoints()))
                    .setMaxHoldingMinutes(rules.maxHoldHours() * 60)
                    .setSquareOffTime(rules.overnightAllowed() ? null : squareOffTime)
                    .setOvernightAllowed(rules.overnightAllowed())
                    .build();
        }
    }
}
