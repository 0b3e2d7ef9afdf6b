package com.alphastocks.notify.channel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.alphastocks.notify.Notification;

/**
 * An HTTP SMS provider in Twilio's style: {@code POST <api>/2010-04-01/Accounts/<sid>/Messages.json}, a form with
 * To, From and Body, basic authentication with the account id and token. One request per recipient; an SMS
 * carries the subject only (a short message), up to 160 characters.
 */
public final class SmsChannel extends HttpChannel {

    static final int SMS_LENGTH = 160;

    private final URI messages;
    private final String authorization;
    private final String from;
    private final List<String> to;

    public SmsChannel(String apiUrl, String accountSid, String authToken, String from, List<String> to) {
        this.messages = URI.create(apiUrl.replaceAll("/+$", "") + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.from = from;
        this.to = List.copyOf(to);
    }

    @Override
    public String name() {
        return "sms";
    }

    @Override
    public void send(Notification n) throws DeliveryFailed {
        String body = n.subject().length() > SMS_LENGTH ? n.subject().substring(0, SMS_LENGTH - 1) + "…" : n.subject();
        for (String number : to) {
            String form = "To=" + encode(number) + "&From=" + encode(from) + "&Body=" + encode(body);
            exchange(HttpRequest.newBuilder(messages).timeout(TIMEOUT).header("Authorization", authorization)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), "SMS provider");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
