package com.alphastocks.executor.desk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.executor.trading.Market;
import com.alphastocks.executor.trading.RiskState;
import com.alphastocks.executor.trading.TradePlan;
import com.alphastocks.executor.trading.TradePlanner;
import com.alphastocks.executor.wire.TradeEvents;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.PaperGateway;
import com.alphastocks.streams.Recall;
import com.alphastocks.streams.control.TradingStatus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The one place where the portfolio decides, on a single partition so that decisions are made one at a time
 * (the risk limits hold whatever the number of partitions and instances). Signals are planned, ordered and
 * told; closed positions free their place. At least once by default: an input met again after a crash is never
 * decided again ({@link Recall}: its recorded changes and events are applied and published again, same ids), a
 * signal.generated published twice is decided once (by signal id), and the gateways are idempotent on the order id,
 * which comes from the signal id.
 */
public final class OrderDeskProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger LOG = Logger.getLogger(OrderDeskProcessor.class);

    private final TradePlanner planner;
    private final TradeEvents events;
    private final Market market;
    private final MarketCatchUp catchUpMarket;

    /** Brings the market up to the ticks the broker had after the input record at (topic, partition, offset) was on it. */
    @FunctionalInterface
    public interface MarketCatchUp {
        void after(String topic, int partition, long offset);

        /** No catch-up: a market that is always up to date (tests feeding it directly). */
        MarketCatchUp NONE = (topic, partition, offset) -> { };
    }
    private final Supplier<TradingStatus> tradingState;
    private final Function<PaperGateway.Ledger, OrderGateway> gateways;
    private final ZoneId exchangeZone;
    private final MeterRegistry metrics;
    private final DeskSerdes serdes;
    private ProcessorContext<String, SpecificRecord> context;
    private Recall.Journaled<RiskState> risk;
    private Recall.Journaled<Decision> decisions;
    private Recall recall;
    private OrderGateway gateway;
    private Timer catchUpTimer;

    /** @param catchUpMarket brings {@code market} up to the ticks the broker had once the signal was on it, before it is decided */
    public OrderDeskProcessor(TradePlanner planner, TradeEvents events, Market market, MarketCatchUp catchUpMarket, Supplier<TradingStatus> tradingState,
                       Function<PaperGateway.Ledger, OrderGateway> gateways, ZoneId exchangeZone, MeterRegistry metrics, DeskSerdes serdes) {
        this.planner = planner;
        this.events = events;
        this.market = market;
        this.catchUpMarket = catchUpMarket;
        this.tradingState = tradingState;
        this.gateways = gateways;
        this.exchangeZone = exchangeZone;
        this.metrics = metrics;
        this.serdes = serdes;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.recall = new Recall(context.getStateStore(ExecutorTopology.RECALL_STORE));
        this.risk = recall.journaled(context.getStateStore(ExecutorTopology.RISK_STORE), serdes.risk());
        this.decisions = recall.journaled(context.getStateStore(ExecutorTopology.DECISIONS_STORE), serdes.decisions());
        Recall.Journaled<OrderResult> books = recall.journaled(context.getStateStore(ExecutorTopology.PAPER_LEDGER_STORE), serdes.orders());
        this.gateway = gateways.apply(PaperGateway.Ledger.of(books::get, books::put));
        this.catchUpTimer = metrics.timer("alphastocks.executor.market.catch.up");
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Recall.Input input = recall.begin(context);
        if (input.step() == Recall.Step.APPLIED) {
            count("applied_before", "-");
            return;
        }
        if (input.step() == Recall.Step.RECALLED) {
            publish(input.recorded());
            count("recalled", "-");
            return;
        }
        if (record.value() instanceof SignalGenerated) {
            // On the market of this moment: every tick the broker has now (the ones that closed the strategy's candle too).
            context.recordMetadata().ifPresentOrElse(
                    at -> catchUpTimer.record(() -> catchUpMarket.after(at.topic(), at.partition(), at.offset())),
                    () -> LOG.warn("a signal without its record's offset: decided on the market as read so far"));
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        // Trading days follow the market's clock, so that a replayed day trades the expiries of its own date.
        LocalDate today = LocalDate.ofInstant(market.time().orElse(now), exchangeZone);
        List<KeyValue<String, SpecificRecord>> events = List.of();
        if (record.value() instanceof SignalGenerated signal) {
            events = decide(signal, now, today).stream().map(e -> KeyValue.pair(signal.getSignalId(), e)).toList();
        } else if (record.value() instanceof PositionClosed closed) {
            close(closed, today);
        }
        publish(recall.commit(input, events));
    }

    /** The decision about a signal and its events; none when it was decided before (a second signal.generated). */
    private List<SpecificRecord> decide(SignalGenerated signal, Instant now, LocalDate today) {
        if (decisions.get(signal.getSignalId()) != null) {
            count("duplicate", signal.getStrategy());
            return List.of();
        }
        RiskState portfolio = portfolio(today);
        TradePlan plan = planner.plan(TradeEvents.signal(signal), market, portfolio, today, tradingState.get().entryRefusal());
        if (plan instanceof TradePlan.Refused refused) {
            decisions.put(signal.getSignalId(), new Decision(signal.getSignalId(), signal.getStrategy(), signal.getSymbol(), now,
                    refused.reasons(), null, null, 0, null, 0, null, null, null, false));
            count("refused_" + refused.stage().name().toLowerCase(java.util.Locale.ROOT), signal.getStrategy());
            LOG.infof("signal %s refused: %s", signal.getSignalId(), refused.reasons());
            return events.refused(signal, refused.stage(), refused.reasons(), now, market.time().orElse(null));
        }
        TradePlan.Entry entry = (TradePlan.Entry) plan;
        OrderResult result = gateway.place(entry.order());
        boolean open = result.filledAny() || result.status() == OrderResult.Status.OPEN;
        risk.put(ExecutorTopology.PORTFOLIO, open ? portfolio.reserve(entry.exposure(), entry.marketTime(), planner.limits()) : portfolio);
        decisions.put(signal.getSignalId(), new Decision(signal.getSignalId(), signal.getStrategy(), signal.getSymbol(), now, List.of(),
                entry.order().orderId(), entry.order().instrument(), entry.order().quantity(), result.status(),
                result.filledQuantity(), result.averagePrice(), result.reason(), open ? entry.exposure() : null, false));
        count("ordered_" + result.status().name().toLowerCase(java.util.Locale.ROOT), signal.getStrategy());
        LOG.infof("signal %s: %s %d %s -> %s%s", signal.getSignalId(), entry.order().side(), entry.order().quantity(),
                entry.order().instrument(), result.status(), result.averagePrice() == null ? "" : " at " + result.averagePrice());
        return events.executed(signal, entry, result, gateway.mode(), now);
    }

    /** A closed position frees its place (nothing to publish), once. */
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

    private void publish(List<KeyValue<String, SpecificRecord>> out) {
        long timestamp = context.currentSystemTimeMs();
        for (KeyValue<String, SpecificRecord> event : out) {
            context.forward(new Record<>(event.key, event.value, timestamp));
        }
    }

    private void count(String outcome, String strategy) {
        metrics.counter("alphastocks.executor.decisions", "outcome", outcome, "strategy", strategy).increment();
    }
}
