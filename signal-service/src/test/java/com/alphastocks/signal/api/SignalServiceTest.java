package com.alphastocks.signal.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.SignalActivated;
import com.alphastocks.contracts.SignalCompleted;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.kafka.KafkaTestResource;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.signal.Generated;
import com.alphastocks.signal.SignalSamples;
import com.alphastocks.signal.ledger.SignalMetrics;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.wire.WireSettings;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

/** The signal-service over the real (shared, in-process) broker, in the embedded wire mode. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SignalServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "test-key";
    private static KafkaProducer<String, Object> producer;

    @Inject
    MeterRegistry metrics;

    @BeforeAll
    static void connect() {
        producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    @Test
    void shouldAnnounceASignalFromTheTopicWithItsMetadata() throws Exception {
        StrategySignal sent = SignalSamples.niftyBuy("topic-1");
        send(Topic.STRATEGY_SIGNALS, "RSI", sent);

        SignalGenerated generated = awaitGenerated("topic-1");

        assertThat(generated.getMetadata().getEventType()).isEqualTo(EventType.SIGNAL_GENERATED);
        assertThat(generated.getMetadata().getCorrelationId()).isEqualTo(generated.getSignalId());
        assertThat(generated.getMetadata().getCausationId()).isEqualTo(sent.getMetadata().getEventId());
        assertThat(generated.getMetadata().getProducer()).isEqualTo("signal-service");
        assertThat(generated.getMetadata().getPriority()).isEqualTo(Priority.NORMAL);
        assertThat(generated.getEntryPrice()).isEqualByComparingTo("21500");
    }

    @Test
    void shouldAnnounceASignalPostedAsJsonAndAnswerWithItsId() {
        var answer = given().contentType(ContentType.JSON).header("X-API-Key", KEY).body(json("rest-1", "BUY", "21350"))
                .when().post("/api/signals")
                .then().statusCode(202).extract();
        String signalId = answer.path("signalId");

        assertThat(answer.header("Location")).endsWith("/api/signals/" + signalId);
        assertThat(awaitGenerated("rest-1").getSignalId()).isEqualTo(signalId);
    }

    @Test
    void shouldYieldOneSignalForASignalSentThreeTimes() throws Exception {
        StrategySignal signal = SignalSamples.niftyBuy("retry-1");
        given().contentType(ContentType.JSON).header("X-API-Key", KEY).body(json("retry-1", "BUY", "21350"))
                .post("/api/signals").then().statusCode(202);
        given().contentType(ContentType.JSON).header("X-API-Key", KEY).body(json("retry-1", "BUY", "21350"))
                .post("/api/signals").then().statusCode(202);
        send(Topic.STRATEGY_SIGNALS, "RSI", signal);

        await().atMost(WAIT).until(() -> counted("retry") >= 2);
        // Exactly once: what the retries' processing publishes is visible with its transaction (a commit each 100 ms),
        // so the count must be 1 and stay 1 over several commits.
        await().atMost(WAIT).during(Duration.ofMillis(600)).until(() -> Generated.all("retry-1", "signal-service").size() == 1);
    }

    @Test
    void shouldAnswerAnInvalidSignalWith422AndEveryFieldInError() {
        given().contentType(ContentType.JSON).header("X-API-Key", KEY).body(json("bad-1", "BUY", "21600"))
                .when().post("/api/signals")
                .then().statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Invalid signal"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("stopLoss"))
                .body("errors[0].code", equalTo("STOP_LOSS_WRONG_SIDE"))
                .body("errors[0].message", equalTo("for a BUY the stop loss (21600) must be below the entry price (21500)"));
    }

    @Test
    void shouldAnswerMalformedJsonWith400() {
        given().contentType(ContentType.JSON).header("X-API-Key", KEY).body("{\"strategy\": \"RSI\", \"entryPrice\": \"lots\"}")
                .when().post("/api/signals")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
    }

    @Test
    void shouldRefuseToAcceptSignalsWithoutAValidApiKey() {
        given().contentType(ContentType.JSON).body(json("auth-1", "BUY", "21350")).post("/api/signals").then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-API-Key", "guess").body(json("auth-1", "BUY", "21350"))
                .post("/api/signals").then().statusCode(401);
    }

    @Test
    void shouldPublishARejectionForAnInvalidSignalOnTheTopic() throws Exception {
        StrategySignal bad = SignalSamples.niftyBuy("bad-topic-1");
        bad.setSymbol("SENSEX");
        send(Topic.STRATEGY_SIGNALS, "RSI", bad);

        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            var rejected = (com.alphastocks.contracts.SignalRejected) EventClients.awaitRecord(reader, Topic.SIGNAL_REJECTED.topicName(),
                    r -> "bad-topic-1".equals(((com.alphastocks.contracts.SignalRejected) r.value()).getClientSignalId()), WAIT)
                    .orElseThrow().value();
            assertThat(rejected.getStage()).isEqualTo(com.alphastocks.contracts.RejectionStage.VALIDATION);
            assertThat(rejected.getReasons()).singleElement().satisfies(r -> assertThat(r.getCode()).isEqualTo("UNKNOWN_SYMBOL"));
        }
        given().get("/api/signals?status=REJECTED&strategy=RSI").then().statusCode(200)
                .body("signals.clientSignalId", hasItems("bad-topic-1"));
    }

    @Test
    void shouldShowTheWholeLifeOfASignalFromGeneratedToCompleted() throws Exception {
        send(Topic.STRATEGY_SIGNALS, "RSI", SignalSamples.niftyBuy("life-1"));
        String signalId = awaitGenerated("life-1").getSignalId();
        Envelope executor = new Envelope("executor-service", java.time.Clock.systemUTC());
        Envelope positions = new Envelope("position-service", java.time.Clock.systemUTC());

        send(Topic.SIGNAL_ACTIVATED, signalId, SignalActivated.newBuilder()
                .setMetadata(executor.metadata(EventType.SIGNAL_ACTIVATED, EventIds.random(), signalId, null, Priority.HIGH))
                .setSignalId(signalId).setOrderId("ORD-" + signalId).setSymbol("NIFTY").setInstrument("NIFTY25DEC21500CE")
                .setAction(SignalAction.BUY).setPrice(Decimals.of("152.35")).setQuantity(75).build());
        send(Topic.SIGNAL_COMPLETED, signalId, SignalCompleted.newBuilder()
                .setMetadata(positions.metadata(EventType.SIGNAL_COMPLETED, EventIds.random(), signalId, null, Priority.CRITICAL))
                .setSignalId(signalId).setExitPrice(Decimals.of("175.36")).setProfitLoss(Decimals.of("1725.50"))
                .setProfitLossPct(Decimals.of("15.10")).setExitReason(ExitReason.TARGET).build());

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/signals/" + signalId).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("exitReason", equalTo("TARGET"))
                .body("timeline.status", org.hamcrest.Matchers.contains("GENERATED", "ACTIVATED", "COMPLETED"))
                .body("timeline.producer", org.hamcrest.Matchers.contains("signal-service", "executor-service", "position-service")));
        given().get("/api/signals/no-such-signal").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldDeadLetterARecordThatIsNotAvroAndLetTheNextSignalThrough() throws Exception {
        byte[] poison = "{\"symbol\": \"NIFTY\", \"action\": \"BUY\"}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), "RSI", poison)).get();
        }
        send(Topic.STRATEGY_SIGNALS, "RSI", SignalSamples.niftyBuy("after-poison"));

        assertThat(awaitGenerated("after-poison")).isNotNull();
        ConsumerRecord<String, byte[]> dead;
        try (KafkaConsumer<String, byte[]> dlq = EventClients.rawReader(SharedKafka.bootstrapServers())) {
            dead = EventClients.awaitRecord(dlq, Topic.DLQ.topicName(),
                    r -> Arrays.equals(r.value(), poison) && "signal-service".equals(header(r, DeadLetters.SERVICE)), WAIT)
                    .orElseThrow();
        }
        assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo("strategy.signals");
        assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).matches("\\d+");
        assertThat(header(dead, DeadLetters.REASON)).contains("not an AlphaStocks event");
        assertThat(header(dead, DeadLetters.ATTEMPTS)).isEqualTo("1");
    }

    @Test
    void shouldDeadLetterAnEventOfAnotherSchemaAndLetTheNextSignalThrough() throws Exception {
        // An event the wire reads well, of the wrong type for the topic: a tick where a signal belongs.
        com.alphastocks.contracts.MarketTick tick = com.alphastocks.contracts.MarketTick.newBuilder()
                .setMetadata(new com.alphastocks.streams.Envelope("test", java.time.Clock.systemUTC()).metadata(
                        com.alphastocks.contracts.EventType.MARKET_TICK, "wrong-schema-tick", "NIFTY", null, com.alphastocks.contracts.Priority.LOW))
                .setInstrument("NIFTY").setUnderlying("NIFTY").setExchangeTime(Instant.now()).setLastPrice(Decimals.of("21500")).build();
        send(Topic.STRATEGY_SIGNALS, "RSI", tick);
        send(Topic.STRATEGY_SIGNALS, "RSI", SignalSamples.niftyBuy("after-wrong-schema"));

        assertThat(awaitGenerated("after-wrong-schema")).isNotNull();
        try (KafkaConsumer<String, byte[]> dlq = EventClients.rawReader(SharedKafka.bootstrapServers())) {
            ConsumerRecord<String, byte[]> dead = EventClients.awaitRecord(dlq, Topic.DLQ.topicName(),
                    r -> "signal-service".equals(header(r, DeadLetters.SERVICE)) && header(r, DeadLetters.REASON) != null
                            && header(r, DeadLetters.REASON).contains("is a MarketTick, not a StrategySignal"), WAIT)
                    .orElseThrow(() -> new AssertionError("no DLQ record for the tick on strategy.signals"));
            assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo("strategy.signals");
        }
    }

    private double counted(String outcome) {
        var counter = metrics.find(SignalMetrics.NAME).tags("outcome", outcome, "strategy", "RSI").counter();
        return counter == null ? 0 : counter.count();
    }

    private static void send(Topic<?> topic, String key, Object event) throws Exception {
        producer.send(new ProducerRecord<>(topic.topicName(), key, event)).get();
    }

    private static String json(String clientSignalId, String action, String stopLoss) {
        return """
                {"strategy": "RSI", "symbol": "NIFTY", "action": "%s", "entryPrice": 21500, "stopLoss": %s,
                 "target": 21700, "signalStrength": 7.5, "expectedMovePct": 0.93, "clientSignalId": "%s",
                 "timeframe": "5min", "features": {"rsi": 32.5}, "generatedAt": "%s"}
                """.formatted(action, stopLoss, clientSignalId, Instant.now());
    }

    private static SignalGenerated awaitGenerated(String clientSignalId) {
        return Generated.await(clientSignalId, "signal-service");
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
