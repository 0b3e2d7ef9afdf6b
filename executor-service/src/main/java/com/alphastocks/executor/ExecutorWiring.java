package com.alphastocks.executor;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;

import com.alphastocks.executor.desk.ControlFeed;
import com.alphastocks.executor.desk.Decision;
import com.alphastocks.executor.desk.DeskSerdes;
import com.alphastocks.executor.desk.ExecutorTopology;
import com.alphastocks.executor.desk.OrderDeskProcessor;
import com.alphastocks.executor.market.MarketFeed;
import com.alphastocks.executor.trading.ChainRules;
import com.alphastocks.executor.trading.MarketSession;
import com.alphastocks.executor.trading.ModeRules;
import com.alphastocks.executor.trading.Overrides;
import com.alphastocks.executor.trading.RiskLimits;
import com.alphastocks.executor.trading.RiskState;
import com.alphastocks.executor.trading.TradePlanner;
import com.alphastocks.executor.trading.TradingMode;
import com.alphastocks.executor.wire.TradeEvents;
import com.alphastocks.options.ExpiryCalendar;
import com.alphastocks.options.Underlying;
import com.alphastocks.orders.GatewaySettings;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.PaperGateway;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

/** Builds the executor from its configuration: the planner, the gateway of the configured mode, the topology. */
@ApplicationScoped
public class ExecutorWiring {

    private static final Logger LOG = Logger.getLogger(ExecutorWiring.class);

    @Produces
    @Singleton
    TradePlanner planner(ExecutorSettings settings) {
        ModeRules rules = Overrides.apply(settings.mode().defaults(),
                settings.modes().getOrDefault(settings.mode().name().toLowerCase(Locale.ROOT), Map.of()),
                "alphastocks.executor.modes." + settings.mode().name().toLowerCase(Locale.ROOT));
        for (String mode : settings.modes().keySet()) {
            TradingMode known = TradingMode.valueOf(mode.toUpperCase(Locale.ROOT));
            Overrides.apply(known.defaults(), settings.modes().get(mode), "alphastocks.executor.modes." + mode);
        }
        var risk = settings.risk();
        RiskLimits limits = new RiskLimits(settings.capital(), risk.maxOpenPositions(),
                risk.maxOpenPerStrategy().isPresent() ? risk.maxOpenPerStrategy().getAsInt() : null,
                risk.maxOpenPerUnderlying().isPresent() ? risk.maxOpenPerUnderlying().getAsInt() : null,
                risk.maxCapitalAtRiskPct(), risk.dailyLossLimitPct(), risk.maxConsecutiveLosses(), risk.sizeFactorAfterLoss(),
                risk.maxEntriesPerMinutePerStrategy().isPresent() ? risk.maxEntriesPerMinutePerStrategy().getAsInt() : null);
        var chain = settings.chain();
        ChainRules chainRules = new ChainRules(chain.minOpenInterest(), chain.minVolume(), chain.maxSpreadPct(), chain.minPremium(),
                chain.maxPremium(), chain.minDaysToExpiry(), chain.maxDaysToExpiry(), chain.minImpliedVolatilityPct());
        Map<String, ModeRules> byStrategy = new java.util.TreeMap<>();
        settings.strategies().forEach((strategy, own) -> {
            byStrategy.put(strategy, Overrides.apply(rules, own, "alphastocks.executor.strategies." + strategy));
            LOG.infof("strategy %s trades on the %s mode's rules with its own %s", strategy, settings.mode(), own);
        });
        return new TradePlanner(new TradePlanner.Settings(rules, chainRules, limits, settings.maxLotsPerTrade(), underlyings(settings),
                new ExpiryCalendar(new java.util.HashSet<>(settings.holidays().orElse(List.of()))),
                settings.defaultImpliedVolatilityPct(), settings.riskFreeRatePct(), settings.squareOffTime(), Map.copyOf(byStrategy),
                session(settings)));
    }

    private static MarketSession session(ExecutorSettings settings) {
        try {
            return new MarketSession(settings.sessionOpen(), settings.sessionClose(), settings.exchangeZone());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("alphastocks.executor.session-open and session-close: " + e.getMessage(), e);
        }
    }

    @Produces
    Topology topology(ExecutorSettings settings, GatewaySettings gateway, TradePlanner planner, Envelope envelope, MarketFeed market,
                      ControlFeed control, MeterRegistry metrics, ObjectMapper json, WireSettings wire) {
        GatewaySettings.check(gateway);
        Function<PaperGateway.Ledger, OrderGateway> gateways = ledger -> GatewaySettings.create(gateway, ledger, market.book().paperQuotes());
        TradeEvents events = new TradeEvents(envelope);
        return ExecutorTopology.build(serdes -> new OrderDeskProcessor(planner, events, market.book(), market::catchUp, control::status, gateways,
                        settings.exchangeZone(), metrics, serdes),
                EventSerde.events(wire), new DeskSerdes(new ObjectMapperSerde<>(RiskState.class, json),
                        new ObjectMapperSerde<>(Decision.class, json), new ObjectMapperSerde<>(OrderResult.class, json)));
    }

    private static Map<String, Underlying> underlyings(ExecutorSettings settings) {
        Map<String, Underlying> all = new HashMap<>();
        settings.underlyings().forEach((symbol, u) -> all.put(symbol, new Underlying(symbol, u.strikeStep(), u.lotSize(), u.cycle(),
                u.expiryDay(), byExpiry(symbol, "lot-size-from", u.lotSizeFrom()), byExpiry(symbol, "strike-step-from", u.strikeStepFrom()))));
        all.values().stream().sorted(java.util.Comparator.comparing(Underlying::symbol)).forEach(u -> LOG.infof(
                "%s: lot %d, strike step %s%s%s", u.symbol(), u.lotSize(), u.strikeStep().toPlainString(),
                u.lotSizeFrom().isEmpty() ? "" : "; lots for contracts expiring from " + u.lotSizeFrom(),
                u.strikeStepFrom().isEmpty() ? "" : "; strike steps from " + u.strikeStepFrom()));
        return Map.copyOf(all);
    }

    /** A dated table of the configuration (expiry date -> value), its dates checked: a bad one names its setting. */
    private static <V> java.util.NavigableMap<java.time.LocalDate, V> byExpiry(String symbol, String setting, Map<String, V> table) {
        java.util.NavigableMap<java.time.LocalDate, V> dated = new java.util.TreeMap<>();
        table.forEach((date, value) -> {
            try {
                dated.put(java.time.LocalDate.parse(date), value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("alphastocks.executor.underlyings." + symbol + "." + setting + "." + date
                        + ": not an expiry date (yyyy-MM-dd)", e);
            }
        });
        return dated;
    }
}
