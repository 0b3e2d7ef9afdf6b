package com.alphastocks.analytics.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.alphastocks.analytics.AnalyticsSettings;
import com.alphastocks.analytics.lag.LagMonitor;
import com.alphastocks.analytics.score.HistoryEntry;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.contracts.EventType;
import com.alphastocks.streams.lag.ConsumerLag;
import com.alphastocks.streams.stores.InstanceStores;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What went over the topics: counts per event type, failures per service, the recent events of a type, lag. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    @Inject
    InstanceStores stores;

    @Inject
    EventHistory history;

    @Inject
    LagMonitor lag;

    /**
     * @param published events per type; {@code failed} DLQ records per service that gave up on them;
     *                  {@code consumed} the committed offsets per consumer group (what each has taken in)
     */
    public record EventStats(Map<String, Long> published, Map<String, Long> failed, Map<String, Long> consumed) {
    }

    /** An event of the history, the event itself as JSON. */
    public record EventView(String eventId, String eventType, Instant occurredAt, Instant marketTime, String producer,
                            String correlationId, String priority, JsonNode event) {
    }

    @Inject
    ObjectMapper json;

    @Inject
    AnalyticsSettings settings;

    @GET
    @Path("/events/stats")
    @Operation(summary = "Events published per type, failed (DLQ) per service, committed offsets per consumer group")
    public EventStats stats() {
        Map<String, Long> consumed = new TreeMap<>();
        for (ConsumerLag l : lag.measure()) {
            consumed.merge(l.group(), l.committed(), Long::sum);
        }
        return new EventStats(stores.all(AnalyticsTopology.EVENT_COUNTS_STORE, Long.class),
                stores.all(AnalyticsTopology.DLQ_COUNTS_STORE, Long.class), consumed);
    }

    @GET
    @Path("/events/{type}")
    @Operation(summary = "The newest events of a type (e.g. POSITION_CLOSED), newest first")
    public List<EventView> history(@PathParam("type") String type, @QueryParam("limit") @DefaultValue("20") int limit) {
        String eventType = eventType(type);
        if (limit < 1) {
            throw new BadRequestException("limit must be at least 1, not " + limit);
        }
        // The service keeps the newest history-limit events of each type; no more can be asked for.
        return history.newest(eventType, Math.min(limit, settings.historyLimit())).stream().map(this::view).toList();
    }

    private EventView view(HistoryEntry e) {
        JsonNode event;
        try {
            event = json.readTree(e.event());
        } catch (java.io.IOException notJson) {
            event = json.getNodeFactory().textNode(e.event());
        }
        return new EventView(e.eventId(), e.eventType(), e.occurredAt(), e.marketTime(), e.producer(), e.correlationId(),
                e.priority(), event);
    }

    @GET
    @Path("/lag")
    @Operation(summary = "Consumer lag per group and topic, measured now")
    public List<ConsumerLag> lag() {
        return lag.measure();
    }

    private static String eventType(String type) {
        String name = type.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        try {
            return EventType.valueOf(name).name();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("no event type " + type + "; types: " + List.of(EventType.values()));
        }
    }
}
