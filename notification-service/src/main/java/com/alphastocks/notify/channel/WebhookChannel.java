package com.alphastocks.notify.channel;

import java.net.URI;
import java.util.Map;

import com.alphastocks.notify.Notification;
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
        postJson(url, Map.of("text", "*" + n.subject() + "*\n" + n.text(), "event_id", n.eventId(), "event_type", n.eventType(),
                "priority", n.priority().name()), json, "webhook");
    }
}
