package com.alphastocks.executor.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import com.alphastocks.executor.desk.Decision;
import com.alphastocks.executor.desk.ExecutorTopology;
import com.alphastocks.executor.trading.RiskState;

/**
 * Reads the order desk's stores (Kafka Streams interactive queries). The desk runs on one partition, so the
 * instance that owns it answers; another instance answers 503 (it has no desk).
 */
@ApplicationScoped
public class DeskQueries {

    private final KafkaStreams streams;

    DeskQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    public Optional<RiskState> risk() {
        ReadOnlyKeyValueStore<String, RiskState> store = streams.store(
                StoreQueryParameters.fromNameAndType(ExecutorTopology.RISK_STORE, QueryableStoreTypes.keyValueStore()));
        return Optional.ofNullable(store.get(ExecutorTopology.PORTFOLIO));
    }

    public List<Decision> decisions() {
        ReadOnlyKeyValueStore<String, Decision> store = streams.store(
                StoreQueryParameters.fromNameAndType(ExecutorTopology.DECISIONS_STORE, QueryableStoreTypes.keyValueStore()));
        List<Decision> all = new ArrayList<>();
        try (var iterator = store.all()) {
            iterator.forEachRemaining(entry -> all.add(entry.value));
        }
        all.sort(Comparator.comparing(Decision::decidedAt).reversed());
        return all;
    }
}
