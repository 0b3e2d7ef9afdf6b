package com.alphastocks.notify.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.alphastocks.notify.BotApiStandIn;
import com.alphastocks.notify.channel.TelegramChannel;
import com.alphastocks.notify.delivery.SentIds;
import com.alphastocks.contracts.TradingState;
import com.alphastocks.streams.control.TradingStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The bot over HTTP against a stand-in of the Bot API: a command from an allowed chat answered in that chat, a stranger
 * answered nothing, an update Telegram sends again (not confirmed before a restart) answered and acted on once, and the
 * offset confirming what was handled.
 */
class TelegramBotTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BotApiStandIn botApi = new BotApiStandIn();
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final List<TradingStatus> switches = new CopyOnWriteArrayList<>();
    private final SentIds handled = SentIds.inMemory(100);
    private HttpServer http;
    private String api;

    @BeforeEach
    void standIn() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/botT0KEN/getUpdates")) {
                botApi.getUpdates(exchange);
                return;
            }
            boolean sendMessage = exchange.getRequestURI().getPath().equals("/botT0KEN/sendMessage");
            if (sendMessage) {
                sent.add(JSON.readTree(exchange.getRequestBody()));
            }
            byte[] answer = (sendMessage ? "{\"ok\":true}" : "{\"ok\":false}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(sendMessage ? 200 : 404, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        http.setExecutor(Executors.newCachedThreadPool());
        http.start();
        api = "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private TelegramBot bot() {
        BotCommands commands = new BotCommands(new DeskView(ZoneId.of("Asia/Kolkata")), new BotCommands.TradingStateControl() {
            @Override
            public TradingStatus current() {
                return switches.isEmpty() ? TradingStatus.ACTIVE : switches.get(switches.size() - 1);
            }

            @Override
            public TradingStatus set(TradingState next, String reason, String by) {
                switches.add(new TradingStatus(next, reason, by, java.time.Instant.now()));
                return current();
            }
        });
        return new TelegramBot(api, "T0KEN", Set.of("-1001", "42"), Duration.ofSeconds(1), handled, commands,
                new TelegramChannel(api, "T0KEN", "-1001", JSON), JSON).start();
    }

    private List<JsonNode> sentTo(String chat) {
        return sent.stream().filter(m -> m.path("chat_id").asText().equals(chat)).toList();
    }

    @Test
    void shouldAnswerAllowedChatsOnceAndStrangersNever() {
        try (TelegramBot bot = bot()) {
            botApi.message("555", "stranger", "/kill now");
            long kill = botApi.message("42", "ops", "/kill lunch");
            await().atMost(Duration.ofSeconds(20)).until(() -> sentTo("42").size() == 1);
            assertThat(sentTo("42").get(0).path("text").asText()).startsWith("Kill switch ON: no new entries");
            assertThat(switches).hasSize(1);
            assertThat(switches.get(0).by()).isEqualTo("telegram:@ops");
            assertThat(switches.get(0).reason()).isEqualTo("lunch");
            // The next poll confirms both updates to Telegram.
            await().atMost(Duration.ofSeconds(20)).until(() -> botApi.confirmedBelow() > kill);
            assertThat(sentTo("555")).isEmpty();
        }

        // A restart before Telegram had the confirmation: the same update comes again; it is not answered or acted on twice.
        botApi.again();
        try (TelegramBot again = bot()) {
            long status = botApi.message("-1001", "desk", "/status");
            await().atMost(Duration.ofSeconds(20)).until(() -> sentTo("-1001").size() == 1);
            assertThat(sentTo("-1001").get(0).path("text").asText()).startsWith("Trading: HALTED for new entries (exits go on): lunch");
            await().atMost(Duration.ofSeconds(20)).until(() -> botApi.confirmedBelow() > status);
        }
        assertThat(sentTo("42")).hasSize(1);
        assertThat(switches).hasSize(1);
        assertThat(sentTo("555")).isEmpty();
    }
}
