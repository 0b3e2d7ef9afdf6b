package com.alphastocks.analytics.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.alphastocks.analytics.score.HistoryEntry;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.analytics.streams.HistoryKeeper;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * Reads the analytics stores across every instance of the service: a key from the instance that holds it, a
 * whole store from all of them. Each instance serves its own part at {@link StoreResource}; Kafka Streams'
 * metadata (from {@code application.server}) says which instance holds what.
 */
@ApplicationScoped
public class Stores {

    private static final Logger LOG = Logger.getLogger(Stores.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    KafkaStreams streams;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.kafka-streams.application-server")
    String thisInstance;

    void announce(@Observes StartupEvent start) {
        LOG.infof("interactive queries: other instances reach this one at %s (quarkus.kafka-streams.application-server)", thisInstance);
    }

    /** Whether this instance holds {@code key} of {@code store} (or nobody knows yet who does: then this one). */
    public boolean isHere(String store, String key) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        return owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || isHere(owner.activeHost());
    }

    /** The value of a key, wherever it lives; empty when no instance has it. */
    public <V> Optional<V> get(String store, String key, Class<V> type) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || isHere(owner.activeHost())) {
            return Optional.ofNullable(localGet(store, key));
        }
        String body = fetch(owner.activeHost(), "/api/stores/" + store + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        return body == null ? Optional.empty() : Optional.of(read(body, json.constructType(type)));
    }

    /** The newest {@code limit} events of a type, newest first, from the instance that keeps that type's history. */
    public List<HistoryEntry> newestEvents(String eventType, int limit) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(AnalyticsTopology.HISTORY_STORE, eventType, Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || isHere(owner.activeHost())) {
            return localNewestEvents(eventType, limit);
        }
        String body = fetch(owner.activeHost(), "/api/stores/" + AnalyticsTopology.HISTORY_STORE + "/"
                + URLEncoder.encode(eventType, StandardCharsets.UTF_8) + "?limit=" + limit);
        return body == null ? List.of() : read(body, json.getTypeFactory().constructCollectionType(List.class, HistoryEntry.class));
    }

    /** This instance's newest events of a type, newest first. */
    public List<HistoryEntry> localNewestEvents(String eventType, int limit) {
        try {
            return HistoryKeeper.newest(local(AnalyticsTopology.HISTORY_STORE), eventType, limit);
        } catch (InvalidStateStoreException e) {
            throw notReady(AnalyticsTopology.HISTORY_STORE, e);
        }
    }

    /** Every entry of a store, from all instances, by key. */
    public <V> Map<String, V> all(String store, Class<V> type) {
        Map<String, V> entries = new TreeMap<>(localAll(store));
        JavaType mapType = json.getTypeFactory().constructMapType(TreeMap.class, String.class, type);
        for (StreamsMetadata instance : streams.streamsMetadataForStore(store)) {
            if (!isHere(instance.hostInfo())) {
                String body = fetch(instance.hostInfo(), "/api/stores/" + store);
                if (body != null) {
                    entries.putAll(read(body, mapType));
                }
            }
        }
        return entries;
    }

    /** This instance's part of a store. */
    public <V> Map<String, V> localAll(String store) {
        Map<String, V> entries = new TreeMap<>();
        try (KeyValueIterator<String, V> it = this.<V>local(store).all()) {
            it.forEachRemaining(kv -> entries.put(kv.key, kv.value));
        } catch (InvalidStateStoreException e) {
            throw notReady(store, e);
        }
        return entries;
    }

    /** A key of this instance's part of a store, or null. */
    public <V> V localGet(String store, String key) {
        try {
            return this.<V>local(store).get(key);
        } catch (InvalidStateStoreException e) {
            throw notReady(store, e);
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> local(String store) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw notReady(store, e);
        }
    }

    /** The store handle is fetched lazily; a rebalance can invalidate it on first use too, not only on lookup. */
    private static StoresNotReady notReady(String store, InvalidStateStoreException e) {
        return new StoresNotReady("store " + store + " is not ready (the service is starting or rebalancing)", e);
    }

    private boolean isHere(HostInfo host) {
        return (host.host() + ":" + host.port()).equals(thisInstance);
    }

    private String fetch(HostInfo host, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new StoresNotReady(host + path + " answered " + response.statusCode(), null);
            }
            return response.body();
        } catch (IOException e) {
            throw new StoresNotReady(host + path + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoresNotReady(host + path + " interrupted", e);
        }
    }

    private <T> T read(String body, JavaType type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer from another instance: " + e.getMessage(), e);
        }
    }

    /** A store that cannot be read now (rebalancing, starting, another instance away): try again shortly. */
    public static final class StoresNotReady extends RuntimeException {
        StoresNotReady(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
