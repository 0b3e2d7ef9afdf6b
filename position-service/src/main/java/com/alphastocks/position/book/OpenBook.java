package com.alphastocks.position.book;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.streams.state.KeyValueIterator;

import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.streams.Recall;

/**
 * The open positions of one task of the book: in its store (through the journal: what a restart must know), and in
 * memory by instrument, as each tick reads them (with what need not be stored, such as the last price marked).
 */
final class OpenBook {

    private final Recall.Journaled<OpenPosition> store;
    private final Map<String, Map<String, OpenPosition>> byInstrument = new HashMap<>();

    OpenBook(Recall.Journaled<OpenPosition> store) {
        this.store = store;
    }

    /** Everything the store holds (at start, after a restart: from its changelog; after a recalled input), watched. */
    void reload() {
        byInstrument.clear();
        try (KeyValueIterator<String, OpenPosition> all = store.all()) {
            all.forEachRemaining(entry -> holdings(entry.value.instrument()).put(entry.key, entry.value));
        }
    }

    /** The open positions in {@code instrument}, or null when there are none. */
    Map<String, OpenPosition> in(String instrument) {
        return byInstrument.get(instrument);
    }

    /** Every open position, by instrument. */
    Map<String, Map<String, OpenPosition>> byInstrument() {
        return byInstrument;
    }

    Optional<OpenPosition> find(String instrument, String positionId) {
        return Optional.ofNullable(byInstrument.get(instrument)).map(h -> h.get(positionId));
    }

    /** The position as it is now, in the book; written to the store too when {@code durable} (a restart must know it). */
    void keep(OpenPosition position, boolean durable) {
        if (position.closed()) {
            store.delete(position.positionId());
            Map<String, OpenPosition> holdings = byInstrument.get(position.instrument());
            if (holdings != null) {
                holdings.remove(position.positionId());
                if (holdings.isEmpty()) {
                    byInstrument.remove(position.instrument());
                }
            }
            return;
        }
        if (durable) {
            store.put(position.positionId(), position);
        }
        holdings(position.instrument()).put(position.positionId(), position);
    }

    private Map<String, OpenPosition> holdings(String instrument) {
        return byInstrument.computeIfAbsent(instrument, i -> new LinkedHashMap<>());
    }
}
