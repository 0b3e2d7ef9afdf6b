package com.alphastocks.streams.wire;

import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka Streams serdes for the contracts, in the configured wire mode. */
public final class EventSerde {

    private EventSerde() {
    }

    /** Any event, as {@code Object}: for topologies that read several event types into one processor. */
    public static Serde<Object> any(WireMode mode) {
        EventSerializer serializer = new EventSerializer();
        serializer.configure(Map.of(WireMode.CONFIG, mode.name()), false);
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.configure(Map.of(), false);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
