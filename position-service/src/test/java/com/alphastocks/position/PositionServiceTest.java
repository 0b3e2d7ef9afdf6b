package com.alphastocks.position;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.kafka.KafkaTestResource;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.position.trading.ExitEngineTest;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The position-service over the real broker, paper mode: positions as the executor opens them, ticks as the feed sends them. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class PositionServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProducer<String, Object> producer;

    @BeforeAll
    static void connect() {
        producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    @Test
    void shouldCloseAPositionOnItsTicksWithTheReasonThePnlAndTheEvents() throws Exception {
        String instrument = "NIFTY26D0121600CE";
        PositionOpened position = open("svc-1", instrument);
        awaitWatched(position);
        tick(instrument, "200", 0);
        tick(instrument, "130", 1);

        PositionClosed closed = awaitClosed("svc-1");
        assertThat(closed.getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
        // 130 at the bid 129.95 less 0.1 % = 129.82 -> 129.80; (129.80 - 189.15) x 150 = -8,902.50
        assertThat(closed.getGrossPnl()).isEqualByComparingTo("-8902.50");
        assertThat(closed.getNetPnl()).isLessThan(closed.getGrossPnl());
        assertThat(closed.getMetadata().getCorrelationId()).isEqualTo(position.getSignalId());
        given().get("/api/positions/" + position.getPositionId()).then().statusCode(200)
                .body("status", equalTo("closed")).body("close.exitReason", equalTo("STOP_LOSS"));
    }

    @Test
    void shouldCloseByHandOnlyForCallersWithAKey() throws Exception {
        String instrument = "NIFTY26D0121700CE";
        PositionOpened position = open("svc-2", instrument);
        awaitWatched(position);
        tick(instrument, "195", 0);

        given().post("/api/positions/" + position.getPositionId() + "/close").then().statusCode(401);
        given().header("X-API-Key", "test-key").post("/api/positions/" + position.getPositionId() + "/close").then().statusCode(202);

        assertThat(awaitClosed("svc-2").getExitReason()).isEqualTo(ExitReason.MANUAL);
        given().header("X-API-Key", "test-key").post("/api/positions/" + position.getPositionId() + "/close").then().statusCode(409);
        given().header("X-API-Key", "test-key").post("/api/positions/no-such-position/close").then().statusCode(404);
    }

    /** A position is watched from the first tick after it reached the book (ticks before it find nothing to watch). */
    private static void awaitWatched(PositionOpened position) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/positions?status=open").then().statusCode(200)
                .body("position.positionId", hasItem(position.getPositionId())));
    }

    private static PositionOpened open(String signalId, String instrument) throws Exception {
        PositionOpened position = ExitEngineTest.opened(2, LocalDate.of(2025, 12, 9));
        position.setSignalId(signalId);
        position.setPositionId("pos-" + signalId);
        position.setInstrument(instrument);
        position.setMetadata(new Envelope("executor-service", Clock.systemUTC()).metadata(EventType.POSITION_OPENED, EventIds.random(),
                signalId, null, Priority.HIGH));
        producer.send(new ProducerRecord<>(Topic.POSITION_OPENED.topicName(), signalId, position)).get();
        return position;
    }

    /** A tick {@code seconds} after 10:00 on Wednesday 3 Dec 2025 (exchange time, whatever the hour here); 0.05 each side. */
    static void tick(String instrument, String price, int seconds) throws Exception {
        Instant at = Instant.parse("2025-12-03T04:30:00Z").plusSeconds(seconds);
        java.math.BigDecimal last = new java.math.BigDecimal(price);
        producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, MarketTick.newBuilder()
                .setMetadata(new Envelope("feed", Clock.systemUTC()).metadata(EventType.MARKET_TICK, EventIds.random(), instrument, null, Priority.LOW))
                .setInstrument(instrument).setUnderlying("NIFTY")
                .setOption(OptionContract.newBuilder().setOptionType(OptionType.CE).setStrike(Decimals.of("21500"))
                        .setExpiry(LocalDate.of(2025, 12, 9)).build())
                .setLastPrice(Decimals.scaled(last)).setBid(Decimals.scaled(last.subtract(new java.math.BigDecimal("0.05"))))
                .setAsk(Decimals.scaled(last.add(new java.math.BigDecimal("0.05")))).setVolume(1000).setOpenInterest(50000)
                .setImpliedVolatility(Decimals.of("15")).setExchangeTime(at).build())).get();
    }

    static PositionClosed awaitClosed(String signalId) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return (PositionClosed) EventClients.awaitRecord(reader, Topic.POSITION_CLOSED.topicName(), r -> signalId.equals(r.key()), WAIT)
                    .orElseThrow(() -> new AssertionError("no position.closed for " + signalId)).value();
        }
    }

    static List<Object> closedFor(String signalId) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return EventClients.readAll(reader, Topic.POSITION_CLOSED.topicName()).stream().filter(r -> signalId.equals(r.key()))
                    .map(r -> r.value()).toList();
        }
    }
}
