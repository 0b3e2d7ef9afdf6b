package com.alphastocks.streams.wire;

import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import com.alphastocks.streams.Topic;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;

/**
 * Reads AlphaStocks events in either framing, whatever this service writes: single-object Avro (marker
 * {@code C3 01}) or registry-framed (magic byte 0 or Apicurio id headers). Anything else is refused with a
 * {@link SerializationException} that names the topic, so the record can be dead-lettered with its reason; so is an
 * event of another contract than the topic's (see {@link Topic}).
 */
public class EventDeserializer implements Deserializer<Object> {

    private Map<String, ?> configs = Map.of();
    private boolean isKey;
    private AvroKafkaDeserializer<Object> registry;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.configs = Map.copyOf(configs);
        this.isKey = isKey;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        if (SingleObjectCodec.isFramed(data)) {
            return ofTheTopicsContract(topic, SingleObjectCodec.decode(topic, data));
        }
        if (RegistryCodec.isFramed(headers, data)) {
            Object event;
            try {
                event = registry().deserialize(topic, headers, data);
            } catch (RuntimeException e) {
                throw new SerializationException("cannot read registry-framed record on " + topic + ": " + RegistryCodec.reason(e), e);
            }
            return ofTheTopicsContract(topic, event);
        }
        throw new SerializationException(String.format(
                "record on %s is not an AlphaStocks event: %d bytes starting %s, neither single-object Avro nor registry-framed",
                topic, data.length, hexPrefix(data)));
    }

    /**
     * A well-formed event of another contract than its topic's (a wrong schema) is refused here, for every reader at
     * once: a consumer would otherwise meet it as a ClassCastException, which stops a Kafka Streams client instead of
     * dead-lettering the record.
     */
    private static Object ofTheTopicsContract(String topic, Object event) {
        Class<?> contract = Topic.contractOf(topic).orElse(null);
        if (contract != null && !contract.isInstance(event)) {
            throw new SerializationException(String.format("record on %s is a %s, not a %s (the topic's contract)", topic,
                    event.getClass().getSimpleName(), contract.getSimpleName()));
        }
        return event;
    }

    private synchronized AvroKafkaDeserializer<Object> registry() {
        if (registry == null) {
            registry = RegistryCodec.deserializer(configs, isKey);
        }
        return registry;
    }

    private static String hexPrefix(byte[] data) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, data.length); i++) {
            hex.append(String.format("%02x", data[i]));
        }
        return "0x" + hex;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
