package com.alphastocks.executor.desk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
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
import com.alphastocks.streams.Recall;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one place where the portfolio decides, on a single partition so that decisions are made one at a time
 * (the risk limits hold whatever the number of partitions and instances). Signals are planned, ordered and
 * told; closed positions free their place. At least once by default: a signal met again after a crash is never
 * decided again ({@link Recall}: its recorded order and events go out again, same ids), a signal.generated published
 * twice is decided once (by signal id), and the gateways are idempotent on the order id, which comes from the signal id.
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
    private Recall recall;
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
        this.recall = new Recall(context.getStateStore(ExecutorTopology.RECALL_STORE));
        KeyValueStore<String, OrderResult> books = context.getStateStore(ExecutorTopology.PAPER_LEDGER_STORE);
        this.gateway = gateways.apply(PaperGateway.Ledger.of(books::get, books::put));
    }

    @Override
    public void process(Record<String, Object> record) {
        Recall.Input input = recall.of(context);
        if (input.step() == Recall.Step.APPLIED) {
            count("applied_before", "-");
            return;
        }
        if (input.step() == Recall.Step.RECALLED) {
            publish(input.recorded());
            count("recalled", "-");
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        // Trading days follow the market's clock, so that a replayed day trades the expiries of its own date.
        LocalDate today = LocalDate.ofInstant(market.time().orElse(now), exchangeZone);
        Optional<List<SpecificRecord>> outcome = Optional.empty();
        if (record.value() instanceof SignalGenerated signal) {
            outcome = decide(signal, now, today);
        } else if (record.value() instanceof PositionClosed closed) {
            outcome = close(closed, today);
        }
        outcome.ifPresent(events -> {
            String signalId = signalIdOf(record.value());
            List<KeyValue<String, SpecificRecord>> keyed = events.stream().map(e -> KeyValue.pair(signalId, e)).toList();
            recall.record(input, keyed);
            publish(keyed);
        });
    }

    /** The decision about a signal and its events; empty when it was decided before (a second signal.generated). */
    private Optional<List<SpecificRecord>> decide(SignalGenerated signal, Instant now, LocalDate today) {
        if (decisions.get(signal.getSignalId()) != null) {
            count("duplicate", signal.getStrategy());
            return Optional.empty();
        }
        RiskState portfolio = portfolio(today);
        TradePlan plan = planner.plan(signal, market, portfolio, today, killSwitch.get().refusalReason());
        if (plan instanceof TradePlan.Refused refused) {
            decisions.put(signal.getSignalId(), new Decision(signal.getSignalId(), signal.getStrategy(), signal.getSymbol(), now,
                    refused.reasons(), null, null, 0, null, 0, null, null, null, false));
            count("refused_" + refused.stage().name().toLowerCase(java.util.Locale.ROOT), signal.getStrategy());
            LOG.infof("signal %s refused: %s", signal.getSignalId(), refused.reasons());
            return Optional.of(events.refused(signal, refused.stage(), refused.reasons(), now));
        }
        TradePlan.Entry entry = (TradePlan.Entry) plan;
        OrderResult result = gateway.place(entry.order());
        boolean open = result.filledAny() || result.status() == OrderResult.Status.OPEN;
        risk.put(ExecutorTopology.PORTFOLIO, open ? portfolio.reserve(entry.exposure()) : portfolio);
        decisions.put(signal.getSignalId(), new Decision(signal.getSignalId(), signal.getStrategy(), signal.getSymbol(), now, List.of(),
                entry.order().orderId(), entry.order().instrument(), entry.order().quantity(), result.status(),
                result.filledQuantity(), result.averagePrice(), result.reason(), open ? entry.exposure() : null, false));
        count("ordered_" + result.status().name().toLowerCase(java.util.Locale.ROOT), signal.getStrategy());
        LOG.infof("signal %s: %s %d %s -> %s%s", signal.getSignalId(), entry.order().side(), entry.order().quantity(),
                entry.order().instrument(), result.status(), result.averagePrice() == null ? "" : " at " + result.averagePrice());
        return Optional.of(events.executed(signal, entry, result, gateway.mode(), now));
    }

    /** A closed position frees its place (nothing to publish); empty when it was freed before or held nothing. */
    private Optional<List<SpecificRecord>> close(PositionClosed closed, LocalDate today) {
        Decision decision = decisions.get(closed.getSignalId());
        if (decision == null || decision.exposure() == null || decision.positionClosed()) {
            count("close_ignored", closed.getStrategy());
            return Optional.empty();
        }
        risk.put(ExecutorTopology.PORTFOLIO, portfolio(today).closed(decision.exposure(), closed.getNetPnl(), today));
        decisions.put(closed.getSignalId(), decision.closed());
        count("closed", closed.getStrategy());
        return Optional.of(List.of());
    }

    private static String signalIdOf(Object event) {
        return event instanceof SignalGenerated signal ? signal.getSignalId() : ((PositionClosed) event).getSignalId();
    }

    private RiskState portfolio(LocalDate today) {
        RiskState stored = risk.get(ExecutorTopology.PORTFOLIO);
        return stored == null ? RiskState.empty(today) : stored;
    }

    private void publish(List<KeyValue<String, SpecificRecord>> out) {
        long timestamp = context.currentSystemTimeMs();
        for (KeyValue<String, SpecificRecord> event : out) {
            context.forward(new Record<>(event.key, (Object) event.value, timestamp));
        }
    }

    private void count(String outcome, String strategy) {
        metrics.counter("alphastocks.executor.decisions", "outcome", outcome, "strategy", strategy).increment();
    }
}
