package com.alphastocks.executor.desk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.executor.trading.Market;
import com.alphastocks.executor.trading.RiskState;
import com.alphastocks.executor.trading.TradeEvents;
import com.alphastocks.executor.trading.TradePlan;
import com.alphastocks.executor.trading.TradePlanner;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.PaperGateway;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one place where the portfolio decides, on a single partition so that decisions are made one at a time
 * (the risk limits hold whatever the number of partitions and instances). Signals are planned, ordered and
 * told; closed positions free their place. Runs exactly once: store changes, events and input offsets commit
 * together, and the paper broker's books are one of those stores.
 */
public final class OrderDeskProcessor implements Processor<String, Object, String, Object> {

    private static final Logger LOG = Logger.getLogger(OrderDeskProcessor.class);

    private final TradePlanner planner;
    private final TradeEvents events;
    private final Market market;
    private final Supplier<KillSwitch> killSwitch;
    private final Function<PaperGateway.Ledger, OrderGateway> gateways;
    private final ZoneId exchangeZone;
    private final MeterRegistry metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, RiskState> risk;
    private KeyValueStore<String, Decision> decisions;
    private OrderGateway gateway;

    public OrderDeskProcessor(TradePlanner planner, TradeEvents events, Market market, Supplier<KillSwitch> killSwitch,
                       Function<PaperGateway.Ledger, OrderGateway> gateways, ZoneId exchangeZone, MeterRegistry metrics) {
        this.planner = planner;
        this.events = events;
        this.market = market;
        this.killSwitch = killSwitch;
        this.gateways = gateways;
        this.exchangeZone = exchangeZone;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.risk = context.getStateStore(ExecutorTopology.RISK_STORE);
        this.decisions = context.getStateStore(ExecutorTopology.DECISIONS_STORE);
        KeyValueStore<String, OrderResult> books = context.getStateStore(ExecutorTopology.PAPER_LEDGER_STORE);
        this.gateway = gateways.apply(PaperGateway.Ledger.of(books::get, books::put));
    }

    @Override
    public void process(Record<String, Object> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        // Trading days follow the market's clock, so that a replayed day trades the expiries of its own date.
        LocalDate today = LocalDate.ofInstant(market.time().orElse(now), exchangeZone);
        if (record.value() instanceof SignalGenerated signal) {
            decide(signal, now, today);
        } else if (record.value() instanceof PositionClosed closed) {
            close(closed, today);
        }
    }

    private void decide(SignalGenerated signal, Instant now, LocalDate today) {
        if (decisions.get(signal.getSignalId()) != null) {
            count("duplicate", signal.getStrategy());
            return;
        }
        RiskState portfolio = portfolio(today);
        TradePlan plan = planner.plan(signal, market, portfolio, today, killSwitch.get().refusalReason());
        if (plan instanceof TradePlan.Refused refused) {
            decisions.put(signal.getSignalId(), new Decision(signal.getSignalId(), signal.getStrategy(), signal.getSymbol(), now,
                    refused.reasons(), null, null, 0, null, 0, null, null, null, false));
            publish(signal.getSignalId(), events.refused(signal, refused.stage(), refused.reasons(), now));
            count("refused_" + refused.stage().name().toLowerCase(java.util.Locale.ROOT), signal.getStrategy());
            LOG.infof("signal %s refused: %s", signal.getSignalId(), refused.reasons());
            return;
        }
        TradePlan.Entry entry = (TradePlan.Entry) plan;
        OrderResult result = gateway.place(entry.order());
        boolean open = result.filledAny() || result.status() == OrderResult.Status.OPEN;
        risk.put(ExecutorTopology.PORTFOLIO, open ? portfolio.reserve(entry.exposure()) : portfolio);
        decisions.put(signal.getSignalId(), new Decision(signal.getSignalId(), signal.getStrategy(), signal.getSymbol(), now, List.of(),
                entry.order().orderId(), entry.order().instrument(), entry.order().quantity(), result.status(),
                result.filledQuantity(), result.averagePrice(), result.reason(), open ? entry.exposure() : null, false));
        publish(signal.getSignalId(), events.executed(signal, entry, result, gateway.mode(), now));
        count("ordered_" + result.status().name().toLowerCase(java.util.Locale.ROOT), signal.getStrategy());
        LOG.infof("signal %s: %s %d %s -> %s%s", signal.getSignalId(), entry.order().side(), entry.order().quantity(),
                entry.order().instrument(), result.status(), result.averagePrice() == null ? "" : " at " + result.averagePrice());
    }

    private void close(PositionClosed closed, LocalDate today) {
        Decision decision = decisions.get(closed.getSignalId());
        if (decision == null || decision.exposure() == null || decision.positionClosed()) {
            count("close_ignored", closed.getStrategy());
            return;
        }
        risk.put(ExecutorTopology.PORTFOLIO, portfolio(today).closed(decision.exposure(), closed.getNetPnl(), today));
        decisions.put(closed.getSignalId(), decision.closed());
        count("closed", closed.getStrategy());
    }

    private RiskState portfolio(LocalDate today) {
        RiskState stored = risk.get(ExecutorTopology.PORTFOLIO);
        return stored == null ? RiskState.empty(today) : stored;
    }

    private void publish(String signalId, List<SpecificRecord> out) {
        long timestamp = context.currentSystemTimeMs();
        for (SpecificRecord event : out) {
            context.forward(new Record<>(signalId, (Object) event, timestamp));
        }
    }

    private void count(String outcome, String strategy) {
        metrics.counter("alphastocks.executor.decisions", "outcome", outcome, "strategy", strategy).increment();
    }
}
