package com.alphastocks.testkit;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/** A deployment's key-value store, read as its REST API would. */
public final class StoreLookup {

    private StoreLookup() {
    }

    /** The value under {@code key} in {@code store}, or null: none there, or the store not queryable yet (restoring). */
    public static <V> V find(KafkaStreams streams, String store, String key) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())).get(key);
        } catch (InvalidStateStoreException notReadyYet) {
            return null;
        }
    }
}
