package com.alphastocks.notify.bot;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jboss.logging.Logger;

import com.alphastocks.notify.channel.Channel.DeliveryFailed;
import com.alphastocks.notify.channel.TelegramChannel;
import com.alphastocks.notify.delivery.SentIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bot's ear: long polling of the Bot API's {@code getUpdates} on its own thread, each message from an allowed chat
 * answered by {@link BotCommands} through {@code sendMessage}; a message from any other chat gets nothing and is logged.
 * Each update is handled once: its id is recorded ({@code handled}, read back at start) before the answer goes out,
 * and Telegram is told the updates seen (the next poll's offset), so a restart neither answers nor acts twice.
 */
public final class TelegramBot implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TelegramBot.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String getUpdates;
    private final Set<String> allowedChats;
    private final Duration pollTimeout;
    private final SentIds handled;
    private final BotCommands commands;
    private final TelegramChannel replies;
    private final ObjectMapper json;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile CompletableFuture<HttpResponse<String>> poll;

    /**
     * @param apiUrl   the Bot API's base URL; {@code token} the bot's
     * @param handled  the update ids answered (or ignored) before, kept across restarts
     */
    public TelegramBot(String apiUrl, String token, Set<String> allowedChats, Duration pollTimeout, SentIds handled, BotCommands commands,
                       TelegramChannel replies, ObjectMapper json) {
        this.getUpdates = apiUrl.replaceAll("/+$", "") + "/bot" + token + "/getUpdates";
        this.allowedChats = Set.copyOf(allowedChats);
        this.pollTimeout = pollTimeout;
        this.handled = handled;
        this.commands = commands;
        this.replies = replies;
        this.json = json;
        this.thread = new Thread(this::listen, "telegram-bot");
        this.thread.setDaemon(true);
    }

    public TelegramBot start() {
        thread.start();
        LOG.infof("telegram bot: answering commands from chat(s) %s", allowedChats);
        return this;
    }

    private void listen() {
        long offset = 0;
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try {
                JsonNode answer = json.readTree(poll(offset));
                if (!answer.path("ok").asBoolean()) {
                    throw new IOException("getUpdates answered " + answer);
                }
                for (JsonNode update : answer.path("result")) {
                    offset = Math.max(offset, update.path("update_id").asLong() + 1);
                    handle(update);
                }
                backoff = Duration.ofSeconds(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                // A conflict (409: another process polls with this token), the API unreachable: said, then tried again.
                LOG.warnf("telegram bot: getUpdates failed (trying again in %d s): %s", backoff.toSeconds(), e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** One long poll: the updates after {@code offset}, or none after the poll timeout. */
    private String poll(long offset) throws IOException, InterruptedException, ExecutionException {
        URI uri = URI.create(getUpdates + "?offset=" + offset + "&timeout=" + pollTimeout.toSeconds()
                + "&allowed_updates=" + URLEncoder.encode("[\"message\"]", StandardCharsets.UTF_8));
        poll = HTTP.sendAsync(HttpRequest.newBuilder(uri).timeout(pollTimeout.plusSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response = poll.get();
        if (response.statusCode() / 100 != 2) {
            throw new IOException("getUpdates answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private void handle(JsonNode update) {
        String id = update.path("update_id").asText();
        JsonNode message = update.path("message");
        if (handled.contains(id) || message.isMissingNode()) {
            return;
        }
        String chat = message.path("chat").path("id").asText();
        JsonNode from = message.path("from");
        String who = "telegram:" + (from.hasNonNull("username") ? "@" + from.get("username").asText() : from.path("id").asText(chat));
        String text = message.path("text").asText("");
        if (!allowedChats.contains(chat)) {
            LOG.warnf("telegram bot: ignored %s from chat %s (%s): not an allowed chat id (alphastocks.notify.telegram.allowed-chat-ids)",
                    text.isEmpty() ? "a message" : "\"" + text.lines().findFirst().orElse("") + "\"", chat, who);
            handled.add(id);
            return;
        }
        String reply = commands.answer(text, who);
        handled.add(id);
        LOG.infof("telegram bot: %s from %s answered", text.split("\\s+", 2)[0], who);
        try {
            replies.sendTo(chat, reply);
        } catch (DeliveryFailed e) {
            LOG.warnf("telegram bot: could not answer %s in chat %s: %s", text, chat, e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        CompletableFuture<HttpResponse<String>> inFlight = poll;
        if (inFlight != null) {
            inFlight.cancel(true);
        }
        thread.interrupt();
    }
}
