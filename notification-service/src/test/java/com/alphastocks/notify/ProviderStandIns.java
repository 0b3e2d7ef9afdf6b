package com.alphastocks.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real local servers in place of the providers: GreenMail as the SMTP server, and one HTTP server on 127.0.0.1
 * answering as Telegram's Bot API ({@code /telegram}), an SMS provider ({@code /sms}) and a webhook
 * ({@code /hook}), with Telegram's getUpdates served by the {@link BotApiStandIn}. Every other HTTP request is recorded as
 * it came. The webhook refuses (500) any message that
 * mentions {@value #REFUSED}.
 */
public class ProviderStandIns implements QuarkusTestResourceLifecycleManager {

    public static final String REFUSED = "refuse-me";
    public static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();
    /** Telegram's getUpdates: the messages users write to the bot. */
    public static final BotApiStandIn BOT_API = new BotApiStandIn();
    /** While set, the webhook refuses (503) every message: a provider that is down. */
    static volatile boolean webhookDown;
    static GreenMail smtp;
    private HttpServer http;

    /** One HTTP request as a provider received it. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    @Override
    public Map<String, String> start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        http.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/getUpdates")) {
                BOT_API.getUpdates(exchange);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            REQUESTS.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
            boolean refused = path.startsWith("/hook") && (body.contains(REFUSED) || webhookDown);
            byte[] answer = (refused ? "{\"error\":\"no\"}" : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refused ? 500 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        return Map.ofEntries(
                Map.entry("alphastocks.notify.telegram.api-url", base + "/telegram"),
                Map.entry("alphastocks.notify.telegram.bot-token", "123:TEST-TOKEN"),
                Map.entry("alphastocks.notify.telegram.chat-id", "-1001"),
                Map.entry("alphastocks.notify.telegram.per-second", "50"),
                Map.entry("alphastocks.notify.telegram.allowed-chat-ids", "-1001,42"),
                Map.entry("alphastocks.notify.telegram.poll-timeout", "PT2S"),
                Map.entry("alphastocks.notify.sms.api-url", base + "/sms"),
                Map.entry("alphastocks.notify.sms.account-sid", "AC123"),
                Map.entry("alphastocks.notify.sms.auth-token", "sms-secret"),
                Map.entry("alphastocks.notify.sms.from", "+15550001"),
                Map.entry("alphastocks.notify.sms.to", "+919800000001"),
                Map.entry("alphastocks.notify.sms.per-second", "50"),
                Map.entry("alphastocks.notify.webhook.url", base + "/hook"),
                Map.entry("alphastocks.notify.email.to", "desk@example.com"),
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", Integer.toString(smtp.getSmtp().getPort())),
                Map.entry("alphastocks.notify.retry.attempts", "3"),
                // The tests' refusals must not add up to an open circuit between tests (OutboxTest covers the circuit).
                Map.entry("alphastocks.notify.circuit.failures-to-open", "1000"),
                Map.entry("alphastocks.notify.retry.first-backoff", "PT0.05S"));
    }

    @Override
    public void stop() {
        if (http != null) {
            http.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}
