package com.alphastocks.streams.wire;

import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A record that is no event, as a value a consumer can handle itself (dead-letter it with its reason and acknowledge
 * it like any other), instead of a deserialization failure that some frameworks route around their offset
 * bookkeeping. {@link Tolerant} is the deserializer that makes them.
 */
public record UndecodableRecord(byte[] data, String reason) {

    /** {@link EventDeserializer}, giving an {@link UndecodableRecord} where it would fail. */
    public static final class Tolerant implements Deserializer<Object> {

        private final EventDeserializer events = new EventDeserializer();

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            events.configure(configs, isKey);
        }

        @Override
        public Object deserialize(String topic, byte[] data) {
            try {
                return events.deserialize(topic, data);
            } catch (SerializationException e) {
                return new UndecodableRecord(data, e.getMessage());
            }
        }

        @Override
        public Object deserialize(String topic, Headers headers, byte[] data) {
            try {
                return events.deserialize(topic, headers, data);
            } catch (SerializationException e) {
                return new UndecodableRecord(data, e.getMessage());
            }
        }

        @Override
        public void close() {
            events.close();
        }
    }
}
