package com.alphastocks.streams.quarkus;

import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.alphastocks.streams.quarkus.security.ApiKeys;
import com.alphastocks.streams.stores.InstanceStores;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Kafka Streams service's stores read across its instances: this instance is reached by the others at its
 * {@code quarkus.kafka-streams.application-server} ({@code ${alphastocks.advertised-host}:${quarkus.http.port}}). Its
 * Kafka Streams is looked up, not injected: a service without one (the notification-service) has no such bean.
 */
public class InstanceStoresProducer {

    private static final Logger LOG = Logger.getLogger(InstanceStoresProducer.class);

    @Produces
    @Singleton
    InstanceStores stores(Instance<KafkaStreams> streams, ObjectMapper json, ApiKeys keys,
                          @ConfigProperty(name = "quarkus.kafka-streams.application-server") String thisInstance) {
        // The instances of a service share their keys: one of them opens the others' stores where reads need a key.
        Optional<String> key = new TreeMap<>(keys.apiKeys()).values().stream().filter(k -> !k.isBlank()).findFirst();
        LOG.infof("interactive queries: other instances reach this one at %s (quarkus.kafka-streams.application-server)", thisInstance);
        return new InstanceStores(streams.get(), json, thisInstance, key);
    }
}
