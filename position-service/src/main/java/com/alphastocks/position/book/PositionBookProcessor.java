package com.alphastocks.position.book;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.common.serialization.Serde;
import org.jboss.logging.Logger;

import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OrderSide;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderIds;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.PaperGateway;
import com.alphastocks.orders.RestingStops;
import com.alphastocks.position.trading.ExitEngine;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.trading.PositionEvents;
import com.alphastocks.position.trading.Reconciliation;
import com.alphastocks.streams.Recall;

import io.micrometer.core.instrument.MeterRegistry;

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
 * first tick after a start and every {@value #STOP_CHECK_SECONDS} s after: a stop that sold while the service was down
 * closes the position with the broker's fill.
 *
 * <p>Live, the book is also reconciled with the broker's positions ({@link Reconciliation}) soon after a start, after
 * every reconnect of the gateway and every {@link Settings#reconcileEvery}: a break seen twice in a row (not an entry
 * or exit on its way) goes out CRITICAL on reconciliation.breaks. An exit order that went unanswered and filled anyway
 * is picked up (adopted by its tag) before another exit order is placed for the position.
 */
public final class PositionBookProcessor implements Processor<String, Object, String, Object> {

    private static final Logger LOG = Logger.getLogger(PositionBookProcessor.class);
    static final long STOP_CHECK_SECONDS = 5;

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
    /**
     * The book as this task knows it, by instrument then position, marks included; the store holds what must survive a
     * restart, one entry per position (a change to one position writes that position, whatever else is open on its
     * instrument).
     */
    private final Map<String, Map<String, OpenPosition>> open = new HashMap<>();
    private final Map<String, Long> lastTickWall = new HashMap<>();
    private final Set<String> alerted = new HashSet<>();
    /** When each position's resting stop was last asked of the broker (wall clock, ms): not kept, so asked after a start. */
    private final Map<String, Long> stopCheckedAt = new HashMap<>();
    private final int partitions;
    /** When the book was last reconciled (wall ms; -1: not since the start), the gateway's reconnections then. */
    private long reconciledAt = -1;
    private long reconnectionsSeen;
    /** Breaks seen at the last reconciliation, and those reported (again only once they have gone and come back). */
    private Set<String> suspected = Set.of();
    private final Set<String> reported = new HashSet<>();
    private ProcessorContext<String, Object> context;
    private final Serdes serdes;
    private Recall.Journaled<OpenPosition> book;
    private Recall.Journaled<ClosedPosition> closed;
    private Recall recall;
    private OrderGateway gateway;
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
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.recall = new Recall(context.getStateStore(PositionTopology.RECALL_STORE));
        this.book = recall.journaled(context.getStateStore(PositionTopology.BOOK_STORE), serdes.positions());
        this.closed = recall.journaled(context.getStateStore(PositionTopology.CLOSED_STORE), serdes.closed());
        Recall.Journaled<OrderResult> ledger = recall.journaled(context.getStateStore(PositionTopology.PAPER_LEDGER_STORE), serdes.orders());
        this.gateway = gateways.apply(PaperGateway.Ledger.of(ledger::get, ledger::put), instrument -> Optional.ofNullable(latest.get(instrument))
                .map(t -> new PaperGateway.Quote(t.getBid(), t.getAsk(), t.getLastPrice())));
        watchTheBook();
        context.schedule(Duration.ofSeconds(10), PunctuationType.WALL_CLOCK_TIME, this::alertOnSilence);
        if (gateway.account().isPresent()) {
            context.schedule(Duration.ofSeconds(5), PunctuationType.WALL_CLOCK_TIME, this::reconcile);
        }
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof MarketTick tick) {
            // The paper broker's quote, whatever becomes of the tick.
            latest.put(tick.getInstrument(), tick);
        }
        Recall.Input input = recall.begin(context);
        if (input.step() == Recall.Step.APPLIED) {
            return;
        }
        if (input.step() == Recall.Step.RECALLED) {
            // Its changes to the book were just applied again: watch what the book holds now.
            watchTheBook();
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

    /** The open positions as the book holds them (at start, after a restart: from its changelog), all watched. */
    private void watchTheBook() {
        open.clear();
        try (KeyValueIterator<String, OpenPosition> all = book.all()) {
            all.forEachRemaining(entry -> holdings(entry.value.instrument()).put(entry.key, entry.value));
        }
    }

    private void onTick(MarketTick tick) {
        Map<String, OpenPosition> holdings = open.get(tick.getInstrument());
        if (holdings == null) {
            return;
        }
        Instant now = wallClock();
        for (OpenPosition position : List.copyOf(holdings.values())) {
            if (position.before(tick.getExchangeTime())) {
                continue;
            }
            lastTickWall.put(position.positionId(), context.currentSystemTimeMs());
            alerted.remove(position.positionId());
            OpenPosition current = checkRestingStop(position, now);
            if (current.closed()) {
                keep(current, true);
                continue;
            }
            ExitEngine.Verdict verdict = engine.onTick(current, tick.getLastPrice(), tick.getExchangeTime());
            OpenPosition marked = verdict.position();
            if (!verdict.exits().isEmpty()) {
                // The broker's stop goes first: what it sold is out of the position (an exit already made), and the
                // tick's exits sell only what is left. Unknown (the broker did not answer): no exit on this tick.
                Optional<OpenPosition> unstopped = cancelRestingStop(marked, now);
                if (unstopped.isEmpty()) {
                    keep(marked, position.durablyDiffers(marked));
                    continue;
                }
                // Every level the tick crossed, one order each, in turn: each sells at most what the fills before it
                // left, and an order not filled in full (refused, resting, partly filled) ends the tick's exits: what it
                // leaves open is not sold again on the same tick.
                OpenPosition after = unstopped.get();
                for (ExitEngine.Exit exit : verdict.exits()) {
                    int quantity = exit.quantityOf(after);
                    if (quantity <= 0) {
                        break;
                    }
                    int open = after.openQuantity();
                    after = exit(after, quantity, exit.reason(), now);
                    if (open - after.openQuantity() < quantity) {
                        break;
                    }
                }
                keep(restStop(after, now), true);
                continue;
            }
            if (verdict.stopMoved()) {
                marked = moveRestingStop(marked, now);
                if (marked.closed()) {
                    keep(marked, true);
                    continue;
                }
            }
            if (verdict.stopMoved() || marked.lastUpdateAt() == null
                    || !Duration.between(marked.lastUpdateAt(), tick.getExchangeTime()).minus(settings.updateEvery()).isNegative()) {
                marked = marked.updatedAt(tick.getExchangeTime());
                publish(marked.signalId(), List.of(events.updated(marked, null, now)));
            }
            keep(marked, position.durablyDiffers(marked));
        }
    }

    private Map<String, OpenPosition> holdings(String instrument) {
        return open.computeIfAbsent(instrument, i -> new java.util.LinkedHashMap<>());
    }

    private Optional<OpenPosition> find(String instrument, String positionId) {
        return Optional.ofNullable(open.get(instrument)).map(h -> h.get(positionId));
    }

    private void open(PositionOpened opened) {
        String instrument = opened.getInstrument();
        if (closed.get(opened.getPositionId()) != null || find(instrument, opened.getPositionId()).isPresent()) {
            count("duplicate_open", opened.getStrategy());
            return;
        }
        OpenPosition position = restStop(OpenPosition.of(opened), wallClock());
        keep(position, true);
        lastTickWall.put(position.positionId(), context.currentSystemTimeMs());
        count("opened", opened.getStrategy());
        LOG.infof("watching position %s: %d %s from %s, stop %s, target %s", position.positionId(), position.quantity(),
                instrument, position.entryPremium().toPlainString(), position.stop().toPlainString(), position.target().toPlainString());
    }

    private void closeByHand(String instrument, CloseRequest request) {
        Optional<OpenPosition> position = find(instrument, request.positionId());
        if (position.isEmpty()) {
            LOG.warnf("close of %s by %s ignored: no such open position in %s", request.positionId(), request.by(), instrument);
            count("close_ignored", "unknown");
            return;
        }
        Instant now = wallClock();
        Optional<OpenPosition> unstopped = cancelRestingStop(position.get(), now);
        if (unstopped.isEmpty()) {
            LOG.warnf("close of %s by %s not made: its resting stop could not be cancelled (asked again on the next tick)",
                    request.positionId(), request.by());
            return;
        }
        OpenPosition left = unstopped.get();
        ExitEngine.Exit exit = engine.manual(left);
        keep(left.closed() ? left : exit(left, exit.quantityOf(left), exit.reason(), now), true);
    }

    /** Rests a stop at the broker for what is open of the position, at its stop (live trading; otherwise as it is). */
    private OpenPosition restStop(OpenPosition position, Instant now) {
        Optional<RestingStops> stops = gateway.restingStops();
        if (stops.isEmpty() || position.closed()) {
            return position;
        }
        // A new number after every exit order or fill: a stop cancelled for an exit that then failed is not adopted again.
        int number = position.exitOrders() + position.exitCount();
        String orderId = OrderIds.restingStop(position.positionId(), number);
        OrderResult rested = stops.get().rest(orderId, position.instrument(), position.openQuantity(), position.stop());
        if (rested.status() == OrderResult.Status.OPEN && !rested.filledAny()) {
            count("stop_rested", position.strategy());
            LOG.infof("position %s: stop %s rests at the broker, %d below %s", position.positionId(), orderId, position.openQuantity(),
                    position.stop().toPlainString());
            return position.withRestingStop(new OpenPosition.RestingStop(orderId, number, position.stop(), position.openQuantity()));
        }
        if (rested.filledAny() && rested.status() != OrderResult.Status.OPEN) {
            // Rested before a crash, and sold since: that is the exit.
            return soldByTheBrokersStop(position.withRestingStop(new OpenPosition.RestingStop(orderId, number, position.stop(),
                    position.openQuantity())), rested, now);
        }
        String alert = "no stop rests at the broker: " + rested.reason();
        LOG.errorf("position %s: %s", position.positionId(), alert);
        count("stop_not_rested", position.strategy());
        publish(position.signalId(), List.of(events.updated(position, alert, now)));
        return position.withRestingStop(null);
    }

    /**
     * The broker's word on the position's resting stop, on the first tick after a start and every few seconds: a stop
     * that sold (the market fell through it while this service was down or behind) is the position's exit.
     */
    private OpenPosition checkRestingStop(OpenPosition position, Instant now) {
        OpenPosition.RestingStop stop = position.restingStop();
        Optional<RestingStops> stops = gateway.restingStops();
        long wall = context.currentSystemTimeMs();
        Long checked = stopCheckedAt.get(position.positionId());
        if (stop == null || stops.isEmpty() || checked != null && wall - checked < STOP_CHECK_SECONDS * 1000) {
            return position;
        }
        stopCheckedAt.put(position.positionId(), wall);
        try {
            OrderResult standing = stops.get().state(stop.orderId());
            return standing.status() != OrderResult.Status.OPEN && standing.filledAny() ? soldByTheBrokersStop(position, standing, now) : position;
        } catch (RuntimeException e) {
            LOG.warnf("position %s: its resting stop could not be asked of the broker: %s", position.positionId(), e.getMessage());
            return position;
        }
    }

    /**
     * Cancels the position's resting stop before it exits another way; what the stop sold by then is recorded as the
     * position's exit. Empty when the broker could not say (the stop may have sold: nothing else may sell now).
     */
    private Optional<OpenPosition> cancelRestingStop(OpenPosition position, Instant now) {
        OpenPosition.RestingStop stop = position.restingStop();
        Optional<RestingStops> stops = gateway.restingStops();
        if (stop == null || stops.isEmpty()) {
            return Optional.of(position);
        }
        try {
            OrderResult ended = stops.get().cancel(stop.orderId());
            return Optional.of(ended.filledAny() ? soldByTheBrokersStop(position, ended, now) : position.withRestingStop(null));
        } catch (RuntimeException e) {
            String alert = "its resting stop could not be cancelled, so nothing else sells it now: " + e.getMessage();
            LOG.errorf("position %s: %s", position.positionId(), alert);
            publish(position.signalId(), List.of(events.updated(position, alert, now)));
            return Optional.empty();
        }
    }

    /** Moves the resting stop to the position's tightened stop; a stop that sold before the move is the exit. */
    private OpenPosition moveRestingStop(OpenPosition position, Instant now) {
        OpenPosition.RestingStop stop = position.restingStop();
        Optional<RestingStops> stops = gateway.restingStops();
        if (stop == null || stops.isEmpty() || stop.trigger().compareTo(position.stop()) == 0) {
            return position;
        }
        try {
            OrderResult moved = stops.get().move(stop.orderId(), position.stop());
            if (moved.status() == OrderResult.Status.OPEN) {
                return position.withRestingStop(stop.movedTo(position.stop()));
            }
            return moved.filledAny() ? soldByTheBrokersStop(position, moved, now) : restStop(position.withRestingStop(null), now);
        } catch (RuntimeException e) {
            // The broker keeps the old trigger: a looser stop than ours, still a stop; moved again with the next move.
            LOG.warnf("position %s: its resting stop stays at %s, the broker did not take the move to %s: %s", position.positionId(),
                    stop.trigger().toPlainString(), position.stop().toPlainString(), e.getMessage());
            return position;
        }
    }

    /** What the broker's resting stop sold is the position's exit (STOP_LOSS), at the broker's price. */
    private OpenPosition soldByTheBrokersStop(OpenPosition position, OrderResult sold, Instant now) {
        OpenPosition.RestingStop stop = position.restingStop();
        OrderRequest order = new OrderRequest(stop.orderId(), position.instrument(), OrderSide.SELL, stop.quantity(), null);
        count("exit_resting_stop", position.strategy());
        LOG.infof("position %s: its resting stop sold %d at %s at the broker", position.positionId(), sold.filledQuantity(),
                sold.averagePrice().toPlainString());
        return record(position.withRestingStop(null), order, sold, ExitReason.STOP_LOSS, now);
    }

    /** Places one exit order and records whatever became of it; returns the position after it. */
    private OpenPosition exit(OpenPosition unadopted, int wanted, ExitReason reason, Instant now) {
        OpenPosition position = adoptMissedExits(unadopted, reason, now);
        int quantity = Math.min(wanted, position.openQuantity());
        if (quantity <= 0) {
            return position;
        }
        OpenPosition ordered = position.exitOrdered();
        OrderRequest order = new OrderRequest(OrderIds.exit(position.positionId(), ordered.exitOrders()), position.instrument(),
                OrderSide.SELL, quantity, null);
        return record(ordered, order, gateway.place(order), reason, now);
    }

    /** Records what became of an exit order, and tells it; returns the position after it. */
    private OpenPosition record(OpenPosition ordered, OrderRequest order, OrderResult result, ExitReason reason, Instant now) {
        OpenPosition position = ordered;
        OpenPosition after = result.filledAny()
                ? ordered.exited(new OpenPosition.Fill(order.orderId(), result.filledQuantity(), result.averagePrice(), reason,
                        ordered.lastTickAt() == null ? now : ordered.lastTickAt()))
                : ordered;
        List<SpecificRecord> told = events.exit(position, after, reason, order, result, gateway.mode(), now);
        publish(position.signalId(), told);
        count("exit_" + reason.name().toLowerCase(java.util.Locale.ROOT), position.strategy());
        LOG.infof("position %s: %s exit of %d %s -> %s%s", position.positionId(), reason, order.quantity(), position.instrument(),
                result.status(), result.averagePrice() == null ? "" : " at " + result.averagePrice().toPlainString());
        if (after.closed()) {
            told.stream().filter(PositionClosed.class::isInstance).map(PositionClosed.class::cast).findFirst().ifPresent(c ->
                    closed.put(after.positionId(), new ClosedPosition(after, c.getExitPremium(), c.getGrossPnl(), c.getCharges(),
                            c.getNetPnl(), c.getExitReason(), now)));
            lastTickWall.remove(after.positionId());
            stopCheckedAt.remove(after.positionId());
        }
        return after;
    }

    /**
     * Live: an earlier exit order of the position that the broker filled though the desk never heard (its placement went
     * unanswered) is the exit it was; found by its tag before another exit order goes out, so nothing is sold twice.
     */
    private OpenPosition adoptMissedExits(OpenPosition position, ExitReason reason, Instant now) {
        if (gateway.account().isEmpty() || position.exitOrders() == 0) {
            return position;
        }
        Set<String> recorded = new HashSet<>();
        position.exits().forEach(fill -> recorded.add(fill.orderId()));
        OpenPosition after = position;
        for (int number = 1; number <= position.exitOrders() && !after.closed(); number++) {
            String orderId = OrderIds.exit(position.positionId(), number);
            if (recorded.contains(orderId)) {
                continue;
            }
            try {
                Optional<OrderResult> there = gateway.find(orderId);
                if (there.isPresent() && there.get().filledAny() && there.get().status() != OrderResult.Status.OPEN) {
                    LOG.warnf("position %s: exit order %s filled at the broker unheard (%d at %s): adopted", position.positionId(), orderId,
                            there.get().filledQuantity(), there.get().averagePrice().toPlainString());
                    count("exit_adopted", position.strategy());
                    after = record(after, new OrderRequest(orderId, position.instrument(), OrderSide.SELL, there.get().quantity(), null),
                            there.get(), reason, now);
                }
            } catch (RuntimeException e) {
                LOG.warnf("position %s: exit order %s could not be looked up: %s", position.positionId(), orderId, e.getMessage());
            }
        }
        return after;
    }

    /**
     * Live: the broker's positions against the book's (this task's part of it), soon after the start, after every
     * reconnect and every {@link Settings#reconcileEvery}; a break is reported once it is seen twice in a row.
     */
    private void reconcile(long wallMillis) {
        var account = gateway.account().orElseThrow();
        long reconnections = account.reconnections();
        boolean due = reconciledAt < 0 || reconnections != reconnectionsSeen || !suspected.isEmpty()
                || wallMillis - reconciledAt >= settings.reconcileEvery().toMillis();
        if (!due) {
            return;
        }
        Map<String, Integer> broker;
        try {
            broker = account.netPositions();
        } catch (RuntimeException e) {
            LOG.warnf("reconciliation: the broker's positions could not be read (again in 5 s): %s", e.getMessage());
            return;
        }
        reconciledAt = wallMillis;
        reconnectionsSeen = reconnections;
        Map<String, Reconciliation.Holding> book = new java.util.TreeMap<>();
        open.forEach((instrument, holdings) -> {
            int quantity = holdings.values().stream().mapToInt(OpenPosition::openQuantity).sum();
            book.put(instrument, new Reconciliation.Holding(quantity, holdings.keySet().stream().sorted().toList()));
        });
        Instant now = Instant.ofEpochMilli(wallMillis);
        Set<String> seen = new HashSet<>();
        for (Reconciliation.Break found : Reconciliation.breaks(book, broker, this::answersFor)) {
            String key = found.instrument() + "|" + found.book() + "|" + found.broker();
            seen.add(key);
            if (suspected.contains(key) && reported.add(key)) {
                LOG.errorf("reconciliation break: %s", found.detail());
                count("reconciliation_break", "-");
                forward(List.of(KeyValue.pair(found.instrument(), events.reconciliationBreak(found, now))));
            }
        }
        reported.retainAll(seen);
        suspected = seen;
    }

    /** Whether this task watches an instrument: the partition its ticks and positions go to is the task's. */
    private boolean answersFor(String instrument) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                instrument.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions == context.taskId().partition();
    }

    /** Positions that heard nothing from the market for a while raise a HIGH-priority alert, once per silence. */
    private void alertOnSilence(long wallMillis) {
        Instant now = Instant.ofEpochMilli(wallMillis);
        for (var holdings : open.entrySet()) {
            String instrument = holdings.getKey();
            for (OpenPosition position : List.copyOf(holdings.getValue().values())) {
                Long last = lastTickWall.get(position.positionId());
                if (last != null && wallMillis - last >= settings.staleAfter().toMillis() && alerted.add(position.positionId())) {
                    String alert = "no ticks for " + instrument + " in " + settings.staleAfter().toSeconds() + " s";
                    forward(List.of(KeyValue.pair(position.signalId(), events.updated(position, alert, now))));
                    LOG.warnf("position %s: %s", position.positionId(), alert);
                }
            }
        }
    }

    /** The position as it is now, in the book; written to the store too when {@code durable} (a restart must know it). */
    private void keep(OpenPosition position, boolean durable) {
        if (position.closed()) {
            book.delete(position.positionId());
            Map<String, OpenPosition> holdings = open.get(position.instrument());
            if (holdings != null) {
                holdings.remove(position.positionId());
                if (holdings.isEmpty()) {
                    open.remove(position.instrument());
                }
            }
            return;
        }
        if (durable) {
            book.put(position.positionId(), position);
        }
        holdings(position.instrument()).put(position.positionId(), position);
    }

    /** Adds events to what the input being processed publishes. */
    private void publish(String signalId, List<? extends SpecificRecord> out) {
        out.forEach(event -> outcome.add(KeyValue.pair(signalId, event)));
    }

    private void forward(List<KeyValue<String, SpecificRecord>> out) {
        long timestamp = context.currentSystemTimeMs();
        for (KeyValue<String, SpecificRecord> event : out) {
            context.forward(new Record<>(event.key, (Object) event.value, timestamp));
        }
    }

    private Instant wallClock() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private void count(String outcome, String strategy) {
        metrics.counter("alphastocks.positions", "outcome", outcome, "strategy", strategy).increment();
    }
}
