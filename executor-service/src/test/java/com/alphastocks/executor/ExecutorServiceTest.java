package com.alphastocks.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.executor.trading.Fixtures;
import com.alphastocks.kafka.KafkaTestResource;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The executor over the real broker, paper mode, NIFTY ticking upwards from 21480 to 21523. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ExecutorServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 10:00 on Wednesday 3 Dec 2025 in Mumbai: NIFTY's next expiry is Tuesday 9 Dec. */
    private static final Instant MARKET_TIME = Instant.parse("2025-12-03T04:30:00Z");
    private static KafkaProducer<String, Object> producer;

    @BeforeAll
    static void connect() throws Exception {
        producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    /** Each test starts with the market ticking (the executor's market holds the ticks) and no position open. */
    private void niftyRising() throws Exception {
        org.apache.kafka.clients.producer.RecordMetadata last = null;
        for (String price : new String[] {"21480", "21495", "21510", "21523"}) {
            last = producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "NIFTY", tick("NIFTY", price))).get();
        }
        String partition = String.valueOf(last.partition());
        long read = last.offset() + 1;
        await().atMost(WAIT).until(() -> {
            var risk = given().get("/api/risk");
            if (risk.statusCode() != 200) {
                return false;
            }
            java.util.Map<String, Number> readUpTo = risk.path("marketReadUpTo");
            return readUpTo != null && readUpTo.get(partition) != null && readUpTo.get(partition).longValue() >= read;
        });
    }

    @AfterEach
    void closeEverything() throws Exception {
        given().contentType(ContentType.JSON).header("X-API-Key", "test-key").body("{\"on\": false}")
                .post("/api/risk/kill-switch").then().statusCode(200);
        List<String> open = given().get("/api/orders?open=true").then().statusCode(200).extract().path("signalId");
        for (String signalId : open) {
            send(Topic.POSITION_CLOSED, signalId, closed(signalId));
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/risk").then().body("openPositions", equalTo(0)));
    }

    @Test
    void shouldTurnAGoodSignalIntoThePlacedOrderItsFillTheTradeThePositionAndTheActivation() throws Exception {
        niftyRising();
        SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");
        send(Topic.SIGNAL_GENERATED, signal.getSignalId(), signal);

        List<SpecificRecord> story = storyOf(signal.getSignalId(), 5);

        assertThat(story).extracting(e -> e.getSchema().getName())
                .containsExactly("OrderPlaced", "OrderFilled", "TradeExecuted", "PositionOpened", "SignalActivated");
        assertThat(story).extracting(ExecutorServiceTest::meta).allSatisfy(m -> {
            assertThat(m.getCorrelationId()).isEqualTo(signal.getSignalId());
            assertThat(m.getProducer()).isEqualTo("executor-service");
        });
        PositionOpened position = (PositionOpened) story.get(3);
        assertThat(position.getInstrument()).isEqualTo("NIFTY25D0921500CE");
        assertThat(position.getExitRules().getStopLossPremium()).isLessThan(position.getEntryPremium());
        given().get("/api/orders?status=FILLED").then().statusCode(200).body("signalId", org.hamcrest.Matchers.hasItem(signal.getSignalId()));
    }

    @Test
    void shouldRefuseWithAReasonEveryTimeAndNeverInSilence() throws Exception {
        niftyRising();
        SignalGenerated weak = Fixtures.buy("NIFTY", "5", "1.6");
        SignalGenerated unknown = Fixtures.buy("SENSEX", "8", "1.6");
        send(Topic.SIGNAL_GENERATED, weak.getSignalId(), weak);
        send(Topic.SIGNAL_GENERATED, unknown.getSignalId(), unknown);

        assertThat(refusal(weak.getSignalId())).isEqualTo("FILTER WEAK_SIGNAL signal strength 5 is below the mode's minimum of 7");
        assertThat(refusal(unknown.getSignalId())).isEqualTo("FILTER UNKNOWN_UNDERLYING no options are configured for SENSEX");
    }

    @Test
    void shouldOpenExactlyThreePositionsForTwentySignalsAtOnce() throws Exception {
        niftyRising();
        List<SignalGenerated> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");
            burst.add(signal);
            producer.send(new ProducerRecord<>(Topic.SIGNAL_GENERATED.topicName(), signal.getSignalId(), signal));
        }
        producer.flush();

        await().atMost(WAIT).until(() -> eventsBySignal().keySet().containsAll(burst.stream().map(SignalGenerated::getSignalId).toList()));
        Map<String, List<SpecificRecord>> outcomes = eventsBySignal();
        long opened = burst.stream().filter(s -> outcomes.get(s.getSignalId()).stream().anyMatch(PositionOpened.class::isInstance)).count();
        long refused = burst.stream().filter(s -> outcomes.get(s.getSignalId()).stream().anyMatch(SignalRejected.class::isInstance)).count();
        assertThat(opened).isEqualTo(3);
        assertThat(refused).isEqualTo(17);
        given().get("/api/risk").then().body("openPositions", equalTo(3));
    }

    @Test
    void shouldStopNewEntriesWhileTheKillSwitchIsOnAndOnlyForCallersWithAKey() throws Exception {
        niftyRising();
        given().contentType(ContentType.JSON).body("{\"on\": true}").post("/api/risk/kill-switch").then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-API-Key", "test-key").body("{\"on\": true, \"reason\": \"desk review\"}")
                .post("/api/risk/kill-switch").then().statusCode(200).body("by", equalTo("test"));
        given().get("/api/risk").then().body("killSwitch.on", equalTo(true)).body("killSwitch.state", equalTo("HALTED"));

        SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");
        send(Topic.SIGNAL_GENERATED, signal.getSignalId(), signal);

        assertThat(refusal(signal.getSignalId()))
                .isEqualTo("RISK KILL_SWITCH new entries are stopped by the kill switch: desk review (set by test)");
    }

    @Test
    void shouldTradeExitsOnlyWhileReducingAndPublishEachChangeWithWhoAndWhy() throws Exception {
        given().contentType(ContentType.JSON).body("{\"state\": \"REDUCING\"}").post("/api/risk/trading-state").then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-API-Key", "test-key").body("{\"state\": \"REDUCING\", \"reason\": \"RBI at 10:00\"}")
                .post("/api/risk/trading-state").then().statusCode(200).body("state", equalTo("REDUCING")).body("by", equalTo("test"));
        given().get("/api/risk").then().body("killSwitch.state", equalTo("REDUCING"));

        SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");
        send(Topic.SIGNAL_GENERATED, signal.getSignalId(), signal);
        assertThat(refusal(signal.getSignalId()))
                .isEqualTo("RISK TRADING_REDUCING the desk is reducing, exits only: RBI at 10:00 (set by test)");

        // Each change is an event on trading.state: the state, the one it replaced, who and why; the same state again is none.
        given().contentType(ContentType.JSON).header("X-API-Key", "test-key").body("{\"state\": \"REDUCING\"}")
                .post("/api/risk/trading-state").then().statusCode(200).body("reason", equalTo("RBI at 10:00"));
        given().contentType(ContentType.JSON).header("X-API-Key", "test-key").body("{\"state\": \"ACTIVE\", \"reason\": \"after the policy\"}")
                .post("/api/risk/trading-state").then().statusCode(200).body("state", equalTo("ACTIVE"));
        try (var reader = com.alphastocks.streams.EventClients.reader(SharedKafka.bootstrapServers())) {
            List<String> changes = com.alphastocks.streams.EventClients.readAll(reader, Topic.TRADING_STATE.topicName()).stream()
                    .map(r -> (com.alphastocks.contracts.TradingStateChanged) r.value())
                    .map(c -> c.getPrevious() + "->" + c.getState() + " by " + c.getBy() + ": " + c.getReason()).toList();
            assertThat(changes).endsWith("ACTIVE->REDUCING by test: RBI at 10:00", "REDUCING->ACTIVE by test: after the policy");
        }
        given().contentType(ContentType.JSON).header("X-API-Key", "test-key").body("{\"state\": \"PAUSED\"}")
                .post("/api/risk/trading-state").then().statusCode(400);
    }

    @Test
    void shouldAnswerABadKillSwitchRequestWith400() {
        given().contentType(ContentType.JSON).header("X-API-Key", "test-key").body("{}").post("/api/risk/kill-switch")
                .then().statusCode(400);
    }

    private static String refusal(String signalId) {
        await().atMost(WAIT).until(() -> eventsOf(signalId).stream().anyMatch(SignalRejected.class::isInstance));
        SignalRejected rejected = (SignalRejected) eventsOf(signalId).stream().filter(SignalRejected.class::isInstance).findFirst().orElseThrow();
        return rejected.getStage() + " " + rejected.getReasons().get(0).getCode() + " " + rejected.getReasons().get(0).getMessage();
    }

    /** The executor's events about one signal, in the order it published them (every type topic, sorted by time). */
    private static List<SpecificRecord> storyOf(String signalId, int expected) {
        await().atMost(WAIT).until(() -> eventsOf(signalId).size() >= expected);
        return eventsOf(signalId);
    }

    private static final List<Topic<?>> OUTPUTS = List.of(Topic.ORDER_PLACED, Topic.ORDER_FILLED, Topic.ORDER_REJECTED,
            Topic.ORDER_CANCELLED, Topic.TRADE_EXECUTED, Topic.POSITION_OPENED, Topic.SIGNAL_ACTIVATED, Topic.SIGNAL_REJECTED);

    private static List<SpecificRecord> eventsOf(String signalId) {
        return eventsBySignal().getOrDefault(signalId, List.of());
    }

    /** Every event the executor has published so far, by signal id, each signal's in the order they happened. */
    private static Map<String, List<SpecificRecord>> eventsBySignal() {
        Map<String, List<SpecificRecord>> bySignal = new HashMap<>();
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            for (Topic<?> topic : OUTPUTS) {
                for (ConsumerRecord<String, Object> record : EventClients.readAll(reader, topic.topicName())) {
                    bySignal.computeIfAbsent(record.key(), k -> new ArrayList<>()).add((SpecificRecord) record.value());
                }
            }
        }
        bySignal.values().forEach(events -> events.sort(java.util.Comparator.comparing((SpecificRecord e) -> meta(e).getOccurredAt())
                .thenComparing(e -> OUTPUTS.indexOf(Topic.of(e.getClass())))));
        return bySignal;
    }

    private static EventMetadata meta(SpecificRecord event) {
        return (EventMetadata) event.get(event.getSchema().getField("metadata").pos());
    }

    private static void send(Topic<?> topic, String key, Object event) throws Exception {
        producer.send(new ProducerRecord<>(topic.topicName(), key, event)).get();
    }

    private static MarketTick tick(String instrument, String price) {
        return MarketTick.newBuilder()
                .setMetadata(new Envelope("market-feed", Clock.systemUTC()).metadata(EventType.MARKET_TICK, EventIds.random(), instrument,
                        null, Priority.LOW))
                .setInstrument(instrument).setUnderlying(instrument).setOption(null).setLastPrice(Decimals.of(price))
                .setBid(null).setAsk(null).setVolume(0).setOpenInterest(0).setImpliedVolatility(null)
                // Market time, not the machine's: the executor trades the expiries of the market's day, whatever day the test runs.
                .setExchangeTime(MARKET_TIME)
                .build();
    }

    private static PositionClosed closed(String signalId) {
        return PositionClosed.newBuilder()
                .setMetadata(new Envelope("position-service", Clock.systemUTC()).metadata(EventType.POSITION_CLOSED, EventIds.random(),
                        signalId, null, Priority.CRITICAL))
                .setPositionId("pos-" + signalId).setSignalId(signalId).setStrategy("RSI").setInstrument("NIFTY")
                .setQuantity(150).setEntryPremium(Decimals.of("189")).setExitPremium(Decimals.of("189")).setGrossPnl(Decimals.of("0"))
                .setCharges(Decimals.of("0")).setNetPnl(Decimals.of("0")).setExitReason(ExitReason.MANUAL).setHoldingMillis(1000)
                .build();
    }
}
