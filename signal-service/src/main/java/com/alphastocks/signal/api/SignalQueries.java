package com.alphastocks.signal.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.alphastocks.signal.ledger.SignalTopology;
import com.alphastocks.signal.trading.SignalStatus;
import com.alphastocks.signal.trading.SignalView;
import com.alphastocks.streams.stores.InstanceStores;

/** Reads the signal store across the service's instances (Kafka Streams interactive queries, {@link InstanceStores}). */
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

    private final InstanceStores stores;

    public SignalQueries(InstanceStores stores) {
        this.stores = stores;
    }

    /** A signal by its id, from whichever instance holds it. */
    public Optional<SignalView> find(String signalId) {
        return stores.find(SignalTopology.STORE, signalId, SignalView.class);
    }

    /** The signals of every instance that match, a page of them. */
    public Page list(Filter filter, int page, int size) {
        List<SignalView> matching = new ArrayList<>(stores.all(SignalTopology.STORE, SignalView.class).values().stream()
                .filter(filter).toList());
        matching.sort(Comparator.comparing(SignalView::generatedAt).reversed().thenComparing(SignalView::signalId));
        int from = Math.min(page * size, matching.size());
        return new Page(matching.size(), page, size, List.copyOf(matching.subList(from, Math.min(from + size, matching.size()))));
    }
}
