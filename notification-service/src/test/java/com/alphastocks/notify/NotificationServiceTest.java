package com.alphastocks.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.Priority;
import com.alphastocks.kafka.KafkaTestResource;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetterShelf;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.SampleEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notification-service over the real broker, sending to real local servers ({@link ProviderStandIns}): the
 * exact requests each provider gets, the mail the SMTP server receives, a refusing channel retried and then
 * dead-lettered while the others deliver, and an event that comes twice sent once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ProviderStandIns.class)
class NotificationServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, Object> producer;

    @BeforeAll
    static void connect() {
        producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    private static void publish(Topic<?> topic, String key, Object event) throws Exception {
        producer.send(new ProducerRecord<>(topic.topicName(), key, event)).get();
    }

    private static List<ProviderStandIns.Request> requests(String pathPrefix, String mentioning) {
        return ProviderStandIns.REQUESTS.stream().filter(r -> r.path().startsWith(pathPrefix) && r.body().contains(mentioning)).toList();
    }

    @Test
    void shouldSendEachProviderTheExactRequestItExpects() throws Exception {
        PositionClosed closed = SampleEvents.closed("n1", "RSI", "NIFTY25D0921500CE", "1000", SampleEvents.at(SampleEvents.WEDNESDAY, "10:00"),
                Duration.ofMinutes(30));
        publish(Topic.POSITION_CLOSED, "n1", closed);
        publish(Topic.POSITION_OPENED, "n2", NotificationEvents.opened("n2", Priority.CRITICAL));

        // Telegram: the Bot API's sendMessage, token in the path, chat id and text as JSON.
        await().atMost(WAIT).until(() -> requests("/telegram", "pos-n1").size() == 1);
        ProviderStandIns.Request telegram = requests("/telegram", "pos-n1").get(0);
        assertThat(telegram.method()).isEqualTo("POST");
        assertThat(telegram.path()).isEqualTo("/telegram/bot123:TEST-TOKEN/sendMessage");
        assertThat(telegram.header("Content-Type")).isEqualTo("application/json");
        JsonNode message = JSON.readTree(telegram.body());
        assertThat(message.path("chat_id").asText()).isEqualTo("-1001");
        assertThat(message.path("text").asText()).isEqualTo("""
                Closed: NIFTY25D0921500CE net 1000 (TARGET)
                RSI closed 75 NIFTY25D0921500CE on TARGET: premium 150 -> 160.
                P&L gross 1050, charges 50, net 1000; held 30 min.
                Position pos-n1, signal n1, at 3 Dec 2025 10:00:00 IST.""");

        // SMS only for the CRITICAL event (rule "critical"; of these two trades' events): a Twilio-style form with basic
        // authentication.
        await().atMost(WAIT).until(() -> !requests("/sms", "NIFTY25D0921500CE").isEmpty());
        List<ProviderStandIns.Request> sms = requests("/sms", "NIFTY25D0921500CE");
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).path()).isEqualTo("/sms/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(sms.get(0).header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("AC123:sms-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(sms.get(0).header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(sms.get(0).body()).isEqualTo("To=%2B919800000001&From=%2B15550001&Body=Opened%3A+2+lots+NIFTY25D0921500CE+%28RSI%29");

        // Webhook: Slack-style JSON with the event's id, type and priority.
        await().atMost(WAIT).until(() -> requests("/hook", "opened-n2").size() == 1);
        JsonNode hook = JSON.readTree(requests("/hook", "opened-n2").get(0).body());
        assertThat(hook.path("text").asText()).startsWith("*Opened: 2 lots NIFTY25D0921500CE (RSI)*\nRSI bought 150 NIFTY25D0921500CE");
        assertThat(hook.path("event_type").asText()).isEqualTo("POSITION_OPENED");
        assertThat(hook.path("priority").asText()).isEqualTo("CRITICAL");

        // Email: a real SMTP server received the mail.
        await().atMost(WAIT).until(() -> mailsAbout("pos-n1").size() == 1);
        MimeMessage mail = mailsAbout("pos-n1").get(0);
        assertThat(mail.getSubject()).isEqualTo("[AlphaStocks] Closed: NIFTY25D0921500CE net 1000 (TARGET)");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("desk@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alphastocks@localhost");
        assertThat(GreenMailUtil.getBody(mail)).contains("P&L gross 1050, charges 50, net 1000; held 30 min.").contains("-- event closed-n1");
    }

    @Test
    void shouldRetryARefusingChannelThenDeadLetterItWhileTheOthersDeliver() throws Exception {
        String signalId = ProviderStandIns.REFUSED + "-1";
        publish(Topic.POSITION_CLOSED, signalId, SampleEvents.closed(signalId, "RSI", "NIFTY25D0921500CE", "-300",
                SampleEvents.at(SampleEvents.WEDNESDAY, "11:00"), Duration.ofMinutes(10)));

        await().atMost(WAIT).until(() -> requests("/telegram", signalId).size() == 1 && mailsAbout(signalId).size() == 1);
        try (KafkaConsumer<String, Object> dlq = EventClients.reader(SharedKafka.bootstrapServers())) {
            ConsumerRecord<String, Object> dead = EventClients.awaitRecord(dlq, Topic.DLQ.topicName(), r -> signalId.equals(r.key()), WAIT)
                    .orElseThrow(() -> new AssertionError("no DLQ record for " + signalId));
            assertThat(header(dead, DeadLetters.SERVICE)).isEqualTo("notification-service");
            assertThat(header(dead, DeadLetters.NOTIFICATION_CHANNEL)).isEqualTo("webhook");
            assertThat(header(dead, DeadLetters.ATTEMPTS)).isEqualTo("3");
            assertThat(header(dead, DeadLetters.REASON)).isEqualTo("webhook: webhook answered 500: {\"error\":\"no\"}");
            assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topic.POSITION_CLOSED.topicName());
            assertThat(dead.value()).isInstanceOf(PositionClosed.class);
            assertThat(((PositionClosed) dead.value()).getSignalId()).isEqualTo(signalId);
        }
        assertThat(requests("/hook", signalId)).as("tried three times").hasSize(3);
    }

    @Test
    void shouldDeliverADeadLetteredNotificationOnceWhenReplayedAfterTheChannelIsBackAndIgnoreReplaysForOthers() throws Exception {
        String signalId = "replay-n5";
        ProviderStandIns.webhookDown = true;
        publish(Topic.POSITION_CLOSED, signalId, SampleEvents.closed(signalId, "RSI", "NIFTY25D0921500CE", "700",
                SampleEvents.at(SampleEvents.WEDNESDAY, "12:00"), Duration.ofMinutes(20)));
        ConsumerRecord<String, byte[]> dead;
        try (KafkaConsumer<String, byte[]> dlq = EventClients.rawReader(SharedKafka.bootstrapServers())) {
            dead = EventClients.awaitRecord(dlq, Topic.DLQ.topicName(), r -> signalId.equals(r.key()), WAIT)
                    .orElseThrow(() -> new AssertionError("no DLQ record while the webhook was down"));
        }
        await().atMost(WAIT).until(() -> requests("/telegram", signalId).size() == 1 && mailsAbout(signalId).size() == 1);
        ProviderStandIns.webhookDown = false;

        // Ahead of the replay on the same partition: a replay some other service gave up on, not this one's to send.
        org.apache.kafka.common.header.internals.RecordHeaders forOther = new org.apache.kafka.common.header.internals.RecordHeaders();
        forOther.add(DeadLetters.REPLAY_OF, "0:1".getBytes(StandardCharsets.UTF_8));
        forOther.add(DeadLetters.REPLAY_FOR, "analytics-service".getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(Topic.POSITION_CLOSED.topicName(), null, signalId, (Object) SampleEvents.closed("replay-n6", "RSI",
                "NIFTY25D0921500CE", "1", SampleEvents.at(SampleEvents.WEDNESDAY, "12:05"), Duration.ofMinutes(1)), forOther)).get();
        List<DeadLetterShelf.Replay> replays = new DeadLetterShelf(SharedKafka.bootstrapServers())
                .replay(List.of(dead.partition() + ":" + dead.offset()), false);

        assertThat(replays).extracting(DeadLetterShelf.Replay::outcome).containsExactly(DeadLetterShelf.Outcome.SENT);
        int triedWhileDown = 3;
        await().atMost(WAIT).until(() -> requests("/hook", signalId).size() == triedWhileDown + 1);
        assertThat(requests("/telegram", signalId)).as("sent before: the replay is a duplicate there").hasSize(1);
        assertThat(mailsAbout(signalId)).hasSize(1);
        assertThat(requests("/", "replay-n6")).as("a replay for another service is not sent").isEmpty();
        assertThat(mailsAbout("replay-n6")).isEmpty();
    }

    @Test
    void shouldSendAnEventThatComesTwiceOnce() throws Exception {
        PositionClosed closed = SampleEvents.closed("n3", "MACD", "BANKNIFTY25DEC59000CE", "200", SampleEvents.at(SampleEvents.THURSDAY, "14:00"),
                Duration.ofMinutes(45));
        publish(Topic.POSITION_CLOSED, "n3", closed);
        publish(Topic.POSITION_CLOSED, "n3", closed);
        publish(Topic.POSITION_CLOSED, "n4", SampleEvents.closed("n4", "MACD", "BANKNIFTY25DEC59000CE", "100", SampleEvents.at(SampleEvents.THURSDAY, "14:30"),
                Duration.ofMinutes(5)));

        // n4 came after both copies of n3 on the same channel: once it is out, a second n3 would have been too.
        await().atMost(WAIT).until(() -> requests("/telegram", "pos-n4").size() == 1);
        assertThat(requests("/telegram", "pos-n3")).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> stats = given().get("/api/notifications").then().statusCode(200).extract().jsonPath().getMap("byChannel.telegram");
            assertThat(stats).containsKey("duplicate");
        });
    }

    @Test
    void shouldDeadLetterARecordThatIsNoEventAndCommitPastIt() throws Exception {
        byte[] poison = "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8);
        // A quiet topic: nothing comes after the poison to carry the committed offset past it.
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topic.ORDER_CANCELLED.topicName(), "poison-n9", poison)).get();
        }

        try (KafkaConsumer<String, byte[]> dlq = EventClients.rawReader(SharedKafka.bootstrapServers())) {
            ConsumerRecord<String, byte[]> dead = EventClients.awaitRecord(dlq, Topic.DLQ.topicName(),
                    r -> "poison-n9".equals(r.key()) && "notification-service".equals(header(r, DeadLetters.SERVICE)), WAIT)
                    .orElseThrow(() -> new AssertionError("the poison is not in the DLQ"));
            assertThat(dead.value()).isEqualTo(poison);
            assertThat(header(dead, DeadLetters.REASON)).contains("not an AlphaStocks event");
            assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topic.ORDER_CANCELLED.topicName());
        }
        try (com.alphastocks.streams.lag.LagMeter lag = new com.alphastocks.streams.lag.LagMeter(SharedKafka.bootstrapServers(), "test-lag")) {
            await().atMost(WAIT).until(() -> lag.measure(Map.of("notification-service", java.util.Set.of(Topic.ORDER_CANCELLED.topicName())))
                    .stream().mapToLong(com.alphastocks.streams.lag.ConsumerLag::lag).sum() == 0);
        }
    }

    @Test
    void shouldSendTheDaysReportWithItsChartAndTradesByEmailAndItsFiguresByTelegram() throws Exception {
        publish(Topic.DAY_ENDED, "2025-12-03", NotificationEvents.dayEnded("de"));

        await().atMost(WAIT).until(() -> mailsAbout("day-de").size() == 1);
        MimeMessage mail = mailsAbout("day-de").get(0);
        assertThat(mail.getSubject()).isEqualTo("[AlphaStocks] Day 2025-12-03: net 600 from 2 trade(s)");
        jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) mail.getContent();
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getFileName() != null) {
                files.add(parts.getBodyPart(i).getFileName() + " " + parts.getBodyPart(i).getContentType().split(";")[0]);
            }
        }
        assertThat(files).containsExactlyInAnyOrder("equity-2025-12-03.png image/png", "trades-2025-12-03.csv text/csv");
        assertThat(GreenMailUtil.getBody(mail)).contains("2 trade(s), 1 won (50 %): gross 700, charges 100, net 600; max drawdown 400.");

        await().atMost(WAIT).until(() -> !replies("-1001", "Day 2025-12-03").isEmpty());
        assertThat(replies("-1001", "Day 2025-12-03").get(0)).isEqualTo("""
                Day 2025-12-03: net 600 from 2 trade(s)
                2 trade(s), 1 won (50 %): gross 700, charges 100, net 600; max drawdown 400.
                MACD: 1 trade(s), 0 won, net -400
                RSI: 1 trade(s), 1 won, net 1000
                The equity curve and the trades are attached to the email.""");
    }

    @Test
    void shouldAnswerTelegramCommandsFromAllowedChatsAndSetTheKillSwitchEveryExecutorFollows() throws Exception {
        publish(Topic.POSITION_OPENED, "b1", NotificationEvents.opened("b1", Priority.NORMAL));
        // The desk sees the position once its event has come through; asked again until then.
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (replies("-1001", "[pos-b1]").isEmpty()) {
                ProviderStandIns.BOT_API.message("-1001", "desk", "/positions");
            }
            return !replies("-1001", "[pos-b1]").isEmpty();
        });
        assertThat(replies("-1001", "[pos-b1]").get(0))
                .contains("RSI 150 NIFTY25D0921500CE @ 152.50, stop 120.00, target 210.00 [pos-b1]");

        ProviderStandIns.BOT_API.message("555", "stranger", "/kill now");
        ProviderStandIns.BOT_API.message("42", "ops", "/kill lunch");
        await().atMost(WAIT).until(() -> !replies("42", "Kill switch ON").isEmpty());
        assertThat(tradingState()).isEqualTo("HALTED (was ACTIVE) by telegram:@ops: lunch");
        // The change is an event like any other, sent by the desk rule: who set it, and why.
        await().atMost(WAIT).until(() -> !replies("-1001", "Trading HALTED: no new entries").isEmpty());
        assertThat(replies("-1001", "Trading HALTED").get(0)).contains(
                "telegram:@ops set the desk's trading state to HALTED (was ACTIVE) at ").contains(": lunch.");

        ProviderStandIns.BOT_API.message("42", "ops", "/resume");
        await().atMost(WAIT).until(() -> !replies("42", "Kill switch off").isEmpty());
        assertThat(tradingState()).isEqualTo("ACTIVE (was HALTED) by telegram:@ops: null");
        // Updates are handled in order: the stranger's came before, and got nothing.
        assertThat(ProviderStandIns.REQUESTS.stream().filter(r -> r.body().contains("\"chat_id\":\"555\""))).isEmpty();
    }

    /** The texts the bot sent to {@code chat} that contain {@code text}. */
    private static List<String> replies(String chat, String text) {
        return requests("/telegram", text).stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(m -> m.path("chat_id").asText().equals(chat)).map(m -> m.path("text").asText()).toList();
    }

    /** The desk's latest trading state on trading.state: "STATE (was PREVIOUS) by WHO: REASON". */
    private static String tradingState() {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            List<ConsumerRecord<String, Object>> records = EventClients.readAll(reader, Topic.TRADING_STATE.topicName());
            com.alphastocks.contracts.TradingStateChanged latest = (com.alphastocks.contracts.TradingStateChanged) records.get(records.size() - 1).value();
            return latest.getState() + " (was " + latest.getPrevious() + ") by " + latest.getBy() + ": " + latest.getReason();
        }
    }

    private static List<MimeMessage> mailsAbout(String text) {
        return List.of(ProviderStandIns.smtp.getReceivedMessages()).stream().filter(m -> GreenMailUtil.getBody(m).contains(text)).toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
