package com.alphastocks.notify.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The channels that talk HTTP to a provider: one client, one timeout, one way to read a refusal. */
abstract class HttpChannel implements Channel {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** POSTs {@code body} as JSON to {@code uri}; {@code what} names the provider in errors (never the URL: it may hold a token). */
    void postJson(URI uri, Map<String, Object> body, ObjectMapper json, String what) throws DeliveryFailed {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new DeliveryFailed("cannot write the message as JSON: " + e.getMessage(), e);
        }
        exchange(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), what);
    }

    /** Sends and accepts any 2xx; anything else (or no answer) is a failed delivery naming the status and body. */
    void exchange(HttpRequest request, String what) throws DeliveryFailed {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String body = response.body();
                throw new DeliveryFailed(what + " answered " + response.statusCode() + ": "
                        + (body.length() > 300 ? body.substring(0, 300) + "..." : body), null);
            }
        } catch (IOException e) {
            throw new DeliveryFailed(what + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed(what + " interrupted", e);
        }
    }
}
