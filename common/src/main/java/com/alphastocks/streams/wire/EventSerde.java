package com.alphastocks.streams.wire;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka Streams serdes for the contracts, in the configured wire mode. */
public final class EventSerde {

    private EventSerde() {
    }

    /** Any event, as {@code Object}: for topologies that read several event types into one processor. */
    public static Serde<Object> any(WireSettings wire) {
        EventSerializer serializer = new EventSerializer();
        serializer.configure(wire.serdeConfig(), false);
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.configure(wire.serdeConfig(), false);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
