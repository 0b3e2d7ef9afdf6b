package com.alphastocks.streams.wire;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/**
 * Writes AlphaStocks events in the configured {@link WireMode}. Bytes pass through untouched, so that a record
 * which could not be read (a DLQ entry, a replay) is forwarded exactly as it came.
 */
public class EventSerializer implements Serializer<Object> {

    private final RegistryClientFacade registryClient;
    private WireMode mode = WireMode.EMBEDDED;
    private AvroKafkaSerializer<Object> registry;

    public EventSerializer() {
        this(null);
    }

    /** With a given registry client instead of one built from {@code apicurio.registry.url}. */
    public EventSerializer(RegistryClientFacade registryClient) {
        this.registryClient = registryClient;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        mode = WireMode.from(configs.get(WireMode.CONFIG));
        if (mode == WireMode.REGISTRY) {
            registry = RegistryCodec.serializer(registryClient, configs, isKey);
        }
    }

    public WireMode mode() {
        return mode;
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (!(data instanceof SpecificRecord event)) {
            throw new SerializationException("only AlphaStocks events go on " + topic + ", not " + data.getClass().getName());
        }
        return mode == WireMode.REGISTRY ? registry.serialize(topic, headers, event) : SingleObjectCodec.encode(event);
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
