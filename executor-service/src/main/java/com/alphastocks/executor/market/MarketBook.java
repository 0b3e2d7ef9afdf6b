package com.alphastocks.executor.market;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.options.BlackScholes;
import com.alphastocks.executor.trading.Market;
import com.alphastocks.executor.trading.OptionQuote;
import com.alphastocks.options.OptionSymbol;
import com.alphastocks.executor.trading.Trend;
import com.alphastocks.orders.PaperGateway;
import com.alphastocks.options.Premiums;

/**
 * The latest tick of every instrument and the recent prices of every underlying, as market.ticks tells them.
 * Paper fills use an option's own tick, or, when the feed has none, its Black–Scholes value on the underlying.
 */
public final class MarketBook implements Market {

    /** The trend is the move over this much market time: long enough not to read noise as a trend. */
    static final java.time.Duration TREND_WINDOW = java.time.Duration.ofMinutes(15);

    private record Price(Instant at, BigDecimal price) {
    }

    private final Map<String, MarketTick> latest = new ConcurrentHashMap<>();
    private final Map<String, Deque<Price>> recent = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong time = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    private final Clock clock;
    private final ZoneId exchangeZone;
    private final DayOfWeek expiryDay;
    private final double impliedVolatility;
    private final double riskFreeRate;

    public MarketBook(Clock clock, ZoneId exchangeZone, DayOfWeek expiryDay, BigDecimal defaultIvPct, BigDecimal riskFreeRatePct) {
        this.clock = clock;
        this.exchangeZone = exchangeZone;
        this.expiryDay = expiryDay;
        this.impliedVolatility = defaultIvPct.doubleValue() / 100;
        this.riskFreeRate = riskFreeRatePct.doubleValue() / 100;
    }

    public void accept(MarketTick tick) {
        latest.put(tick.getInstrument(), tick);
        time.accumulateAndGet(tick.getExchangeTime().toEpochMilli(), Math::max);
        if (tick.getOption() == null) {
            Deque<Price> prices = recent.computeIfAbsent(tick.getInstrument(), k -> new ArrayDeque<>());
            synchronized (prices) {
                prices.addLast(new Price(tick.getExchangeTime(), tick.getLastPrice()));
                Instant horizon = tick.getExchangeTime().minus(TREND_WINDOW);
                while (prices.size() > 2 && prices.peekFirst().at().isBefore(horizon)) {
                    prices.removeFirst();
                }
            }
        }
    }

    @Override
    public Optional<BigDecimal> lastPrice(String instrument) {
        return Optional.ofNullable(latest.get(instrument)).map(MarketTick::getLastPrice);
    }

    @Override
    public Optional<OptionQuote> quote(String instrument) {
        return Optional.ofNullable(latest.get(instrument)).filter(t -> t.getOption() != null)
                .map(t -> new OptionQuote(t.getLastPrice(), t.getBid(), t.getAsk(), t.getVolume(), t.getOpenInterest(), t.getImpliedVolatility()));
    }

    /** Over the last {@link #TREND_WINDOW} of market time: where the underlying is now against where it was. */
    @Override
    public Trend trend(String underlying) {
        Deque<Price> prices = recent.get(underlying);
        if (prices == null) {
            return Trend.FLAT;
        }
        synchronized (prices) {
            return Trend.of(List.of(prices.peekFirst().price(), prices.peekLast().price()));
        }
    }

    @Override
    public Optional<java.time.Instant> time() {
        long millis = time.get();
        return millis == Long.MIN_VALUE ? Optional.empty() : Optional.of(java.time.Instant.ofEpochMilli(millis));
    }

    /** Prices for paper fills: the instrument's own tick, else an option's model value on its underlying's last price. */
    public PaperGateway.Quotes paperQuotes() {
        return instrument -> {
            MarketTick tick = latest.get(instrument);
            if (tick != null) {
                return Optional.of(new PaperGateway.Quote(tick.getBid(), tick.getAsk(), tick.getLastPrice()));
            }
            return OptionSymbol.parse(instrument, expiryDay).flatMap(option -> lastPrice(option.underlying()).map(spot -> {
                LocalDate today = LocalDate.ofInstant(time().orElse(clock.instant()), exchangeZone);
                long days = ChronoUnit.DAYS.between(today, option.expiry());
                double value = new BlackScholes(option.type(), spot.doubleValue(), option.strike().doubleValue(),
                        Math.max(days, 0.25) / 365, impliedVolatility, riskFreeRate).premium();
                return new PaperGateway.Quote(null, null, Premiums.toTick(value));
            }));
        };
    }
}
