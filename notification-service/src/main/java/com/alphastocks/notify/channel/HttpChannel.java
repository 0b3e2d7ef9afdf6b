package com.alphastocks.notify.channel;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The channels that talk HTTP to a provider: one client, one timeout, one way to read a refusal. */
abstract class HttpChannel implements Channel {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

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
