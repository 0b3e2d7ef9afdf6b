package com.alphastocks.streams.wire;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/**
 * Writes AlphaStocks events in the configured {@link WireMode}. Bytes pass through untouched, so that a record
 * which could not be read (a DLQ entry, a replay) is forwarded exactly as it came.
 */
public class EventSerializer implements Serializer<Object> {

    private WireMode mode = WireMode.EMBEDDED;
    private AvroKafkaSerializer<Object> registry;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        mode = WireMode.from(configs.get(WireMode.CONFIG));
        if (mode == WireMode.REGISTRY) {
            registry = RegistryCodec.serializer(configs, isKey);
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
        if (mode == WireMode.EMBEDDED || isKafkaStreamsInternal(topic)) {
            return SingleObjectCodec.encode(event);
        }
        try {
            return registry.serialize(topic, headers, event);
        } catch (RuntimeException e) {
            // E.g. the registry refused this contract version (its compatibility rule), or cannot be reached.
            throw new SerializationException("cannot write " + event.getSchema().getName() + " on " + topic
                    + " through the schema registry: " + RegistryCodec.reason(e), e);
        }
    }

    /**
     * A Kafka Streams service's own topics (repartition, changelog, foreign-key join topics) stay single-object in either
     * mode: they are its private state, read by nobody else, and one of them may carry several contracts, which the
     * registry would take as incompatible versions of one subject.
     */
    static boolean isKafkaStreamsInternal(String topic) {
        return topic.endsWith("-repartition") || topic.endsWith("-changelog") || topic.endsWith("-topic");
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
