package com.alphastocks.streams.wire;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Headers;

import io.apicurio.registry.rest.client.models.ProblemDetails;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import io.apicurio.registry.serde.kafka.headers.KafkaSerdeHeaders;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;

/**
 * The {@code registry} wire mode: Apicurio's own Avro serdes, configured the way every service needs them and the way
 * Confluent's clients read: the schema id in the payload (magic byte 0, then a 4-byte id, the Confluent framing) so a
 * reader tells the framing from the first byte; the id is the schema's content id, which the registry's
 * Confluent-compatible API resolves ({@code /apis/ccompat/v7/schemas/ids/{id}}, with the server's default
 * {@code apicurio.ccompat.legacy-id-mode.enabled=false}); and each topic's schema registered whole under
 * {@code <topic>-value} (nested types inlined, no references), as Confluent's own serializers do. Records that carry the
 * id in Apicurio headers instead are read too.
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

    /** A serializer on the registry at {@code apicurio.registry.url}. */
    static AvroKafkaSerializer<Object> serializer(Map<String, ?> configs, boolean isKey) {
        requireRegistry(configs, WireMode.CONFIG + " is registry");
        AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();
        serializer.configure(withDefaults(configs), isKey);
        return serializer;
    }

    static AvroKafkaDeserializer<Object> deserializer(Map<String, ?> configs, boolean isKey) {
        requireRegistry(configs, "the record is framed for a schema registry");
        AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(withDefaults(configs), isKey);
        return deserializer;
    }

    /** The registry's own answer where it gave one (e.g. a refused version's rule violation), else the message. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemDetails problem) {
                return "the registry answered " + problem.getStatus() + ": "
                        + (problem.getDetail() == null ? problem.getTitle() : problem.getDetail());
            }
        }
        return e.getMessage();
    }

    private static void requireRegistry(Map<String, ?> configs, String why) {
        Object url = configs.get(SchemaResolverConfig.REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalStateException(why + ", but no " + SchemaResolverConfig.REGISTRY_URL
                    + " is configured (set alphastocks.registry.url, env ALPHASTOCKS_REGISTRY_URL)");
        }
    }

    private static Map<String, Object> withDefaults(Map<String, ?> configs) {
        Map<String, Object> all = new HashMap<>();
        all.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        all.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        // The JDK's HTTP client, not the Vert.x one the serde picks by default: the Vert.x adapter waits for each answer
        // without a timeout, and was seen to miss one (the registry had answered; a producer's send, and once a service's
        // start, waited for ever).
        all.put(SchemaResolverConfig.HTTP_ADAPTER, "JDK");
        all.putAll(configs);
        // The framing Confluent's clients read: the id in the payload, and it is the content id.
        all.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        all.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        all.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        return all;
    }
}
