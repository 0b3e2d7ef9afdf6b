package com.alphastocks.signal.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.SignalActivated;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalUpdated;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.signal.SignalSamples;
import com.alphastocks.signal.TestRules;
import com.alphastocks.signal.trading.SignalStatus;
import com.alphastocks.signal.trading.SignalValidator;
import com.alphastocks.signal.trading.SignalView;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology without a broker: Kafka Streams' TopologyTestDriver. */
class SignalTopologyTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Instant START = Instant.now();

    @TempDir
    Path state;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> strategySignals;
    private TestInputTopic<String, SpecificRecord> activations;
    private TestOutputTopic<String, SpecificRecord> generated;
    private TestOutputTopic<String, SpecificRecord> updated;
    private KeyValueStore<String, SignalView> store;

    @BeforeEach
    void start() {
        var events = EventSerde.events(WireSettings.EMBEDDED);
        var ledger = new SignalLedger(new SignalValidator(TestRules.DEFAULTS), TestRules.DEFAULTS,
                new Envelope("signal-service", Clock.systemUTC()));
        var topology = SignalTopology.build(ledger, TestRules.DEFAULTS, new SignalMetrics(new SimpleMeterRegistry()), events,
                new ObjectMapperSerde<>(SignalView.class, JSON));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "signal-topology-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        driver = new TopologyTestDriver(topology, props, START);
        strategySignals = driver.createInputTopic(Topic.STRATEGY_SIGNALS.topicName(), Serdes.String().serializer(), events.serializer());
        activations = driver.createInputTopic(Topic.SIGNAL_ACTIVATED.topicName(), Serdes.String().serializer(), events.serializer());
        generated = driver.createOutputTopic(Topic.SIGNAL_GENERATED.topicName(), Serdes.String().deserializer(), events.deserializer());
        updated = driver.createOutputTopic(Topic.SIGNAL_UPDATED.topicName(), Serdes.String().deserializer(), events.deserializer());
        store = driver.getKeyValueStore(SignalTopology.STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldPublishOneSignalGeneratedKeyedBySignalIdForASignalSentTwice() {
        StrategySignal signal = SignalSamples.niftyBuy("topo-1", START);

        strategySignals.pipeInput("RSI", signal);
        strategySignals.pipeInput("some-other-key", SignalSamples.resent(signal));

        var out = generated.readKeyValuesToList();
        assertThat(out).hasSize(1);
        SignalGenerated event = (SignalGenerated) out.get(0).value;
        assertThat(out.get(0).key).isEqualTo(event.getSignalId());
        assertThat(store.get(event.getSignalId()).status()).isEqualTo(SignalStatus.GENERATED);
    }

    @Test
    void shouldKeepTheStatusTheExecutorReports() {
        strategySignals.pipeInput("RSI", SignalSamples.niftyBuy("topo-2", START));
        String signalId = ((SignalGenerated) generated.readValue()).getSignalId();

        activations.pipeInput(signalId, SignalActivated.newBuilder()
                .setMetadata(new Envelope("executor-service", Clock.systemUTC())
                        .metadata(EventType.SIGNAL_ACTIVATED, EventIds.random(), signalId, null, Priority.HIGH))
                .setSignalId(signalId).setOrderId("ORD-1").setSymbol("NIFTY").setInstrument("NIFTY25DEC21500CE")
                .setAction(SignalAction.BUY).setPrice(Decimals.of("152.35")).setQuantity(75).build());

        assertThat(store.get(signalId).status()).isEqualTo(SignalStatus.ACTIVATED);
        assertThat(store.get(signalId).orderId()).isEqualTo("ORD-1");
    }

    @Test
    void shouldExpireASignalOnTheWallClockWithAnEvent() {
        strategySignals.pipeInput("RSI", SignalSamples.niftyBuy("topo-3", START));
        String signalId = ((SignalGenerated) generated.readValue()).getSignalId();

        driver.advanceWallClockTime(Duration.ofMinutes(16));

        SignalUpdated update = (SignalUpdated) updated.readValue();
        assertThat(update.getSignalId()).isEqualTo(signalId);
        assertThat(update.getUpdates()).containsEntry("status", "EXPIRED");
        assertThat(store.get(signalId).status()).isEqualTo(SignalStatus.EXPIRED);
    }

    @Test
    void shouldExpireOnlyTheSignalNobodyActedOn() {
        strategySignals.pipeInput("RSI", SignalSamples.niftyBuy("topo-4", START));
        strategySignals.pipeInput("RSI", SignalSamples.niftyBuy("topo-5", START));
        String acted = ((SignalGenerated) generated.readValue()).getSignalId();
        String waiting = ((SignalGenerated) generated.readValue()).getSignalId();
        activations.pipeInput(acted, SignalActivated.newBuilder()
                .setMetadata(new Envelope("executor-service", Clock.systemUTC())
                        .metadata(EventType.SIGNAL_ACTIVATED, EventIds.random(), acted, null, Priority.HIGH))
                .setSignalId(acted).setOrderId("ORD-4").setSymbol("NIFTY").setInstrument("NIFTY25DEC21500CE")
                .setAction(SignalAction.BUY).setPrice(Decimals.of("152.35")).setQuantity(75).build());

        driver.advanceWallClockTime(Duration.ofMinutes(16));

        List<SignalUpdated> updates = updated.readValuesToList().stream().map(SignalUpdated.class::cast).toList();
        assertThat(updates).extracting(SignalUpdated::getSignalId).containsExactly(waiting);
        assertThat(store.get(acted).status()).isEqualTo(SignalStatus.ACTIVATED);
        assertThat(store.get(waiting).status()).isEqualTo(SignalStatus.EXPIRED);
    }
}
