package com.alphastocks.executor.trading;

import static com.alphastocks.streams.Decimals.plain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;


/**
 * The mode's entry filters on the signal (strength, expected move, trend) and the chain filters on the option
 * chosen (premium, time to expiry, implied volatility, and, when the feed quotes the option, open interest,
 * volume and spread: with no tick for it those cannot be judged and the premium comes from the model).
 */
public final class EntryFilter {

    private final ChainRules chain;

    public EntryFilter(ChainRules chain) {
        this.chain = chain;
    }

    public List<Refusal> checkSignal(Signal.Action action, BigDecimal strength, BigDecimal expectedMovePct, Trend trend, ModeRules rules) {
        List<Refusal> refusals = new ArrayList<>();
        if (strength.compareTo(rules.minStrength()) < 0) {
            refusals.add(filter("WEAK_SIGNAL", "signal strength " + plain(strength) + " is below the mode's minimum of " + plain(rules.minStrength())));
        }
        if (expectedMovePct.compareTo(rules.minExpectedMovePct()) < 0) {
            refusals.add(filter("SMALL_EXPECTED_MOVE", "expected move " + plain(expectedMovePct) + " % is below the mode's minimum of "
                    + plain(rules.minExpectedMovePct()) + " %"));
        }
        Trend wanted = action == Signal.Action.BUY ? Trend.UP : Trend.DOWN;
        if (rules.trendAligned() && trend != wanted) {
            refusals.add(filter("AGAINST_TREND", "a " + action + " needs the underlying trending " + wanted + ", it is " + trend));
        }
        return refusals;
    }

    /**
     * @param quote the option's latest tick, or null when the feed has none
     * @param premium the premium to trade at (the quote's, or the model's)
     */
    public List<Refusal> checkOption(String instrument, OptionQuote quote, BigDecimal premium, long daysToExpiry,
                                     BigDecimal impliedVolatilityPct) {
        List<Refusal> refusals = new ArrayList<>();
        if (premium.compareTo(chain.minPremium()) < 0 || premium.compareTo(chain.maxPremium()) > 0) {
            refusals.add(filter("PREMIUM_OUT_OF_RANGE", instrument + " premium " + plain(premium) + " is outside "
                    + plain(chain.minPremium()) + " to " + plain(chain.maxPremium())));
        }
        if (daysToExpiry < chain.minDaysToExpiry() || daysToExpiry > chain.maxDaysToExpiry()) {
            refusals.add(filter("DAYS_TO_EXPIRY_OUT_OF_RANGE", instrument + " expires in " + daysToExpiry + " days, outside "
                    + chain.minDaysToExpiry() + " to " + chain.maxDaysToExpiry()));
        }
        if (impliedVolatilityPct.compareTo(chain.minImpliedVolatilityPct()) < 0) {
            refusals.add(filter("LOW_IMPLIED_VOLATILITY", instrument + " implied volatility " + plain(impliedVolatilityPct)
                    + " % is below " + plain(chain.minImpliedVolatilityPct()) + " %"));
        }
        if (quote != null) {
            if (quote.openInterest() < chain.minOpenInterest()) {
                refusals.add(filter("LOW_OPEN_INTEREST", instrument + " open interest " + quote.openInterest() + " is below " + chain.minOpenInterest()));
            }
            if (quote.volume() < chain.minVolume()) {
                refusals.add(filter("LOW_VOLUME", instrument + " volume " + quote.volume() + " is below " + chain.minVolume()));
            }
            if (quote.bid() != null && quote.ask() != null) {
                BigDecimal spreadPct = quote.ask().subtract(quote.bid()).movePointRight(2).divide(premium, 2, RoundingMode.HALF_UP);
                if (spreadPct.compareTo(chain.maxSpreadPct()) > 0) {
                    refusals.add(filter("WIDE_SPREAD", instrument + " bid-ask spread is " + plain(spreadPct) + " % of the premium, above "
                            + plain(chain.maxSpreadPct()) + " %"));
                }
            }
        }
        return refusals;
    }

    private static Refusal filter(String code, String message) {
        return new Refusal(Refusal.Stage.FILTER, code, message);
    }
}
