package com.alphastocks.executor.trading;

import com.alphastocks.options.BlackScholes;
import com.alphastocks.options.Underlying;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import com.alphastocks.options.OptionType;
import com.alphastocks.options.Premiums;

/**
 * Picks the strike: a call for a BUY signal, a put for a SELL; the mode's offset from the underlying (out of the
 * money positive, in the money negative) rounded to the nearest strike; then, if the option's delta is too small
 * or its time decay too fast, strike by strike deeper into the money until both hold.
 */
public final class StrikeSelector {

    /** A strike the rules accept, with the model's view of it. */
    public record Strike(OptionType type, BigDecimal strike, double delta, double thetaPctPerDay, BigDecimal modelPremium) {
    }

    /** Market inputs of the model: time to expiry in calendar days, implied volatility and rate in percent. */
    public record ModelInputs(long daysToExpiry, BigDecimal impliedVolatilityPct, BigDecimal riskFreeRatePct) {
    }

    static final int MAX_STEPS_INTO_THE_MONEY = 10;

    public Result select(Signal.Action action, BigDecimal spot, BigDecimal expectedMovePct, Underlying underlying,
                         ModeRules rules, ModelInputs model) {
        OptionType type = action == Signal.Action.BUY ? OptionType.CE : OptionType.PE;
        BigDecimal offset = rules.offsetFor(expectedMovePct).movePointLeft(2);
        BigDecimal target = type == OptionType.CE ? spot.multiply(BigDecimal.ONE.add(offset)) : spot.multiply(BigDecimal.ONE.subtract(offset));
        BigDecimal step = underlying.strikeStep();
        BigDecimal strike = target.divide(step, 0, RoundingMode.HALF_UP).multiply(step);
        BigDecimal inward = type == OptionType.CE ? step.negate() : step;
        BlackScholes last = null;
        for (int i = 0; i <= MAX_STEPS_INTO_THE_MONEY && strike.signum() > 0; i++, strike = strike.add(inward)) {
            // On expiry day itself a quarter day of life is assumed rather than none.
            last = new BlackScholes(type, spot.doubleValue(), strike.doubleValue(), Math.max(model.daysToExpiry(), 0.25) / 365.0,
                    model.impliedVolatilityPct().doubleValue() / 100, model.riskFreeRatePct().doubleValue() / 100);
            if (Math.abs(last.delta()) >= rules.minDelta().doubleValue() && last.thetaPctPerDay() <= rules.maxThetaPctPerDay().doubleValue()) {
                return new Result(new Strike(type, strike.stripTrailingZeros(), last.delta(), last.thetaPctPerDay(),
                        Premiums.toTick(last.premium())), null);
            }
        }
        return new Result(null, String.format(Locale.ROOT,
                "no %s strike within %d steps of %s meets delta >= %s and time decay <= %s %%/day (last tried %s: delta %.2f, decay %.1f %%/day)",
                type, MAX_STEPS_INTO_THE_MONEY, spot.stripTrailingZeros().toPlainString(), rules.minDelta().toPlainString(),
                rules.maxThetaPctPerDay().toPlainString(), strike.subtract(inward).stripTrailingZeros().toPlainString(),
                last == null ? 0 : Math.abs(last.delta()), last == null ? 0 : last.thetaPctPerDay()));
    }

    /** The strike chosen, or why none could be. */
    public record Result(Strike strike, String refusal) {
        public boolean found() {
            return strike != null;
        }
    }
}
