package com.alphastocks.analytics.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.alphastocks.kafka.KafkaTestResource;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.lag.ConsumerLag;
import com.alphastocks.streams.lag.LagMeter;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.SampleEvents;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The analytics-service over the real (shared, in-process) broker: the week of {@link Events#theWeek} through REST. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class AnalyticsServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaProducer<String, Object> producer;
    private static KafkaProducer<String, byte[]> raw;

    @BeforeAll
    static void connect() {
        producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
        raw = new KafkaProducer<>(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        raw.close();
    }

    /** The stores answer 503 while the service starts or rebalances: wait for them before reading "before" figures. */
    @org.junit.jupiter.api.BeforeEach
    void storesReady() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/events/stats").then().statusCode(200));
    }

    private static void publish(String prefix) throws Exception {
        for (SampleEvents.Published e : SampleEvents.theWeek(prefix)) {
            producer.send(new ProducerRecord<>(e.topic().topicName(), null, e.at().toEpochMilli(), e.key(), e.event())).get();
        }
    }

    @Test
    void shouldReportTheDayOnceTheMarketsClockReachesItsEnd() throws Exception {
        // Monday 1 Dec 2025, a day no other test trades: dr-RSI +1,000 (09:30-10:00), then -400 (11:00-11:45).
        java.time.LocalDate monday = java.time.LocalDate.of(2025, 12, 1);
        List<SampleEvents.Published> day = new java.util.ArrayList<>();
        SampleEvents.trade(day, "dr-1", "dr-RSI", "NIFTY", "NIFTY25D0221500CE", "1000", SampleEvents.at(monday, "09:30"), 30);
        SampleEvents.trade(day, "dr-2", "dr-RSI", "NIFTY", "NIFTY25D0221500CE", "-400", SampleEvents.at(monday, "11:00"), 45);
        for (SampleEvents.Published e : day) {
            producer.send(new ProducerRecord<>(e.topic().topicName(), null, e.at().toEpochMilli(), e.key(), e.event())).get();
        }
        // The market's clock reaches the day's end (15:29) on Monday.
        producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "NIFTY", SampleEvents.tick("NIFTY", "21480", SampleEvents.at(monday, "15:29")))).get();

        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            com.alphastocks.contracts.DayEnded report = (com.alphastocks.contracts.DayEnded) EventClients.awaitRecord(reader,
                    Topic.DAY_ENDED.topicName(), r -> "2025-12-01".equals(r.key()), WAIT).orElseThrow().value();
            assertThat(report.getDay()).isEqualTo(monday);
            assertThat(report.getTrades()).isEqualTo(2);
            assertThat(report.getWins()).isEqualTo(1);
            assertThat(report.getNetPnl()).isEqualByComparingTo("600");
            // Charges 50 a trade in the fixture: gross 1,050 and -350.
            assertThat(report.getCharges()).isEqualByComparingTo("100");
            assertThat(report.getGrossPnl()).isEqualByComparingTo("700");
            assertThat(report.getMaxDrawdown()).isEqualByComparingTo("400");
            assertThat(report.getStrategies()).singleElement().satisfies(s -> {
                assertThat(s.getStrategy()).isEqualTo("dr-RSI");
                assertThat(s.getTrades()).isEqualTo(2);
            });
            assertThat(report.getClosedTrades()).extracting(t -> t.getPositionId()).containsExactly("pos-dr-1", "pos-dr-2");
            assertThat(report.getClosedTrades().get(1).getExitedAt()).isEqualTo(SampleEvents.at(monday, "11:45"));
            assertThat(report.getMetadata().getOccurredAt()).as("on the market's clock").isEqualTo(SampleEvents.at(monday, "15:29"));
        }
    }

    @Test
    void shouldScoreTheWeekPerStrategyOverTheBroker() throws Exception {
        publish("q-");

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/analytics/scorecards/strategy/q-RSI").then().log().ifValidationFails().statusCode(200)
                .body("trades", equalTo(5)));
        JsonPath rsi = when().get("/api/analytics/scorecards/strategy/q-RSI").then().extract().jsonPath();
        assertThat(rsi.getInt("wins")).isEqualTo(3);
        assertThat(rsi.getDouble("winRatePct")).isEqualTo(60.00);
        assertThat(rsi.getDouble("averageWin")).isEqualTo(1166.67);
        assertThat(rsi.getDouble("averageLoss")).isEqualTo(-1000.00);
        assertThat(rsi.getDouble("totalPnl")).isEqualTo(1500.0);
        assertThat(rsi.getDouble("profitFactor")).isEqualTo(1.75);
        assertThat(rsi.getDouble("expectancy")).isEqualTo(300.00);
        assertThat(rsi.getInt("averageHoldingMinutes")).isEqualTo(90);

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/analytics/scorecards/strategy/q-MACD").then().statusCode(200)
                .body("trades", equalTo(2)).body("losses", equalTo(2)));
        List<String> strategies = given().queryParam("kind", "strategy").get("/api/analytics/scorecards").then().statusCode(200)
                .extract().jsonPath().getList("name");
        assertThat(strategies).contains("q-MACD", "q-RSI");

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/analytics/funnels/q-RSI").then().statusCode(200)
                .body("rejectedByValidation", equalTo(1)).body("generated", equalTo(6)).body("filtered", equalTo(1))
                .body("activated", equalTo(5)).body("completed", equalTo(3)).body("stopped", equalTo(2)));
        given().get("/api/analytics/funnels/q-MACD").then().statusCode(200).body("refusedByRisk", equalTo(1));

        String csv = given().get("/api/analytics/ml-rows.csv").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        List<String> lines = Arrays.asList(csv.split("\n"));
        assertThat(lines.get(0)).startsWith("signal_id,position_id,strategy,").contains("feature_rsi");
        List<String> ours = lines.stream().filter(l -> l.startsWith("q-")).toList();
        assertThat(ours).hasSize(7);
        assertThat(ours).anySatisfy(l -> assertThat(l).startsWith("q-r4,pos-q-r4,q-RSI,NIFTY,BUY,21500,").contains(",-1500,STOP_LOSS,120,LOSS,"));

        given().queryParam("limit", 2).get("/api/events/position-closed").then().statusCode(200)
                .body("eventId", equalTo(List.of("closed-q-m2", "closed-q-r5")))
                .body("[0].event.netPnl", equalTo(-200.0f));
    }

    @Test
    void shouldLeaveAReplayForAnotherServiceUncountedAndStillCatchUpPastIt() throws Exception {
        org.apache.kafka.common.header.internals.RecordHeaders forOther = new org.apache.kafka.common.header.internals.RecordHeaders();
        forOther.add(DeadLetters.REPLAY_OF, "0:7".getBytes(StandardCharsets.UTF_8));
        forOther.add(DeadLetters.REPLAY_FOR, "notification-service".getBytes(StandardCharsets.UTF_8));
        // The last record of its partition: nothing after it carries the group's committed offset past it.
        producer.send(new ProducerRecord<>(Topic.POSITION_CLOSED.topicName(), null, "rp-1", (Object) SampleEvents.closed("rp-1", "rp-RSI",
                "NIFTY25D0921500CE", "900", SampleEvents.at(SampleEvents.WEDNESDAY, "10:00"), Duration.ofMinutes(5)), forOther)).get();

        try (LagMeter lag = new LagMeter(SharedKafka.bootstrapServers(), "analytics-test-lag")) {
            await().atMost(WAIT).until(() -> lag.measure(Map.of("analytics-service", java.util.Set.of(Topic.POSITION_CLOSED.topicName())))
                    .stream().mapToLong(ConsumerLag::lag).sum() == 0);
        }
        given().get("/api/analytics/scorecards/strategy/rp-RSI").then().statusCode(404);
    }

    @Test
    void shouldCountEventsPerTypeAndDeadLettersPerService() throws Exception {
        int closedBefore = published("POSITION_CLOSED");
        int failedBefore = failed("executor-service");
        int ownBefore = failed("analytics-service");

        // A record the executor gave up on, and a poison record on a topic the analytics-service reads.
        var dead = new ProducerRecord<String, byte[]>(Topic.DLQ.topicName(), "k", "junk".getBytes(StandardCharsets.UTF_8));
        dead.headers().add(DeadLetters.SERVICE, "executor-service".getBytes(StandardCharsets.UTF_8));
        raw.send(dead).get();
        raw.send(new ProducerRecord<>(Topic.POSITION_CLOSED.topicName(), "s-poison", new byte[] {1, 2, 3})).get();
        publish("s-");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(published("POSITION_CLOSED")).isEqualTo(closedBefore + 7);
            assertThat(failed("executor-service")).isEqualTo(failedBefore + 1);
            assertThat(failed("analytics-service")).isEqualTo(ownBefore + 1);
        });
        // The poison went to the DLQ and the week after it still counted.
        given().get("/api/analytics/scorecards/strategy/s-RSI").then().statusCode(200).body("trades", equalTo(5));
        // The dashboard's meters say the same: events per type, DLQ records per service, net P&L per strategy.
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .contains("alphastocks_events_total{type=\"POSITION_CLOSED\"} " + (closedBefore + 7) + ".0")
                .contains("alphastocks_dlq_records_total{service=\"executor-service\"} " + (failedBefore + 1) + ".0")
                .contains("alphastocks_net_pnl{strategy=\"s-RSI\"} 1500.0"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/api/events/stats").jsonPath()
                .getMap("consumed")).containsKey("analytics-service"));
    }

    @Test
    void shouldReportConsumerLagPerGroupAndTopicAsJsonAndMetrics() {
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> lags = given().get("/api/lag").then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(lags).anySatisfy(l -> {
                assertThat(l.get("group")).isEqualTo("analytics-service");
                assertThat(l.get("topic")).isEqualTo(Topic.SIGNAL_GENERATED.topicName());
            });
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .contains("alphastocks_consumer_lag{group=\"analytics-service\",topic=\"signal.generated\"}"));
    }

    @Test
    void shouldCountATransactionsCommitMarkerAsNoLag() throws Exception {
        String topic = "lag-probe-" + System.nanoTime();
        try (ClusterAdmin admin = ClusterAdmin.at(SharedKafka.bootstrapServers())) {
            admin.ensureTopic(topic, java.util.Optional.of(1), Map.of());
        }
        try (var tx = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", SharedKafka.bootstrapServers(),
                "transactional.id", topic), new StringSerializer(), new StringSerializer())) {
            tx.initTransactions();
            tx.beginTransaction();
            for (int i = 0; i < 3; i++) {
                tx.send(new ProducerRecord<>(topic, "k", "v" + i));
            }
            tx.commitTransaction();
        }
        // One group has read the three records (offsets 0-2; the marker is offset 3), another none of them.
        commit("caught-up-" + topic, topic, 3);
        commit("behind-" + topic, topic, 0);

        List<Map<String, Object>> lags = given().get("/api/lag").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(lags).anySatisfy(l -> {
            assertThat(l.get("group")).isEqualTo("caught-up-" + topic);
            assertThat(l.get("lag")).isEqualTo(0);
        });
        assertThat(lags).anySatisfy(l -> {
            assertThat(l.get("group")).isEqualTo("behind-" + topic);
            assertThat(l.get("lag")).isEqualTo(4);
        });
    }

    private static void commit(String group, String topic, long offset) {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers",
                SharedKafka.bootstrapServers(), "group.id", group), new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            var tp = new org.apache.kafka.common.TopicPartition(topic, 0);
            consumer.commitSync(Map.of(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(offset)));
        }
    }

    @Test
    void shouldListDeadLettersAndReplayOneOnceWithAnApiKey() throws Exception {
        // Its source is a topic the analytics-service does not read: the replayed bytes must not count as its own failure.
        var dead = new ProducerRecord<String, byte[]>(Topic.DLQ.topicName(), "replay-me", "bytes".getBytes(StandardCharsets.UTF_8));
        dead.headers().add(DeadLetters.SERVICE, "position-service".getBytes(StandardCharsets.UTF_8));
        dead.headers().add(DeadLetters.SOURCE_TOPIC, Topic.POSITION_CONTROL.topicName().getBytes(StandardCharsets.UTF_8));
        dead.headers().add(DeadLetters.REASON, "a test".getBytes(StandardCharsets.UTF_8));
        var written = raw.send(dead).get();
        String id = written.partition() + ":" + written.offset();

        given().queryParam("limit", 50).get("/api/dlq").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.service", equalTo("position-service"))
                .body("find { it.id == '" + id + "' }.reason", equalTo("a test"))
                .body("find { it.id == '" + id + "' }.replayed", equalTo(false));

        String body = "{\"ids\": [\"" + id + "\"]}";
        given().contentType("application/json").body(body).post("/api/dlq/replay").then().statusCode(401);
        given().contentType("application/json").header("X-API-Key", "test-key").body(body).post("/api/dlq/replay").then().statusCode(200)
                .body("[0].outcome", equalTo("SENT")).body("[0].topic", equalTo(Topic.POSITION_CONTROL.topicName()));
        given().contentType("application/json").header("X-API-Key", "test-key").body(body).post("/api/dlq/replay").then().statusCode(200)
                .body("[0].outcome", equalTo("ALREADY_REPLAYED"));
        given().contentType("application/json").header("X-API-Key", "test-key").body("{}").post("/api/dlq/replay").then().statusCode(400);
        given().queryParam("limit", 50).get("/api/dlq").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.replayed", equalTo(true));
    }

    @Test
    void shouldAnswerQuestionsItCannotAnswerWithAClearError() {
        given().queryParam("kind", "weekday").get("/api/analytics/scorecards").then().statusCode(400);
        given().get("/api/events/no-such-event").then().statusCode(400);
        given().queryParam("limit", 0).get("/api/events/position-closed").then().statusCode(400);
        given().get("/api/analytics/scorecards/strategy/never-traded").then().statusCode(404);
        given().get("/api/stores/signals-by-id").then().statusCode(404);
    }

    private static int published(String type) {
        Integer count = given().get("/api/events/stats").then().statusCode(200).extract().jsonPath().get("published." + type);
        return count == null ? 0 : count;
    }

    private static int failed(String service) {
        Integer count = given().get("/api/events/stats").then().statusCode(200).extract().jsonPath().get("failed.'" + service + "'");
        return count == null ? 0 : count;
    }
}
