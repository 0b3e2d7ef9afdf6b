package com.alphastocks.analytics.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import com.alphastocks.analytics.score.HistoryEntry;

/**
 * Keeps the newest events of each type, one store entry per event (keyed by {@link HistoryEntry#storeKey()}), so an
 * event costs one small write, not a rewrite of the whole list. A type's entries are pruned back to the limit when
 * they reach twice the limit; readers take the newest {@code limit} with {@link #newest}.
 */
public final class HistoryKeeper implements Processor<String, HistoryEntry, Void, Void> {

    private final String storeName;
    private final int limit;
    private final Map<String, Integer> kept = new HashMap<>();
    private KeyValueStore<String, HistoryEntry> store;

    HistoryKeeper(String storeName, int limit) {
        this.storeName = storeName;
        this.limit = limit;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        // After restoration: how many entries each type has in this task's part of the store.
        try (KeyValueIterator<String, HistoryEntry> all = store.all()) {
            all.forEachRemaining(kv -> kept.merge(kv.value.eventType(), 1, Integer::sum));
        }
    }

    @Override
    public void process(Record<String, HistoryEntry> record) {
        HistoryEntry entry = record.value();
        store.put(entry.storeKey(), entry);
        int count = kept.merge(entry.eventType(), 1, Integer::sum);
        if (count >= 2 * limit) {
            List<String> oldest = new ArrayList<>();
            try (KeyValueIterator<String, HistoryEntry> it = store.range(HistoryEntry.firstKey(entry.eventType()),
                    HistoryEntry.lastKey(entry.eventType()))) {
                while (it.hasNext() && oldest.size() < count - limit) {
                    oldest.add(it.next().key);
                }
            }
            oldest.forEach(store::delete);
            kept.put(entry.eventType(), count - oldest.size());
        }
    }

    /** The newest {@code limit} events of a type in (this instance's part of) the store, newest first. */
    public static List<HistoryEntry> newest(ReadOnlyKeyValueStore<String, HistoryEntry> store, String eventType, int limit) {
        List<HistoryEntry> newest = new ArrayList<>();
        try (KeyValueIterator<String, HistoryEntry> it = store.reverseRange(HistoryEntry.firstKey(eventType), HistoryEntry.lastKey(eventType))) {
            while (it.hasNext() && newest.size() < limit) {
                KeyValue<String, HistoryEntry> kv = it.next();
                newest.add(kv.value);
            }
        }
        return newest;
    }
}
