package com.alphastocks.executor.desk;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import com.alphastocks.streams.Recall;
import com.alphastocks.streams.Topic;

/**
 * signal.generated and position.closed, re-keyed onto a one-partition "portfolio" topic, into the
 * {@link OrderDeskProcessor}; what it decides goes out to the topic of each event's type.
 */
public final class ExecutorTopology {

    public static final String PORTFOLIO = "portfolio";
    public static final String RISK_STORE = "risk";
    public static final String DECISIONS_STORE = "decisions";
    public static final String PAPER_LEDGER_STORE = "paper-ledger";
    public static final String RECALL_STORE = "recall";

    private ExecutorTopology() {
    }

    /** @param desk the order desk, given the serdes its stores keep their values with */
    public static Topology build(java.util.function.Function<DeskSerdes, org.apache.kafka.streams.processor.api.Processor<String, SpecificRecord, String, SpecificRecord>> desk,
                                 Serde<SpecificRecord> events, DeskSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        // Not cached: a decision's changes go to their changelogs after its journal record and before its events (Recall).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RISK_STORE), Serdes.String(), serdes.risk())
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DECISIONS_STORE), Serdes.String(), serdes.decisions())
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAPER_LEDGER_STORE), Serdes.String(), serdes.orders())
                .withCachingDisabled());
        builder.addStateStore(Recall.store(RECALL_STORE));
        builder.stream(List.of(Topic.SIGNAL_GENERATED.topicName(), Topic.POSITION_CLOSED.topicName()),
                        Consumed.with(Serdes.String(), events).withName("signals-and-closes"))
                .selectKey((key, event) -> PORTFOLIO, Named.as("onto-the-portfolio"))
                .repartition(Repartitioned.<String, SpecificRecord>as(PORTFOLIO).withKeySerde(Serdes.String()).withValueSerde(events)
                        .withNumberOfPartitions(1))
                .process(() -> desk.apply(serdes), Named.as("order-desk"), RISK_STORE, DECISIONS_STORE, PAPER_LEDGER_STORE, RECALL_STORE)
                .to(Topic.byEventType(),
                        Produced.with(Serdes.String(), events).withName("decisions-out"));
        return builder.build();
    }
}
