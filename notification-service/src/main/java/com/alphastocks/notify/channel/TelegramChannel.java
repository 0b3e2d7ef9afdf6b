package com.alphastocks.notify.channel;

import java.net.URI;
import java.util.Map;

import com.alphastocks.notify.Notification;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Telegram's Bot API: {@code POST <api>/bot<token>/sendMessage} with the chat id and the text as JSON. */
public final class TelegramChannel extends HttpChannel {

    private final URI sendMessage;
    private final String chatId;
    private final ObjectMapper json;

    public TelegramChannel(String apiUrl, String botToken, String chatId, ObjectMapper json) {
        this.sendMessage = URI.create(apiUrl.replaceAll("/+$", "") + "/bot" + botToken + "/sendMessage");
        this.chatId = chatId;
        this.json = json;
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public void send(Notification n) throws DeliveryFailed {
        postJson(sendMessage, Map.of("chat_id", chatId, "text", n.subject() + "\n" + n.text(), "disable_web_page_preview", true), json,
                "Telegram sendMessage");
    }
}
