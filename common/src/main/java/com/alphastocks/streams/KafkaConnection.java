package com.alphastocks.streams;

import java.util.HashMap;
import java.util.Map;

/**
 * How a client reaches the cluster: the bootstrap servers and the security settings (SASL, TLS) that every client of
 * a service shares. In a service they are the {@code kafka.*} settings (env {@code KAFKA_SECURITY_PROTOCOL},
 * {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION}, ...), which
 * Reactive Messaging's channels and Kafka Streams take as they are; the plain clients take them from here.
 */
public final class KafkaConnection {

    private KafkaConnection() {
    }

    /** The connection part of a client configuration: {@code bootstrap.servers}, {@code security.*}, {@code sasl.*}, {@code ssl.*}. */
    public static Map<String, Object> of(Map<String, ?> config) {
        Map<String, Object> connection = new HashMap<>();
        config.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                connection.put(key, value);
            }
        });
        if (!connection.containsKey("bootstrap.servers")) {
            throw new IllegalStateException("no bootstrap.servers in the Kafka settings (kafka.bootstrap.servers, env KAFKA_BOOTSTRAP_SERVERS)");
        }
        return connection;
    }

    /** A cluster without security settings. */
    public static Map<String, Object> plain(String bootstrapServers) {
        return Map.of("bootstrap.servers", bootstrapServers);
    }

    /** A client's configuration: the connection and the client's own settings. */
    public static Map<String, Object> client(Map<String, Object> connection, Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>(connection);
        config.putAll(own);
        return config;
    }
}
