package com.alphastocks.position.book;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.PaperGateway;
import com.alphastocks.position.trading.ExitEngine;
import com.alphastocks.position.trading.ExitReason;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.wire.PositionEvents;
import com.alphastocks.streams.Recall;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The position book: positions and ticks of the same instrument meet here (both keyed by instrument), every tick
 * of an instrument with open positions runs the exit rules, and an exit goes through the order gateway. No position
 * exits twice, across redelivery, crash and restart: an input met again is not applied again ({@link Recall}: the
 * exits it led to go out again, same ids), an exit order's id comes from the position and its leg, the gateways are
 * idempotent on it, and a position.opened published twice opens one position.
 *
 * <p>In live trading each open position also has a stop-loss sell resting at the broker ({@link RestingStops}), so that
 * a crashed or partitioned service leaves no position without its stop: rested when the position opens, moved when the
 * trailing stop tightens, cancelled before the position exits any other way — and whatever the broker's stop sold by
 * then is that exit, so no exit ever sells twice what was bought. The book asks the broker how its stop stands on the
 * first tick after a start and every few seconds after ({@link BrokerWatch}): a stop that sold while the service was down
 * closes the position with the broker's fill.
 *
 * <p>Live, the book is also reconciled with the broker's positions ({@link Reconciliation}) soon after a start, after
 * every reconnect of the gateway and every {@link Settings#reconcileEvery}: a break seen twice in a row (not an entry
 * or exit on its way) goes out CRITICAL on reconciliation.breaks. An exit order that went unanswered and filled anyway
 * is picked up (adopted by its tag) before another exit order is placed for the position.
 */
public final class PositionBookProcessor implements Processor<String, Object, String, SpecificRecord> {

    private static final Logger LOG = Logger.getLogger(PositionBookProcessor.class);

    /**
     * Settings of the book: how often marks go out, when silence becomes an alert, how often the book is reconciled with
     * the broker's positions (live trading; also at start and after every reconnect).
     */
    public record Settings(Duration updateEvery, Duration staleAfter, Duration reconcileEvery) {
        public Settings(Duration updateEvery, Duration staleAfter) {
            this(updateEvery, staleAfter, Duration.ofMinutes(1));
        }
    }

    private final ExitEngine engine;
    private final PositionEvents events;
    private final BiFunction<PaperGateway.Ledger, PaperGateway.Quotes, OrderGateway> gateways;
    private final Settings settings;
    private final MeterRegistry metrics;
    private final Map<String, MarketTick> latest = new HashMap<>();
    private final MarketSilence silence;
    private final int partitions;
    /** The broker's side of the book (live): resting stops, unheard fills, reconciliation. */
    private BrokerWatch broker;
    private ProcessorContext<String, SpecificRecord> context;
    private final Serdes serdes;
    private OpenBook book;
    private Recall.Journaled<ClosedPosition> closed;
    private Recall recall;
    private OrderGateway gateway;
    private ExitOrders exits;
    /** Timer: a tick's age when the book takes it (send to the start of its processing, by the wall clock). */
    static final String TICK_AGE = "alphastocks.positions.tick.age";
    private Timer tickAge;

    /** What the input being processed publishes: recorded with its changes (Recall) before it goes out. */
    private final List<KeyValue<String, SpecificRecord>> outcome = new java.util.ArrayList<>();

    /** How the book's stores keep their values: the stores and the book's journal (Recall) use the same ones. */
    public record Serdes(Serde<OpenPosition> positions, Serde<ClosedPosition> closed, Serde<OrderResult> orders) {
    }

    PositionBookProcessor(ExitEngine engine, PositionEvents events, BiFunction<PaperGateway.Ledger, PaperGateway.Quotes, OrderGateway> gateways,
                          Settings settings, MeterRegistry metrics, int partitions, Serdes serdes) {
        this.partitions = partitions;
        this.engine = engine;
        this.events = events;
        this.gateways = gateways;
        this.settings = settings;
        this.metrics = metrics;
        this.serdes = serdes;
        this.silence = new MarketSilence(settings.staleAfter());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.recall = new Recall(context.getStateStore(PositionTopology.RECALL_STORE));
        this.book = new OpenBook(recall.journaled(context.getStateStore(PositionTopology.BOOK_STORE), serdes.positions()));
        this.closed = recall.journaled(context.getStateStore(PositionTopology.CLOSED_STORE), serdes.closed());
        Recall.Journaled<OrderResult> ledger = recall.journaled(context.getStateStore(PositionTopology.PAPER_LEDGER_STORE), serdes.orders());
        this.gateway = gateways.apply(PaperGateway.Ledger.of(ledger::get, ledger::put), instrument -> Optional.ofNullable(latest.get(instrument))
                .map(t -> new PaperGateway.Quote(t.getBid(), t.getAsk(), t.getLastPrice())));
        this.broker = new BrokerWatch(gateway, new BrokerWatch.Book() {
            @Override
            public OpenPosition record(OpenPosition ordered, OrderRequest order, OrderResult result, ExitReason reason, Instant now) {
                return exits.record(ordered, order, result, reason, now);
            }

            @Override
            public void alert(OpenPosition position, String alert, Instant now) {
                publish(position.signalId(), List.of(events.updated(position, alert, now)));
            }

            @Override
            public void count(String outcome, String strategy) {
                PositionBookProcessor.this.count(outcome, strategy);
            }
        }, settings.reconcileEvery());
        this.exits = new ExitOrders(gateway, events, broker, closed, silence, this::publish, this::count);
        this.tickAge = metrics.timer(TICK_AGE);
        book.reload();
        context.schedule(Duration.ofSeconds(10), PunctuationType.WALL_CLOCK_TIME, this::alertOnSilence);
        if (broker.reconciles()) {
            context.schedule(Duration.ofSeconds(5), PunctuationType.WALL_CLOCK_TIME, this::reconcile);
        }
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof MarketTick tick) {
            // The paper broker's quote, whatever becomes of the tick.
            latest.put(tick.getInstrument(), tick);
            // How long the tick waited (from its send, the record's time) before the book took it: the first part of a
            // stop-loss exit's latency, and most of its tail (TickToExitBench: p99 11 ms of 19).
            tickAge.record(Math.max(0, context.currentSystemTimeMs() - record.timestamp()), TimeUnit.MILLISECONDS);
        }
        Recall.Input input = recall.begin(context);
        if (input.step() == Recall.Step.APPLIED) {
            return;
        }
        if (input.step() == Recall.Step.RECALLED) {
            // Its changes to the book were just applied again: watch what the book holds now.
            book.reload();
            forward(input.recorded());
            count("recalled", "-");
            return;
        }
        outcome.clear();
        if (record.value() instanceof MarketTick tick) {
            onTick(tick);
        } else if (record.value() instanceof PositionOpened opened) {
            open(opened);
        } else if (record.value() instanceof CloseRequest request) {
            closeByHand(record.key(), request);
        }
        forward(recall.commit(input, List.copyOf(outcome)));
    }

    private void onTick(MarketTick tick) {
        Map<String, OpenPosition> holdings = book.in(tick.getInstrument());
        if (holdings == null) {
            return;
        }
        Instant now = wallClock();
        for (OpenPosition position : List.copyOf(holdings.values())) {
            if (position.before(tick.getExchangeTime())) {
                continue;
            }
            silence.heard(position.positionId(), context.currentSystemTimeMs());
            OpenPosition current = broker.check(position, context.currentSystemTimeMs(), now);
            if (current.closed()) {
                book.keep(current, true);
                continue;
            }
            ExitEngine.Verdict verdict = engine.onTick(current, tick.getLastPrice(), tick.getExchangeTime());
            OpenPosition marked = verdict.position();
            if (!verdict.exits().isEmpty()) {
                // The broker's stop goes first: what it sold is out of the position (an exit already made), and the
                // tick's exits sell only what is left. Unknown (the broker did not answer): no exit on this tick.
                Optional<OpenPosition> unstopped = broker.cancel(marked, now);
                if (unstopped.isEmpty()) {
                    book.keep(marked, position.durablyDiffers(marked));
                    continue;
                }
                book.keep(broker.rest(exits.sellEachLevel(unstopped.get(), verdict.exits(), now), now), true);
                continue;
            }
            if (verdict.stopMoved()) {
                marked = broker.move(marked, now);
                if (marked.closed()) {
                    book.keep(marked, true);
                    continue;
                }
            }
            if (verdict.stopMoved() || marked.lastUpdateAt() == null
                    || !Duration.between(marked.lastUpdateAt(), tick.getExchangeTime()).minus(settings.updateEvery()).isNegative()) {
                marked = marked.updatedAt(tick.getExchangeTime());
                publish(marked.signalId(), List.of(events.updated(marked, null, now)));
            }
            book.keep(marked, position.durablyDiffers(marked));
        }
    }

    private void open(PositionOpened opened) {
        String instrument = opened.getInstrument();
        if (closed.get(opened.getPositionId()) != null || book.find(instrument, opened.getPositionId()).isPresent()) {
            count("duplicate_open", opened.getStrategy());
            return;
        }
        OpenPosition position = broker.rest(PositionEvents.position(opened), wallClock());
        book.keep(position, true);
        silence.heard(position.positionId(), context.currentSystemTimeMs());
        count("opened", opened.getStrategy());
        LOG.infof("watching position %s: %d %s from %s, stop %s, target %s", position.positionId(), position.quantity(),
                instrument, position.entryPremium().toPlainString(), position.stop().toPlainString(), position.target().toPlainString());
    }

    private void closeByHand(String instrument, CloseRequest request) {
        Optional<OpenPosition> position = book.find(instrument, request.positionId());
        if (position.isEmpty()) {
            LOG.warnf("close of %s by %s ignored: no such open position in %s", request.positionId(), request.by(), instrument);
            count("close_ignored", "unknown");
            return;
        }
        Instant now = wallClock();
        Optional<OpenPosition> unstopped = broker.cancel(position.get(), now);
        if (unstopped.isEmpty()) {
            LOG.warnf("close of %s by %s not made: its resting stop could not be cancelled (asked again on the next tick)",
                    request.positionId(), request.by());
            return;
        }
        OpenPosition left = unstopped.get();
        ExitEngine.Exit exit = engine.manual(left);
        book.keep(left.closed() ? left : exits.exit(left, exit.quantityOf(left), exit.reason(), now), true);
    }

    /** Live: reconciles this task's part of the book with the broker's positions, and tells each break found. */
    private void reconcile(long wallMillis) {
        Instant now = Instant.ofEpochMilli(wallMillis);
        forward(broker.reconcile(wallMillis, book.byInstrument(), this::answersFor).stream()
                .map(found -> KeyValue.pair(found.instrument(), (SpecificRecord) events.reconciliationBreak(found, now))).toList());
    }

    /** Whether this task watches an instrument: the partition its ticks and positions go to is the task's. */
    private boolean answersFor(String instrument) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                instrument.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions == context.taskId().partition();
    }

    /** Positions that heard nothing from the market for a while raise a HIGH-priority alert, once per silence. */
    private void alertOnSilence(long wallMillis) {
        Instant now = Instant.ofEpochMilli(wallMillis);
        for (MarketSilence.Alert quiet : silence.silent(book.byInstrument(), wallMillis)) {
            forward(List.of(KeyValue.pair(quiet.position().signalId(), events.updated(quiet.position(), quiet.alert(), now))));
            LOG.warnf("position %s: %s", quiet.position().positionId(), quiet.alert());
        }
    }

    /** Adds events to what the input being processed publishes. */
    private void publish(String signalId, List<? extends SpecificRecord> out) {
        out.forEach(event -> outcome.add(KeyValue.pair(signalId, event)));
    }

    private void forward(List<KeyValue<String, SpecificRecord>> out) {
        long timestamp = context.currentSystemTimeMs();
        for (KeyValue<String, SpecificRecord> event : out) {
            context.forward(new Record<>(event.key, event.value, timestamp));
        }
    }

    private Instant wallClock() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private void count(String outcome, String strategy) {
        metrics.counter("alphastocks.positions", "outcome", outcome, "strategy", strategy).increment();
    }
}
