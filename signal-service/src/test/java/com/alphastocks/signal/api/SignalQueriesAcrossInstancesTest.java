package com.alphastocks.signal.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.signal.SignalSamples;
import com.alphastocks.signal.TestRules;
import com.alphastocks.signal.ledger.SignalLedger;
import com.alphastocks.signal.ledger.SignalMetrics;
import com.alphastocks.signal.ledger.SignalTopology;
import com.alphastocks.signal.trading.SignalValidator;
import com.alphastocks.signal.trading.SignalView;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.StreamsDeadLetters;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.QueriedInstance;
import com.alphastocks.testkit.TestDeployment;
import com.alphastocks.testkit.TestTopics;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the signal topology in one group, each holding part of the signal store: the signal queries (what
 * {@code GET /api/signals} and {@code /api/signals/{id}} answer from) give the same answer on either instance, asking the
 * other over HTTP for its part.
 */
class SignalQueriesAcrossInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String PRODUCER = "signal-iq-test";
    private static final int SIGNALS = 16;

    private final String applicationId = "signal-iq-test-" + UUID.randomUUID();
    private final List<QueriedInstance> running = new ArrayList<>();

    @TempDir
    Path state;

    @BeforeAll
    static void topics() {
        TestTopics.ensureAll(6);
    }

    @AfterEach
    void stop() {
        running.forEach(QueriedInstance::close);
    }

    @Test
    void shouldAnswerForEverySignalFromEitherInstance() throws Exception {
        QueriedInstance a = start("a");
        QueriedInstance b = start("b");
        await().atMost(WAIT).until(() -> a.streams().state() == KafkaStreams.State.RUNNING && b.streams().state() == KafkaStreams.State.RUNNING
                && a.streams().metadataForAllStreamsClients().size() == 2);
        String run = "iq-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED)) {
            for (int i = 0; i < SIGNALS; i++) {
                producer.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), "RSI", SignalSamples.niftyBuy(run + i))).get();
            }
        }
        SignalQueries fromA = new SignalQueries(a.stores());
        SignalQueries fromB = new SignalQueries(b.stores());

        await().atMost(WAIT).untilAsserted(() -> assertThat(ours(fromA, run)).hasSize(SIGNALS));
        assertThat(ours(fromB, run)).isEqualTo(ours(fromA, run));

        Map<String, SignalView> heldByB = b.stores().<SignalView>localAll(SignalTopology.STORE).entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().clientSignalId()).startsWith(run))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(heldByB).as("instance b holds part of the signals").isNotEmpty().hasSizeLessThan(SIGNALS);
        String onB = heldByB.keySet().iterator().next();
        assertThat(a.stores().<SignalView>localGet(SignalTopology.STORE, onB)).as("not in a's part").isNull();
        assertThat(fromA.find(onB)).as("a asks b").hasValueSatisfying(v -> {
            assertThat(v.signalId()).isEqualTo(onB);
            assertThat(v.clientSignalId()).isEqualTo(heldByB.get(onB).clientSignalId());
        });
        assertThat(fromA.find("no-such-signal")).isEmpty();
        assertThat(fromB.find("no-such-signal")).isEmpty();
    }

    /** The client ids of this run's signals as an instance lists them (every instance's part, one page). */
    private static Set<String> ours(SignalQueries queries, String run) {
        return queries.list(new SignalQueries.Filter(null, null, null, null, null), 0, 10_000).signals().stream()
                .map(SignalView::clientSignalId).filter(id -> id != null && id.startsWith(run)).collect(Collectors.toSet());
    }

    private QueriedInstance start(String name) throws IOException {
        var ledger = new SignalLedger(new SignalValidator(TestRules.DEFAULTS), TestRules.DEFAULTS, new Envelope(PRODUCER, Clock.systemUTC()));
        var topology = SignalTopology.build(ledger, TestRules.DEFAULTS, new SignalMetrics(new SimpleMeterRegistry()),
                EventSerde.events(WireSettings.EMBEDDED), new ObjectMapperSerde<>(SignalView.class, JSON));
        QueriedInstance instance = QueriedInstance.start(TestDeployment.of(topology, applicationId, state.resolve(name))
                .commitEvery(Duration.ofMillis(200))
                .set(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetters.class.getName())
                .set("alphastocks.service", PRODUCER)
                .readingFrom("latest"), JSON);
        running.add(instance);
        return instance;
    }
}
