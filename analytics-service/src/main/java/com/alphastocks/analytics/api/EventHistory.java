package com.alphastocks.analytics.api;

import java.util.List;

import jakarta.inject.Singleton;

import org.apache.kafka.streams.errors.InvalidStateStoreException;

import com.alphastocks.analytics.score.HistoryEntry;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.analytics.streams.HistoryKeeper;
import com.alphastocks.streams.stores.InstanceStores;
import com.alphastocks.streams.stores.StoresNotReady;
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
        return stores.elsewhere(AnalyticsTopology.HISTORY_STORE, eventType)
                .map(owner -> stores.<List<HistoryEntry>>ask(owner, AnalyticsTopology.HISTORY_STORE + "/"
                        + InstanceStores.encode(eventType) + "/newest?limit=" + limit,
                        json.getTypeFactory().constructCollectionType(List.class, HistoryEntry.class)))
                .map(found -> found == null ? List.<HistoryEntry>of() : found)
                .orElseGet(() -> local(eventType, limit));
    }

    /** This instance's newest events of a type, newest first. */
    public List<HistoryEntry> local(String eventType, int limit) {
        try {
            return HistoryKeeper.newest(stores.local(AnalyticsTopology.HISTORY_STORE), eventType, limit);
        } catch (InvalidStateStoreException e) {
            throw new StoresNotReady("store " + AnalyticsTopology.HISTORY_STORE + " is not ready (the service is starting or rebalancing)", e);
        }
    }
}
