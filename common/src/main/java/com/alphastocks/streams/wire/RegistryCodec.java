package com.alphastocks.streams.wire;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Headers;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import io.apicurio.registry.serde.kafka.headers.KafkaSerdeHeaders;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;

/**
 * The {@code registry} wire mode: Apicurio's own Avro serdes, configured the way every service needs them.
 * The schema id travels in the payload (magic byte 0, then the id), so a reader can tell the framing from the
 * first byte; records that carry the id in Apicurio headers instead are recognised too.
 */
final class RegistryCodec {

    private static final byte MAGIC = 0;

    private RegistryCodec() {
    }

    static boolean isFramed(Headers headers, byte[] data) {
        return data.length > 5 && data[0] == MAGIC
                || headers != null && (headers.lastHeader(KafkaSerdeHeaders.HEADER_VALUE_GLOBAL_ID) != null
                        || headers.lastHeader(KafkaSerdeHeaders.HEADER_VALUE_CONTENT_ID) != null);
    }

    /** A serializer on {@code client}, or on a client made from {@code apicurio.registry.url} when it is null. */
    static AvroKafkaSerializer<Object> serializer(RegistryClientFacade client, Map<String, ?> configs, boolean isKey) {
        requireRegistry(client, configs, WireMode.CONFIG + " is registry");
        AvroKafkaSerializer<Object> serializer = client == null ? new AvroKafkaSerializer<>() : new AvroKafkaSerializer<>(client);
        serializer.configure(withDefaults(configs), isKey);
        return serializer;
    }

    static AvroKafkaDeserializer<Object> deserializer(RegistryClientFacade client, Map<String, ?> configs, boolean isKey) {
        requireRegistry(client, configs, "the record is framed for a schema registry");
        AvroKafkaDeserializer<Object> deserializer = client == null ? new AvroKafkaDeserializer<>() : new AvroKafkaDeserializer<>(client);
        deserializer.configure(withDefaults(configs), isKey);
        return deserializer;
    }

    private static void requireRegistry(RegistryClientFacade client, Map<String, ?> configs, String why) {
        Object url = configs.get(SchemaResolverConfig.REGISTRY_URL);
        if (client == null && (url == null || url.toString().isBlank())) {
            throw new IllegalStateException(why + ", but no " + SchemaResolverConfig.REGISTRY_URL
                    + " is configured (set alphastocks.registry.url, env ALPHASTOCKS_REGISTRY_URL)");
        }
    }

    private static Map<String, Object> withDefaults(Map<String, ?> configs) {
        Map<String, Object> all = new HashMap<>();
        all.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        all.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        all.putAll(configs);
        // The id goes in the payload: readers tell the two framings apart by the first byte.
        all.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        return all;
    }
}
