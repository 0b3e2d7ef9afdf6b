package com.alphastocks.signal.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import com.alphastocks.signal.ledger.SignalTopology;
import com.alphastocks.signal.trading.SignalStatus;
import com.alphastocks.signal.trading.SignalView;

/** Reads the signal store of this instance (Kafka Streams interactive queries). */
@ApplicationScoped
public class SignalQueries {

    /** One page of signals, newest first. */
    public record Page(long total, int page, int size, List<SignalView> signals) {
    }

    /** Which signals a list should show; null means any. */
    public record Filter(SignalStatus status, String strategy, String symbol, Instant from, Instant to) implements Predicate<SignalView> {
        @Override
        public boolean test(SignalView v) {
            return (status == null || v.status() == status)
                    && (strategy == null || strategy.equals(v.strategy()))
                    && (symbol == null || symbol.equals(v.symbol()))
                    && (from == null || !v.generatedAt().isBefore(from))
                    && (to == null || v.generatedAt().isBefore(to));
        }
    }

    private final KafkaStreams streams;

    SignalQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    public Optional<SignalView> find(String signalId) {
        return Optional.ofNullable(store().get(signalId));
    }

    public Page list(Filter filter, int page, int size) {
        List<SignalView> matching = new ArrayList<>();
        try (KeyValueIterator<String, SignalView> all = store().all()) {
            all.forEachRemaining(entry -> {
                if (filter.test(entry.value)) {
                    matching.add(entry.value);
                }
            });
        }
        matching.sort(Comparator.comparing(SignalView::generatedAt).reversed().thenComparing(SignalView::signalId));
        int from = Math.min(page * size, matching.size());
        return new Page(matching.size(), page, size, List.copyOf(matching.subList(from, Math.min(from + size, matching.size()))));
    }

    private ReadOnlyKeyValueStore<String, SignalView> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(SignalTopology.STORE, QueryableStoreTypes.keyValueStore()));
    }
}
