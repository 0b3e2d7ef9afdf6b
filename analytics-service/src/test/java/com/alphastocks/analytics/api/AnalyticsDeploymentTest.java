package com.alphastocks.analytics.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.alphastocks.analytics.AnalyticsWiring;
import com.alphastocks.analytics.score.MlRow;
import com.alphastocks.analytics.score.Scorecard;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.QueriedInstance;
import com.alphastocks.testkit.SampleEvents;
import com.alphastocks.testkit.TestDeployment;
import com.alphastocks.testkit.TestTopics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analytics topology as it is deployed: two instances in one consumer group, each holding part of the stores,
 * answering for each other over HTTP; then a restart from nothing but the changelogs. Plain Kafka Streams over the
 * shared broker, each a {@link QueriedInstance}: its stores read as the service reads them, over HTTP from the other.
 */
class AnalyticsDeploymentTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String APP = "analytics-deploy-test-" + System.nanoTime();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static KafkaProducer<String, Object> producer;
    private final List<QueriedInstance> running = new ArrayList<>();

    @BeforeAll
    static void topics() throws Exception {
        TestTopics.ensureAll(6);
        producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    @Test
    void shouldAnswerForTheWholeStoreFromEitherInstanceAndSurviveARestartFromTheChangelogs() throws Exception {
        QueriedInstance a = start("a");
        QueriedInstance b = start("b");
        await().atMost(WAIT).until(() -> a.streams().state() == KafkaStreams.State.RUNNING && b.streams().state() == KafkaStreams.State.RUNNING
                && a.streams().metadataForAllStreamsClients().size() == 2);

        publish(SampleEvents.theWeek("d-"));

        // The seven ML rows are spread over both instances (by signal id); either instance answers for all of them.
        await().atMost(WAIT).untilAsserted(() -> assertThat(ours(a.stores().all(AnalyticsTopology.ML_ROWS_STORE, MlRow.class))).hasSize(7));
        Map<String, MlRow> fromB = ours(b.stores().all(AnalyticsTopology.ML_ROWS_STORE, MlRow.class));
        assertThat(fromB).isEqualTo(ours(a.stores().all(AnalyticsTopology.ML_ROWS_STORE, MlRow.class)));
        Map<String, MlRow> heldByB = ours(b.stores().localAll(AnalyticsTopology.ML_ROWS_STORE));
        assertThat(heldByB).as("instance b holds part of the rows").isNotEmpty().hasSizeLessThan(7);
        String keyOnB = heldByB.keySet().iterator().next();
        assertThat(a.stores().<MlRow>localGet(AnalyticsTopology.ML_ROWS_STORE, keyOnB)).isNull();
        assertThat(a.stores().get(AnalyticsTopology.ML_ROWS_STORE, keyOnB, MlRow.class)).hasValueSatisfying(
                row -> assertThat(row.signalId()).isEqualTo(keyOnB));

        // A key asked of the instance that does not hold it is fetched from the one that does.
        await().atMost(WAIT).untilAsserted(() -> assertThat(trades(a, "strategy:d-RSI")).isEqualTo(5));
        assertThat(trades(b, "strategy:d-RSI")).isEqualTo(5);
        assertThat(trades(b, "strategy:d-MACD")).isEqualTo(2);

        // Stop both, throw away a's local state, start a alone: the stores come back from their changelogs, not
        // from a reprocessing of the events (which would count each trade twice).
        a.close();
        b.close();
        running.clear();
        a.streams().cleanUp();
        QueriedInstance again = start("a");
        await().atMost(WAIT).until(() -> again.streams().state() == KafkaStreams.State.RUNNING);
        await().atMost(WAIT).untilAsserted(() -> assertThat(trades(again, "strategy:d-RSI")).isEqualTo(5));
        assertThat(again.stores().get(AnalyticsTopology.SCORECARDS_STORE, "strategy:d-RSI", Scorecard.class).orElseThrow().netPnl())
                .isEqualByComparingTo("1500");
        assertThat(ours(again.stores().localAll(AnalyticsTopology.ML_ROWS_STORE))).hasSize(7);

        // And it goes on counting from there.
        List<SampleEvents.Published> one = new ArrayList<>();
        SampleEvents.trade(one, "d-r6", "d-RSI", "NIFTY", "NIFTY25D1121600PE", "100", SampleEvents.at(SampleEvents.THURSDAY, "15:00"), 10);
        publish(one);
        await().atMost(WAIT).untilAsserted(() -> assertThat(trades(again, "strategy:d-RSI")).isEqualTo(6));
        assertThat(again.stores().get(AnalyticsTopology.SCORECARDS_STORE, "strategy:d-RSI", Scorecard.class).orElseThrow().netPnl())
                .isEqualByComparingTo("1600");
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        running.forEach(QueriedInstance::close);
    }

    private static int trades(QueriedInstance instance, String key) {
        return instance.stores().get(AnalyticsTopology.SCORECARDS_STORE, key, Scorecard.class).map(Scorecard::trades).orElse(0);
    }

    private static <V> Map<String, V> ours(Map<String, V> entries) {
        Map<String, V> mine = new java.util.TreeMap<>(entries);
        mine.keySet().removeIf(k -> !k.startsWith("d-"));
        return mine;
    }

    private static void publish(List<SampleEvents.Published> events) throws Exception {
        for (SampleEvents.Published e : events) {
            producer.send(new ProducerRecord<>(e.topic().topicName(), null, e.at().toEpochMilli(), e.key(), e.event())).get();
        }
    }

    /** One instance of the deployment, with its store endpoint for the other instance. */
    private QueriedInstance start(String name) throws IOException {
        Path state = SharedKafka.stateDir().resolve(APP).resolve(name);
        Files.createDirectories(state);
        QueriedInstance instance = QueriedInstance.start(TestDeployment.of(AnalyticsTopology.build(AnalyticsWiring.serdes(JSON,
                        WireSettings.EMBEDDED), ZoneId.of("Asia/Kolkata"), 100), APP, state)
                .commitEvery(Duration.ofMillis(200)).readingFrom("earliest")
                .set(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class)
                .set(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, com.alphastocks.streams.dlq.StreamsDeadLetters.class)
                .set(com.alphastocks.streams.dlq.DeadLetters.SERVICE_CONFIG, "analytics-service"), JSON);
        running.add(instance);
        return instance;
    }
}
