package com.alphastocks.executor.trading;

import com.alphastocks.options.OptionSymbol;
import com.alphastocks.options.ExpiryCalendar;
import com.alphastocks.options.Underlying;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.alphastocks.orders.OrderIds;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.streams.control.TradingStatus;
import com.alphastocks.options.Premiums;

/**
 * From a signal to an option order, the seed's executor in order: the mode's signal filters, the expiry, the
 * strike, the premium and the chain filters, the size, and last the risk limits. Plain Java: the market, the
 * portfolio and the day come in as arguments.
 */
public final class TradePlanner {

    /**
     * Everything the planner is configured with.
     *
     * @param rules the trading mode's rules, for every strategy
     * @param byStrategy a strategy's own rules where it has some (e.g. a mean-reversion strategy that trades against the
     *                   trend), by its name as its signals carry it
     */
    public record Settings(ModeRules rules, ChainRules chain, RiskLimits limits, int maxLotsPerTrade,
                           Map<String, Underlying> underlyings, ExpiryCalendar calendar, BigDecimal defaultImpliedVolatilityPct,
                           BigDecimal riskFreeRatePct, LocalTime squareOffTime, Map<String, ModeRules> byStrategy, MarketSession session) {

        /** Every strategy on the mode's rules, NSE's session. */
        public Settings(ModeRules rules, ChainRules chain, RiskLimits limits, int maxLotsPerTrade, Map<String, Underlying> underlyings,
                        ExpiryCalendar calendar, BigDecimal defaultImpliedVolatilityPct, BigDecimal riskFreeRatePct, LocalTime squareOffTime) {
            this(rules, chain, limits, maxLotsPerTrade, underlyings, calendar, defaultImpliedVolatilityPct, riskFreeRatePct, squareOffTime,
                    Map.of(), MarketSession.NSE);
        }

        /** The rules a strategy's signals are judged and exited by. */
        public ModeRules rulesFor(String strategy) {
            return byStrategy.getOrDefault(strategy, rules);
        }
    }

    private final Settings settings;
    private final EntryFilter filter;
    private final StrikeSelector strikes = new StrikeSelector();
    private final PositionSizer sizer;

    public TradePlanner(Settings settings) {
        this.settings = settings;
        this.filter = new EntryFilter(settings.chain());
        this.sizer = new PositionSizer(settings.limits().capital(), settings.maxLotsPerTrade());
    }

    /** The portfolio's limits the plans are checked against (and a decided entry is reserved under). */
    public RiskLimits limits() {
        return settings.limits();
    }

    /** @param entriesStopped why the desk's trading state refuses new entries now (HALTED, REDUCING); null when ACTIVE */
    public TradePlan plan(Signal signal, Market market, RiskState risk, LocalDate today, TradingStatus.EntryRefusal entriesStopped) {
        ModeRules rules = settings.rulesFor(signal.strategy());
        // No entry outside the session, on the market's clock (a replay's ticks say when its day closes).
        Optional<String> closed = market.time().flatMap(at -> settings.session().closedReason(at, settings.calendar()));
        if (closed.isPresent()) {
            return refused(Refusal.Stage.FILTER, "MARKET_CLOSED", closed.get());
        }
        Underlying underlying = settings.underlyings().get(signal.symbol());
        if (underlying == null) {
            return refused(Refusal.Stage.FILTER, "UNKNOWN_UNDERLYING", "no options are configured for " + signal.symbol());
        }
        Optional<BigDecimal> spot = market.lastPrice(underlying.symbol());
        if (spot.isEmpty()) {
            return refused(Refusal.Stage.FILTER, "NO_MARKET_DATA", "no price for " + underlying.symbol() + " yet");
        }
        List<Refusal> signalProblems = filter.checkSignal(signal.action(), signal.strength(), signal.expectedMovePct(),
                market.trend(underlying.symbol()), rules);
        if (!signalProblems.isEmpty()) {
            return new TradePlan.Refused(Refusal.Stage.FILTER, signalProblems);
        }

        ExpiryCalendar.Expiry expiry = settings.calendar().choose(underlying, today, settings.chain().minDaysToExpiry());
        // The contract as the exchange specifies it for that expiry: its lot size and strike step.
        Underlying contract = underlying.forExpiry(expiry.date());
        long daysLeft = expiry.daysLeft(today);
        BigDecimal iv = settings.defaultImpliedVolatilityPct();
        StrikeSelector.Result choice = strikes.select(signal.action(), spot.get(), signal.expectedMovePct(), contract, rules,
                new StrikeSelector.ModelInputs(daysLeft, iv, settings.riskFreeRatePct()));
        if (!choice.found()) {
            return refused(Refusal.Stage.FILTER, "NO_SUITABLE_STRIKE", choice.refusal());
        }
        StrikeSelector.Strike strike = choice.strike();
        String instrument = OptionSymbol.of(underlying.symbol(), expiry.date(), expiry.monthly(), strike.strike(), strike.type());
        Optional<OptionQuote> quote = market.quote(instrument);
        BigDecimal premium = quote.map(q -> q.ask() != null ? q.ask() : q.lastPrice()).orElse(strike.modelPremium());
        BigDecimal quotedIv = quote.map(OptionQuote::impliedVolatilityPct).filter(v -> v != null).orElse(iv);
        List<Refusal> chainProblems = filter.checkOption(instrument, quote.orElse(null), premium, daysLeft, quotedIv);
        if (!chainProblems.isEmpty()) {
            return new TradePlan.Refused(Refusal.Stage.FILTER, chainProblems);
        }

        BigDecimal stop = Premiums.plusPct(premium, rules.stopLossPct().negate(), RoundingMode.HALF_UP);
        PositionSizer.Size size = sizer.size(premium, stop, contract.lotSize(), rules.riskPerTradePct(),
                risk.sizeFactor(settings.limits()));
        RiskState.Exposure exposure = new RiskState.Exposure(signal.signalId(), signal.strategy(), underlying.symbol(), size.risk());
        List<Refusal> riskProblems = new ArrayList<>(risk.check(exposure, settings.limits(), today, market.time().orElse(null)));
        if (entriesStopped != null) {
            riskProblems.add(0, new Refusal(Refusal.Stage.RISK, entriesStopped.code(), entriesStopped.message()));
        }
        if (!riskProblems.isEmpty()) {
            return new TradePlan.Refused(Refusal.Stage.RISK, riskProblems);
        }
        OrderRequest order = new OrderRequest(OrderIds.entry(signal.signalId()), instrument, OrderRequest.Side.BUY, size.quantity(), null);
        return new TradePlan.Entry(order, underlying.symbol(), strike.type(), strike.strike(), expiry.date(), size.lots(),
                contract.lotSize(), premium, exposure, rules, settings.squareOffTime(), market.time().orElse(null));
    }

    private static TradePlan refused(Refusal.Stage stage, String code, String message) {
        return new TradePlan.Refused(stage, List.of(new Refusal(stage, code, message)));
    }
}
