package com.alphastocks.streams;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;

/** Stamps the metadata every event carries, as one producing service. */
public final class Envelope {

    private final String producer;
    private final Clock clock;

    public Envelope(String producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    public String producer() {
        return producer;
    }

    /**
     * The metadata an event carries: every contract's first field, {@code metadata} (see EVENTS.md), whatever its type.
     * @return null for a record that has none (no contract of this system)
     */
    public static EventMetadata metadataOf(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField("metadata");
        return field == null ? null : (EventMetadata) event.get(field.pos());
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * @param correlationId the signal id, which follows a trade from signal to exit
     * @param causationId   the event id this event answers, or null for an event nothing caused
     */
    public EventMetadata metadata(EventType type, String eventId, String correlationId, String causationId,
                                  Priority priority) {
        return metadataAt(clock.instant(), type, eventId, correlationId, causationId, priority);
    }

    /** As {@link #metadata}, for an event that happened at {@code at}: a decision republished keeps its time. */
    public EventMetadata metadataAt(Instant at, EventType type, String eventId, String correlationId, String causationId,
                                    Priority priority) {
        return metadataAt(at, null, type, eventId, correlationId, causationId, priority);
    }

    /** As {@link #metadataAt}, with the market's clock at the event ({@code marketTime}; null where unknown). */
    public EventMetadata metadataAt(Instant at, Instant marketTime, EventType type, String eventId, String correlationId,
                                    String causationId, Priority priority) {
        return EventMetadata.newBuilder()
                .setEventId(eventId)
                .setEventType(type)
                // The contract keeps microseconds; truncating here makes a decoded event equal to the one sent.
                .setOccurredAt(at.truncatedTo(ChronoUnit.MICROS))
                .setProducer(producer)
                .setCorrelationId(correlationId)
                .setCausationId(causationId)
                .setPriority(priority)
                .setMarketTime(marketTime == null ? null : marketTime.truncatedTo(ChronoUnit.MICROS))
                .build();
    }
}
