package com.alphastocks.streams.stores;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

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

import com.alphastocks.streams.quarkus.security.ApiKeyAuthentication;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A service's key-value stores read across all its instances (Kafka Streams interactive queries): a key from the
 * instance that holds it, a whole store from all of them. Each instance serves its own part over HTTP
 * ({@link StoreEndpoint}, {@value #PATH}); Kafka Streams' metadata, from every instance's {@code application.server}
 * ({@code quarkus.kafka-streams.application-server}), says which instance holds what.
 */
public class InstanceStores {

    /** Where each instance serves its own part of its stores. */
    public static final String PATH = "/api/stores";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final KafkaStreams streams;
    private final ObjectMapper json;
    private final String thisInstance;
    private final Optional<String> apiKey;

    /** @param thisInstance this instance's {@code host:port}, as the others reach it ({@code application.server}) */
    public InstanceStores(KafkaStreams streams, ObjectMapper json, String thisInstance) {
        this(streams, json, thisInstance, Optional.empty());
    }

    /**
     * @param apiKey the key this instance shows the others ({@value ApiKeyAuthentication#HEADER}), for a deployment whose read
     *               endpoints ask for one ({@code alphastocks.security.reads=authenticated}); the instances of a service
     *               share their configuration, so one of its own keys
     */
    public InstanceStores(KafkaStreams streams, ObjectMapper json, String thisInstance, Optional<String> apiKey) {
        this.streams = streams;
        this.json = json;
        this.thisInstance = thisInstance;
        this.apiKey = apiKey;
    }

    public String thisInstance() {
        return thisInstance;
    }

    /**
     * Another instance that holds {@code key} of {@code store} by the store's partitioning (its input topic is keyed
     * as the store is); empty when it is this one or nobody knows yet.
     */
    public Optional<HostInfo> elsewhere(String store, String key) {
        KeyQueryMetadata owner = metadata(store, () -> streams.queryMetadataForKey(store, key, Serdes.String().serializer()));
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || isHere(owner.activeHost())) {
            return Optional.empty();
        }
        return Optional.of(owner.activeHost());
    }

    /** The value of a key of a store keyed as its input is, from the instance that holds it; empty when none has it. */
    public <V> Optional<V> get(String store, String key, Class<V> type) {
        Optional<HostInfo> owner = elsewhere(store, key);
        if (owner.isEmpty()) {
            return Optional.ofNullable(this.<V>localGet(store, key));
        }
        return Optional.ofNullable(ask(owner.get(), store + "/" + encode(key), json.constructType(type)));
    }

    /**
     * The value of a key of any store (also one keyed apart from its partitioning, e.g. a position by its id in a book
     * partitioned by instrument): this instance's, else the first other instance holding the store that has it.
     */
    public <V> Optional<V> find(String store, String key, Class<V> type) {
        V here = localGet(store, key);
        if (here != null) {
            return Optional.of(here);
        }
        for (StreamsMetadata instance : metadata(store, () -> streams.streamsMetadataForStore(store))) {
            if (!isHere(instance.hostInfo())) {
                V there = ask(instance.hostInfo(), store + "/" + encode(key), json.constructType(type));
                if (there != null) {
                    return Optional.of(there);
                }
            }
        }
        return Optional.empty();
    }

    /** Every entry of a store, from all instances, by key. */
    public <V> Map<String, V> all(String store, Class<V> type) {
        Map<String, V> entries = new TreeMap<>(localAll(store));
        JavaType mapType = json.getTypeFactory().constructMapType(TreeMap.class, String.class, type);
        for (StreamsMetadata instance : metadata(store, () -> streams.streamsMetadataForStore(store))) {
            if (!isHere(instance.hostInfo())) {
                Map<String, V> there = ask(instance.hostInfo(), store, mapType);
                if (there != null) {
                    entries.putAll(there);
                }
            }
        }
        return entries;
    }

    /** This instance's part of a store. */
    public <V> Map<String, V> localAll(String store) {
        return this.<V, Map<String, V>>readLocal(store, part -> {
            Map<String, V> entries = new TreeMap<>();
            try (KeyValueIterator<String, V> it = part.all()) {
                it.forEachRemaining(kv -> entries.put(kv.key, kv.value));
            }
            return entries;
        });
    }

    /** A key of this instance's part of a store, or null. */
    public <V> V localGet(String store, String key) {
        return this.<V, V>readLocal(store, part -> part.get(key));
    }

    /**
     * A reading of this instance's own part of a store (a key, a range, a scan); a store that a rebalance takes away
     * on the way, not only at lookup, is "not ready".
     */
    public <V, T> T readLocal(String store, Function<ReadOnlyKeyValueStore<String, V>, T> reading) {
        try {
            return reading.apply(streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())));
        } catch (InvalidStateStoreException e) {
            throw notReady(store, e);
        }
    }

    /**
     * What another instance answers at {@value #PATH}{@code /<path>} (the path encoded by the caller), read as
     * {@code type}; null when it has nothing there (404).
     */
    public <T> T ask(HostInfo host, String path, JavaType type) {
        String url = "http://" + host.host() + ":" + host.port() + PATH + "/" + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
        apiKey.ifPresent(key -> request.header(ApiKeyAuthentication.HEADER, key));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new StoresNotReady(url + " answered " + response.statusCode(), null);
            }
            return json.readValue(response.body(), type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalStateException("unreadable answer from " + url + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StoresNotReady(url + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoresNotReady(url + " interrupted", e);
        }
    }

    /** A key as a path segment of {@link #ask}. */
    public static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public boolean isHere(HostInfo host) {
        return (host.host() + ":" + host.port()).equals(thisInstance);
    }

    /** Whether this instance holds {@code key} of {@code store} (or nobody knows yet who does: then this one). */
    public boolean isHere(String store, String key) {
        return elsewhere(store, key).isEmpty();
    }

    /** Where the instances are: asked of Kafka Streams, which knows only while it runs or rebalances. */
    private static <T> T metadata(String store, java.util.function.Supplier<T> question) {
        try {
            return question.get();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new StoresNotReady("store " + store + " cannot be located now (Kafka Streams is not running: " + e.getMessage() + ")", e);
        }
    }

    /** The store handle is fetched lazily; a rebalance can invalidate it on first use too, not only on lookup. */
    private static StoresNotReady notReady(String store, InvalidStateStoreException e) {
        return new StoresNotReady("store " + store + " is not ready (the service is starting or rebalancing)", e);
    }
}
