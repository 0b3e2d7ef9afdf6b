package com.alphastocks.options;

import org.apache.commons.math3.distribution.NormalDistribution;


/**
 * European option value and greeks on the underlying (no dividends). A model, so doubles: its outputs are
 * estimates that become exact decimals only where they are rounded to a price ({@link Premiums}).
 *
 * @param spot price of the underlying
 * @param strike strike price
 * @param years time to expiry in years (calendar days / 365)
 * @param volatility implied volatility as a fraction (0.15 = 15 %)
 * @param rate risk-free rate as a fraction
 */
public record BlackScholes(OptionType type, double spot, double strike, double years, double volatility, double rate) {

    private static final NormalDistribution N = new NormalDistribution();

    public BlackScholes {
        if (spot <= 0 || strike <= 0 || years <= 0 || volatility <= 0) {
            throw new IllegalArgumentException("spot, strike, time to expiry and volatility must be positive");
        }
    }

    public double premium() {
        double discount = Math.exp(-rate * years);
        return type == OptionType.CE
                ? spot * N.cumulativeProbability(d1()) - strike * discount * N.cumulativeProbability(d2())
                : strike * discount * N.cumulativeProbability(-d2()) - spot * N.cumulativeProbability(-d1());
    }

    /** Change of the premium per point of the underlying: 0..1 for a call, -1..0 for a put. */
    public double delta() {
        return type == OptionType.CE ? N.cumulativeProbability(d1()) : N.cumulativeProbability(d1()) - 1;
    }

    /** Change of the premium per calendar day (negative: time decay). */
    public double thetaPerDay() {
        double decay = -spot * N.density(d1()) * volatility / (2 * Math.sqrt(years));
        double carry = rate * strike * Math.exp(-rate * years);
        double perYear = type == OptionType.CE
                ? decay - carry * N.cumulativeProbability(d2())
                : decay + carry * N.cumulativeProbability(-d2());
        return perYear / 365;
    }

    /** Time decay per day as a percentage of the premium. */
    public double thetaPctPerDay() {
        return Math.abs(thetaPerDay()) / premium() * 100;
    }

    private double d1() {
        return (Math.log(spot / strike) + (rate + volatility * volatility / 2) * years) / (volatility * Math.sqrt(years));
    }

    private double d2() {
        return d1() - volatility * Math.sqrt(years);
    }
}
