package com.alphastocks.notify.channel;

import java.net.URI;
import java.util.Map;

import com.alphastocks.notify.Notification;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Telegram's Bot API: {@code POST <api>/bot<token>/sendMessage} with the chat id and the text as JSON (the bot's answers too). */
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
        sendTo(chatId, n.subject() + "\n" + n.text());
    }

    /** A message to one chat: the bot's answer to a command. */
    public void sendTo(String chat, String text) throws DeliveryFailed {
        postJson(sendMessage, Map.of("chat_id", chat, "text", text, "disable_web_page_preview", true), json, "Telegram sendMessage");
    }
}
