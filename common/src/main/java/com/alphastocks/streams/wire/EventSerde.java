package com.alphastocks.streams.wire;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import com.alphastocks.streams.Topic;

/** Kafka Streams serdes for the contracts, in the configured wire mode. */
public final class EventSerde<V extends SpecificRecord> implements Serde<V>, Serializer<V>, Deserializer<V> {

    private final Class<V> type;
    private final EventSerializer serializer = new EventSerializer();
    private final EventDeserializer deserializer = new EventDeserializer();

    private EventSerde(Class<V> type, WireSettings wire) {
        this.type = type;
        serializer.configure(wire.serdeConfig(), false);
        deserializer.configure(wire.serdeConfig(), false);
    }

    /** An event of any contract: for topologies that read several event types into one processor and route its decisions. */
    public static EventSerde<SpecificRecord> events(WireSettings wire) {
        return new EventSerde<>(SpecificRecord.class, wire);
    }

    /** The events of one topic, typed by its contract (a record of another contract is refused as undecodable). */
    public static <V extends SpecificRecord> EventSerde<V> of(Topic<V> topic, WireSettings wire) {
        return new EventSerde<>(topic.eventClass(), wire);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Configured by its wire settings when made.
    }

    @Override
    public byte[] serialize(String topic, V event) {
        return serializer.serialize(topic, event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, V event) {
        return serializer.serialize(topic, headers, event);
    }

    @Override
    public V deserialize(String topic, byte[] data) {
        return typed(topic, deserializer.deserialize(topic, data));
    }

    @Override
    public V deserialize(String topic, Headers headers, byte[] data) {
        return typed(topic, deserializer.deserialize(topic, headers, data));
    }

    private V typed(String topic, Object event) {
        if (event != null && !type.isInstance(event)) {
            throw new SerializationException(String.format("record on %s is a %s, not a %s", topic,
                    event.getClass().getSimpleName(), type.getSimpleName()));
        }
        return type.cast(event);
    }

    @Override
    public Serializer<V> serializer() {
        return this;
    }

    @Override
    public Deserializer<V> deserializer() {
        return this;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
