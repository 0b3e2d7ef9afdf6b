package com.alphastocks.notify.api;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.alphastocks.notify.NotificationDesk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What the notification-service has done: channels on or off with their backlog, and notifications by outcome. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    NotificationDesk desk;

    @Inject
    MeterRegistry metrics;

    public record Stats(Map<String, Object> channels, Map<String, Map<String, Long>> byChannel, long sent, long failed) {
    }

    @GET
    @Operation(summary = "Channels and notifications sent, duplicate or failed per channel since the service started")
    public Stats stats() {
        Map<String, Map<String, Long>> byChannel = new TreeMap<>();
        long sent = 0;
        long failed = 0;
        for (Counter c : metrics.find("alphastocks.notifications").counters()) {
            String outcome = c.getId().getTag("outcome");
            long count = (long) c.count();
            byChannel.computeIfAbsent(c.getId().getTag("channel"), k -> new TreeMap<>()).merge(outcome, count, Long::sum);
            sent += "sent".equals(outcome) ? count : 0;
            failed += "failed".equals(outcome.toLowerCase(Locale.ROOT)) ? count : 0;
        }
        return new Stats(desk.channels(), byChannel, sent, failed);
    }
}
