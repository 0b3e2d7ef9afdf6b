package com.alphastocks.feed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.streams.wire.OptionContracts;
import com.alphastocks.options.OptionType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.options.BlackScholes;
import com.alphastocks.options.ExpiryCalendar;
import com.alphastocks.options.OptionSymbol;
import com.alphastocks.options.Premiums;
import com.alphastocks.options.Underlying;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;

/**
 * A seeded, deterministic trading day (09:15–15:30 exchange time): each underlying walks randomly through a few
 * trend regimes, and every few steps the option chain around the money (calls and puts of the nearest expiry with
 * at least {@code minDaysToExpiry} days) is priced from it by Black–Scholes with a volatility smile.
 * The same seed always gives the same ticks.
 */
public final class SyntheticDay implements TickSource {

    /** One underlying to simulate: where it opens and how much it moves in a day (percent, one standard deviation). */
    public record Walk(Underlying underlying, BigDecimal open, double dailyVolatilityPct) {
    }

    /** How the day is cut into ticks. */
    public record Settings(LocalDate date, ZoneId zone, Duration tickEvery, int optionEveryNthTick, int strikesEachSide,
                           int minDaysToExpiry, double impliedVolatilityPct, double riskFreeRatePct, int regimes) {

        public static Settings defaults(LocalDate date) {
            return new Settings(date, ZoneId.of("Asia/Kolkata"), Duration.ofSeconds(5), 3, 6, 2, 18, 6.5, 5);
        }
    }

    static final LocalTime OPEN = LocalTime.of(9, 15);
    static final LocalTime CLOSE = LocalTime.of(15, 30);

    private final Settings settings;
    private final List<WalkState> walks = new ArrayList<>();
    private final Envelope envelope;
    private final Deque<MarketTick> pending = new ArrayDeque<>();
    private final int steps;
    private int step;

    public SyntheticDay(List<Walk> underlyings, Settings settings, long seed, ExpiryCalendar calendar) {
        this.settings = settings;
        this.envelope = new Envelope("market-feed.synthetic", java.time.Clock.systemUTC());
        this.steps = (int) (Duration.between(OPEN, CLOSE).toSeconds() / settings.tickEvery().toSeconds()) + 1;
        Random random = new Random(seed);
        for (Walk walk : underlyings) {
            ExpiryCalendar.Expiry expiry = calendar.choose(walk.underlying(), settings.date(), settings.minDaysToExpiry());
            walks.add(new WalkState(walk, expiry, regimes(random, settings.regimes()), new Random(random.nextLong())));
        }
    }

    @Override
    public Optional<MarketTick> next() {
        while (pending.isEmpty() && step < steps) {
            Instant at = ZonedDateTime.of(settings.date(), OPEN, settings.zone()).toInstant().plus(settings.tickEvery().multipliedBy(step));
            for (WalkState walk : walks) {
                walk.advance(step, steps, settings);
                pending.add(tick(walk.walk.underlying().symbol(), walk.walk.underlying().symbol(), null, walk.price, null, null,
                        0, 0, null, at));
                if (step % settings.optionEveryNthTick() == 0) {
                    chain(walk, at);
                }
            }
            step++;
        }
        return Optional.ofNullable(pending.poll());
    }

    private void chain(WalkState walk, Instant at) {
        Underlying u = walk.walk.underlying();
        BigDecimal atm = walk.price.divide(u.strikeStep(), 0, RoundingMode.HALF_UP).multiply(u.strikeStep());
        double years = Math.max(ChronoUnit.DAYS.between(settings.date(), walk.expiry.date()), 0.25) / 365.0;
        for (int k = -settings.strikesEachSide(); k <= settings.strikesEachSide(); k++) {
            BigDecimal strike = atm.add(u.strikeStep().multiply(BigDecimal.valueOf(k)));
            double moneyness = Math.log(strike.doubleValue() / walk.price.doubleValue());
            double iv = settings.impliedVolatilityPct() + 40 * moneyness * moneyness * 100 + 0.5 * walk.noise.nextGaussian();
            for (OptionType type : OptionType.values()) {
                double value = new BlackScholes(type, walk.price.doubleValue(), strike.doubleValue(), years, iv / 100,
                        settings.riskFreeRatePct() / 100).premium();
                BigDecimal last = Premiums.toTick(value);
                BigDecimal halfSpread = Premiums.toTick(last.multiply(new BigDecimal("0.002")), RoundingMode.UP);
                String symbol = OptionSymbol.of(u.symbol(), walk.expiry.date(), walk.expiry.monthly(), strike, type);
                OptionContract contract = OptionContracts.of(type, strike, walk.expiry.date());
                long volume = 500L * (step + 1) / (1 + Math.abs(k));
                long openInterest = 50_000L + 10_000L * (settings.strikesEachSide() - Math.abs(k));
                pending.add(tick(symbol, u.symbol(), contract, last, last.subtract(halfSpread).max(Premiums.TICK), last.add(halfSpread),
                        volume, openInterest, BigDecimal.valueOf(iv).setScale(2, RoundingMode.HALF_UP), at));
            }
        }
    }

    private MarketTick tick(String instrument, String underlying, OptionContract option, BigDecimal last, BigDecimal bid,
                            BigDecimal ask, long volume, long openInterest, BigDecimal iv, Instant at) {
        return MarketTick.newBuilder()
                .setMetadata(envelope.metadataAt(at, at, EventType.MARKET_TICK, EventIds.derived(EventType.MARKET_TICK, instrument, at.toString()),
                        instrument, null, Priority.LOW))
                .setInstrument(instrument).setUnderlying(underlying).setOption(option)
                .setLastPrice(Decimals.scaled(last)).setBid(Decimals.scaled(bid)).setAsk(Decimals.scaled(ask))
                .setVolume(volume).setOpenInterest(openInterest).setImpliedVolatility(Decimals.scaled(iv)).setExchangeTime(at)
                .build();
    }

    /** Drifts per regime, in percent over the regime, drawn from the seed: a day that trends, turns and chops. */
    private static double[] regimes(Random random, int count) {
        double[] drifts = new double[count];
        for (int i = 0; i < count; i++) {
            drifts[i] = (random.nextDouble() * 2 - 1) * 1.2;
        }
        return drifts;
    }

    private static final class WalkState {
        final Walk walk;
        final ExpiryCalendar.Expiry expiry;
        final double[] drifts;
        final Random noise;
        BigDecimal price;

        WalkState(Walk walk, ExpiryCalendar.Expiry expiry, double[] drifts, Random noise) {
            this.walk = walk;
            this.expiry = expiry;
            this.drifts = drifts;
            this.noise = noise;
            this.price = walk.open();
        }

        void advance(int step, int steps, Settings settings) {
            if (step == 0) {
                return;
            }
            int regime = Math.min(drifts.length - 1, step * drifts.length / steps);
            double stepsPerRegime = (double) steps / drifts.length;
            double drift = drifts[regime] / 100 / stepsPerRegime;
            double sigma = walk.dailyVolatilityPct() / 100 / Math.sqrt(steps);
            double next = price.doubleValue() * Math.exp(drift + sigma * noise.nextGaussian());
            price = BigDecimal.valueOf(next).setScale(2, RoundingMode.HALF_UP);
        }
    }
}
