package com.alphastocks.analytics.api;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.apache.kafka.streams.state.HostInfo;

import com.alphastocks.analytics.score.HistoryEntry;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.analytics.streams.HistoryKeeper;
import com.alphastocks.streams.stores.InstanceStores;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The newest events of each type, from the instance that keeps that type's history (keyed by event type). */
@Singleton
public class EventHistory {

    private final InstanceStores stores;
    private final ObjectMapper json;

    public EventHistory(InstanceStores stores, ObjectMapper json) {
        this.stores = stores;
        this.json = json;
    }

    /** The newest {@code limit} events of a type, newest first, wherever they are kept. */
    public List<HistoryEntry> newest(String eventType, int limit) {
        Optional<HostInfo> owner = stores.elsewhere(AnalyticsTopology.HISTORY_STORE, eventType);
        if (owner.isEmpty()) {
            return local(eventType, limit);
        }
        List<HistoryEntry> there = stores.ask(owner.get(), AnalyticsTopology.HISTORY_STORE + "/" + InstanceStores.encode(eventType)
                + "/newest?limit=" + limit, json.getTypeFactory().constructCollectionType(List.class, HistoryEntry.class));
        return there == null ? List.of() : there;
    }

    /** This instance's newest events of a type, newest first. */
    public List<HistoryEntry> local(String eventType, int limit) {
        return stores.<HistoryEntry, List<HistoryEntry>>readLocal(AnalyticsTopology.HISTORY_STORE,
                part -> HistoryKeeper.newest(part, eventType, limit));
    }
}
