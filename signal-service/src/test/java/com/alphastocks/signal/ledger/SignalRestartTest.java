package com.alphastocks.signal.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.signal.Generated;
import com.alphastocks.signal.SignalSamples;
import com.alphastocks.signal.TestRules;
import com.alphastocks.signal.trading.SignalStatus;
import com.alphastocks.signal.trading.SignalValidator;
import com.alphastocks.signal.trading.SignalView;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.StreamsDeadLetters;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.StoreLookup;
import com.alphastocks.testkit.TestDeployment;
import com.alphastocks.testkit.TestTopics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The signal topology as its own deployment over the real broker, stopped and started again with its local
 * state wiped: the signal store comes back from its changelog, and a retry after the restart is still a retry.
 */
class SignalRestartTest {

    /** This deployment's name on the events it publishes, to tell them from the Quarkus app's in the same topics. */
    private static final String PRODUCER = "signal-restart-test";

    @TempDir
    Path state;

    @BeforeAll
    static void createTopics() throws Exception {
        TestTopics.ensureAll(6);
    }

    @Test
    void shouldKeepSignalsAndTheirDeduplicationAcrossARestart() throws Exception {
        String applicationId = "signal-restart-test-" + UUID.randomUUID();
        StrategySignal signal = SignalSamples.niftyBuy("restart-1");
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();

        String signalId;
        try (KafkaStreams first = start(applicationId, metrics)) {
            send(signal);
            signalId = Generated.await("restart-1", PRODUCER).getSignalId();
            await().atMost(Duration.ofSeconds(30)).until(() -> find(first, signalId) != null);
        }
        deleteRecursively(state);

        try (KafkaStreams second = start(applicationId, metrics)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> second.state() == KafkaStreams.State.RUNNING);
            assertThat(find(second, signalId)).as("restored from the changelog").isNotNull()
                    .extracting(SignalView::status).isEqualTo(SignalStatus.GENERATED);
            send(SignalSamples.resent(signal));
            await().atMost(Duration.ofSeconds(30)).until(() -> counted(metrics, "retry") == 1);
        }
        assertThat(Generated.all("restart-1", PRODUCER)).hasSize(1);
    }

    private KafkaStreams start(String applicationId, SimpleMeterRegistry metrics) {
        var ledger = new SignalLedger(new SignalValidator(TestRules.DEFAULTS), TestRules.DEFAULTS,
                new Envelope(PRODUCER, Clock.systemUTC()));
        var topology = SignalTopology.build(ledger, TestRules.DEFAULTS, new SignalMetrics(metrics), EventSerde.events(WireSettings.EMBEDDED),
                new ObjectMapperSerde<>(SignalView.class, SignalTopologyTest.JSON));
        return TestDeployment.of(topology, applicationId, state)
                .commitEvery(Duration.ofMillis(200))
                .set(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetters.class.getName())
                .set("alphastocks.service", PRODUCER)
                .readingFrom("earliest")
                .start();
    }

    /** The stored signal, or null while the store is not queryable yet. */
    private static SignalView find(KafkaStreams streams, String signalId) {
        return StoreLookup.find(streams, SignalTopology.STORE, signalId);
    }

    private static double counted(SimpleMeterRegistry metrics, String outcome) {
        var counter = metrics.find(SignalMetrics.NAME).tags("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void send(StrategySignal signal) throws Exception {
        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED)) {
            producer.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), "RSI", signal)).get();
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
