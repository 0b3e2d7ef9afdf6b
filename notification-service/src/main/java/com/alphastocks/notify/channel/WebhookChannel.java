package com.alphastocks.notify.channel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import com.alphastocks.notify.Notification;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A generic webhook with Slack's incoming-webhook JSON: {@code {"text": "..."}}, plus the event's id, type and priority. */
public final class WebhookChannel extends HttpChannel {

    private final URI url;
    private final ObjectMapper json;

    public WebhookChannel(String url, ObjectMapper json) {
        this.url = URI.create(url);
        this.json = json;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(Notification n) throws DeliveryFailed {
        String body;
        try {
            body = json.writeValueAsString(Map.of("text", "*" + n.subject() + "*\n" + n.text(), "event_id", n.eventId(),
                    "event_type", n.eventType(), "priority", n.priority().name()));
        } catch (JsonProcessingException e) {
            throw new DeliveryFailed("cannot write the message as JSON: " + e.getMessage(), e);
        }
        exchange(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), "webhook");
    }
}
