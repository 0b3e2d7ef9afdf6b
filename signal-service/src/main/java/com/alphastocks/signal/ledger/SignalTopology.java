package com.alphastocks.signal.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.signal.SignalRules;
import com.alphastocks.signal.trading.SignalStatus;
import com.alphastocks.signal.trading.SignalView;
import com.alphastocks.signal.wire.SignalEvents;
import com.alphastocks.streams.SignalIds;
import com.alphastocks.streams.Topic;

/**
 * strategy.signals and the signal lifecycle topics (keyed by signal id) meet in one processor that keeps every signal
 * in the {@value #STORE} store and publishes what the {@link SignalLedger} decides. Co-partitioning by signal id keeps
 * everything about a signal on one task, so deduplication and the state machine see every event of that signal in
 * order. A strategy signal keyed by its signal id (the SDK's and the REST intake's) goes straight in; one keyed
 * otherwise (e.g. by strategy, as other producers may) is re-keyed through the {@code signal-intake} repartition first.
 */
public final class SignalTopology {

    public static final String STORE = "signals";
    static final List<Topic<?>> LIFECYCLE = List.of(Topic.SIGNAL_ACTIVATED, Topic.SIGNAL_UPDATED, Topic.SIGNAL_COMPLETED,
            Topic.SIGNAL_STOPPED, Topic.SIGNAL_REJECTED);
    private static final Logger LOG = Logger.getLogger(SignalTopology.class);

    private SignalTopology() {
    }

    public static Topology build(SignalLedger ledger, SignalRules rules, SignalMetrics metrics,
                                 Serde<SpecificRecord> events, Serde<SignalView> views) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), views));
        Consumed<String, SpecificRecord> consumed = Consumed.with(Serdes.String(), events);

        Map<String, KStream<String, SpecificRecord>> byKey = builder.stream(Topic.STRATEGY_SIGNALS.topicName(), consumed.withName("strategy-signals"))
                .split(Named.as("intake-"))
                .branch((key, signal) -> SignalIds.of((StrategySignal) signal).equals(key), Branched.as("keyed-by-signal-id"))
                .defaultBranch(Branched.as("keyed-otherwise"));
        KStream<String, SpecificRecord> rekeyed = byKey.get("intake-keyed-otherwise")
                .selectKey((key, signal) -> SignalIds.of((StrategySignal) signal), Named.as("key-by-signal-id"))
                .repartition(Repartitioned.<String, SpecificRecord>as("signal-intake").withKeySerde(Serdes.String()).withValueSerde(events));
        KStream<String, SpecificRecord> intake = byKey.get("intake-keyed-by-signal-id").merge(rekeyed, Named.as("signal-intake-merged"));
        KStream<String, SpecificRecord> lifecycle = builder.stream(LIFECYCLE.stream().map(Topic::topicName).toList(),
                Consumed.with(Serdes.String(), events).withName("signal-lifecycle"));

        intake.merge(lifecycle, Named.as("signal-events"))
                .process(() -> new LedgerProcessor(ledger, rules, metrics), Named.as("signal-ledger"), STORE)
                .to(Topic.byEventType(),
                        Produced.with(Serdes.String(), events).withName("signal-decisions"));
        return builder.build();
    }

    /** The thin layer between Kafka Streams and the ledger: load, decide, store, publish, count. */
    static final class LedgerProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

        private final SignalLedger ledger;
        private final SignalRules rules;
        private final SignalMetrics metrics;
        /**
         * The signals still awaiting the executor (GENERATED), with when they were generated: what the expiry check
         * looks at, instead of every signal the store has ever kept. Rebuilt from the store at start, kept by apply.
         */
        private final java.util.Map<String, Instant> awaiting = new java.util.HashMap<>();
        private ProcessorContext<String, SpecificRecord> context;
        private KeyValueStore<String, SignalView> store;

        LedgerProcessor(SignalLedger ledger, SignalRules rules, SignalMetrics metrics) {
            this.ledger = ledger;
            this.rules = rules;
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<String, SpecificRecord> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
            try (KeyValueIterator<String, SignalView> all = store.all()) {
                all.forEachRemaining(entry -> track(entry.key, entry.value));
            }
            context.schedule(rules.expiryCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
                    time -> expire(Instant.ofEpochMilli(time)));
        }

        @Override
        public void process(Record<String, SpecificRecord> record) {
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            SpecificRecord event = record.value();
            String signalId = event instanceof StrategySignal signal ? SignalIds.of(signal) : SignalEvents.signalId(event);
            SignalView stored = store.get(signalId);
            SignalLedger.Outcome outcome = event instanceof StrategySignal signal
                    ? ledger.receive(signal, stored, now)
                    : ledger.follow(event, stored);
            apply(signalId, outcome, record.timestamp());
            String strategy = stored != null ? stored.strategy()
                    : event instanceof StrategySignal signal ? signal.getStrategy() : null;
            metrics.count(outcome.verdict(), strategy);
            if (outcome.verdict() == SignalLedger.Verdict.ILLEGAL_TRANSITION || outcome.verdict() == SignalLedger.Verdict.UNKNOWN_SIGNAL) {
                LOG.warnf("%s: %s for signal %s (status %s) not applied", outcome.verdict(), event.getSchema().getName(),
                        signalId, stored == null ? "unknown" : stored.status());
            }
        }

        private void expire(Instant now) {
            List<String> due = awaiting.entrySet().stream()
                    .filter(e -> !e.getValue().plus(rules.expireAfter()).isAfter(now)).map(java.util.Map.Entry::getKey).toList();
            for (String signalId : due) {
                SignalView view = store.get(signalId);
                if (view == null) {
                    awaiting.remove(signalId);
                    continue;
                }
                ledger.expireIfDue(view, now).ifPresent(outcome -> {
                    apply(signalId, outcome, now.toEpochMilli());
                    metrics.count(outcome.verdict(), view.strategy());
                });
            }
        }

        private void track(String signalId, SignalView view) {
            if (view.status() == SignalStatus.GENERATED) {
                awaiting.put(signalId, view.generatedAt());
            } else {
                awaiting.remove(signalId);
            }
        }

        private void apply(String signalId, SignalLedger.Outcome outcome, long timestamp) {
            if (outcome.view() != null) {
                store.put(signalId, outcome.view());
                track(signalId, outcome.view());
            }
            for (SpecificRecord event : outcome.publish()) {
                context.forward(new Record<>(signalId, event, timestamp));
            }
        }
    }
}
