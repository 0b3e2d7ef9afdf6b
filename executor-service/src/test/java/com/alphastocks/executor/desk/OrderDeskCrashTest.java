package com.alphastocks.executor.desk;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.GatewayMode;
import com.alphastocks.contracts.OrderPlaced;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.executor.market.MarketBook;
import com.alphastocks.executor.trading.Fixtures;
import com.alphastocks.executor.trading.RiskState;
import com.alphastocks.executor.trading.TradePlanner;
import com.alphastocks.executor.wire.TradeEvents;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.orders.LiveGateway;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.StubKiteBroker;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.control.TradingStatus;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.SimulatedCrash;
import com.alphastocks.testkit.StoreLookup;
import com.alphastocks.testkit.TestDeployment;
import com.alphastocks.testkit.TestTopics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The executor dies in the middle of a decision (simulated: the stream thread fails there and Kafka Streams starts a
 * new one, which restores the stores and reads on from the last committed offset, as a restarted process would): after
 * the broker took its order and before anything was recorded or published; or after it recorded its decision and
 * before the events went out. Either way one order, and its events published (again, same ids), under each guarantee.
 */
class OrderDeskCrashTest {

    private static final String PRODUCER = "executor-crash-test";

    @TempDir
    Path state;

    @BeforeAll
    static void createTopics() throws Exception {
        TestTopics.ensureAll(6);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2})
    void shouldPlaceOneOrderNotTwoWhenTheExecutorDiesBetweenOrderAndPublish(String guarantee) throws Exception {
        try (StubKiteBroker broker = new StubKiteBroker()) {
            LiveGateway live = liveOn(broker);
            AtomicBoolean crashOnce = new AtomicBoolean(true);
            OrderGateway dyingAfterThePlacement = new OrderGateway() {
                @Override
                public GatewayMode mode() {
                    return GatewayMode.LIVE;
                }

                @Override
                public OrderResult place(OrderRequest request) {
                    OrderResult placed = live.place(request);
                    if (crashOnce.getAndSet(false)) {
                        throw new SimulatedCrash("after the broker took the order");
                    }
                    return placed;
                }

                @Override
                public Optional<OrderResult> find(String orderId) {
                    return live.find(orderId);
                }
            };
            SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");

            try (KafkaStreams executor = start(dyingAfterThePlacement, guarantee, EventSerde.events(WireSettings.EMBEDDED))) {
                tradeAfterAWarmUp(signal);
            }

            assertThat(crashOnce).as("the crash happened").isFalse();
            assertThat(broker.placements).as("orders the broker received").hasValue(1);
            assertThat(eventsFor(Topic.ORDER_PLACED, signal.getSignalId())).hasSize(1);
            assertThat(positionsFor(signal.getSignalId())).hasSize(1);
        }
    }

    @Test
    void shouldPublishTheRecordedOrderAgainWhenTheExecutorDiesAfterRecordingItsDecisionAtLeastOnce() throws Exception {
        try (StubKiteBroker broker = new StubKiteBroker()) {
            LiveGateway live = liveOn(broker);
            // The events go out through this serde: it dies at the first order.placed, after the desk recorded its decision.
            AtomicBoolean crashOnce = new AtomicBoolean(true);
            Serde<SpecificRecord> dyingAtThePublish = SimulatedCrash.dyingOnce(EventSerde.events(WireSettings.EMBEDDED), crashOnce,
                    (topic, event) -> topic.equals(Topic.ORDER_PLACED.topicName()), "after the desk recorded its decision");
            SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");

            try (KafkaStreams executor = start(live, StreamsConfig.AT_LEAST_ONCE, dyingAtThePublish)) {
                tradeAfterAWarmUp(signal);
            }

            assertThat(crashOnce).as("the crash happened").isFalse();
            assertThat(broker.placements).as("orders the broker received").hasValue(1);
            assertThat(eventsFor(Topic.ORDER_PLACED, signal.getSignalId()).stream().map(e -> ((OrderPlaced) e).getMetadata().getEventId())
                    .distinct()).as("one order.placed (an event published again carries the same id)").hasSize(1);
            assertThat(positionsFor(signal.getSignalId()).stream().map(e -> ((PositionOpened) e).getPositionId()).distinct()).hasSize(1);
        }
    }

    @Test
    void shouldCompleteAHalfAppliedDecisionAndPublishItOnceWhenTheExecutorDiesBetweenItsStoreChangesAtLeastOnce() throws Exception {
        try (StubKiteBroker broker = new StubKiteBroker()) {
            LiveGateway live = liveOn(broker);
            SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");
            // The decision's value is encoded twice: into the journal record, then into its store. It dies at the second:
            // the journal has the decision, the stores have part of it, nothing was published.
            AtomicBoolean crashOnce = new AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger encodings = new java.util.concurrent.atomic.AtomicInteger();
            Serde<Decision> dyingInTheStores = SimulatedCrash.dyingOnce(new ObjectMapperSerde<>(Decision.class, ExecutorTopologyTest.JSON),
                    crashOnce, (topic, decision) -> decision != null && decision.signalId().equals(signal.getSignalId())
                            && encodings.incrementAndGet() == 2, "between the decision's store changes");

            try (KafkaStreams executor = start(live, StreamsConfig.AT_LEAST_ONCE, EventSerde.events(WireSettings.EMBEDDED), dyingInTheStores)) {
                tradeAfterAWarmUp(signal);
                await().atMost(Duration.ofSeconds(30)).until(() -> decided(executor, signal.getSignalId()));
            }

            assertThat(crashOnce).as("the crash happened").isFalse();
            assertThat(broker.placements).as("orders the broker received").hasValue(1);
            assertThat(eventsFor(Topic.ORDER_PLACED, signal.getSignalId()).stream().map(e -> ((OrderPlaced) e).getMetadata().getEventId())
                    .distinct()).hasSize(1);
            assertThat(positionsFor(signal.getSignalId()).stream().map(e -> ((PositionOpened) e).getPositionId()).distinct()).hasSize(1);
        }
    }

    /** The live gateway on the stand-in of the broker's API. */
    private static LiveGateway liveOn(StubKiteBroker broker) {
        return new LiveGateway(new LiveGateway.Connection(broker.url(), "key", "token", "NFO", "MIS",
                Duration.ofSeconds(2), 2, Duration.ofMillis(10), Duration.ofSeconds(2), 5, Duration.ofSeconds(30), 10));
    }

    private static boolean decided(KafkaStreams streams, String signalId) {
        return StoreLookup.find(streams, ExecutorTopology.DECISIONS_STORE, signalId) != null;
    }

    private KafkaStreams start(OrderGateway gateway, String guarantee, Serde<SpecificRecord> wire) {
        return start(gateway, guarantee, wire, new ObjectMapperSerde<>(Decision.class, ExecutorTopologyTest.JSON));
    }

    private KafkaStreams start(OrderGateway gateway, String guarantee, Serde<SpecificRecord> wire,
                               Serde<Decision> decisions) {
        MarketBook market = new MarketBook(Clock.systemUTC(), ZoneId.of("Asia/Kolkata"), java.time.DayOfWeek.TUESDAY,
                new BigDecimal("15"), new BigDecimal("6.5"));
        for (String price : new String[] {"21480", "21495", "21510", "21523"}) {
            market.accept(ExecutorTopologyTest.tick("NIFTY", price));
        }
        TradePlanner planner = new TradePlanner(Fixtures.SETTINGS);
        TradeEvents events = new TradeEvents(new Envelope(PRODUCER, Clock.systemUTC()));
        var topology = ExecutorTopology.build(serdes -> new OrderDeskProcessor(planner, events, market, OrderDeskProcessor.MarketCatchUp.NONE, () -> TradingStatus.ACTIVE,
                        ledger -> gateway, ZoneId.of("Asia/Kolkata"), new SimpleMeterRegistry(), serdes),
                wire, new DeskSerdes(new ObjectMapperSerde<>(RiskState.class, ExecutorTopologyTest.JSON), decisions,
                        new ObjectMapperSerde<>(OrderResult.class, ExecutorTopologyTest.JSON)));
        return TestDeployment.of(topology, "executor-crash-test-" + UUID.randomUUID(), state)
                .guarantee(guarantee)
                .commitEvery(Duration.ofMillis(20))
                .readingFrom("latest")
                .replacingDeadThreads()
                .startRunning();
    }

    /**
     * A first signal (refused, it places nothing) makes the executor commit its place in the input, so that after the
     * crash it resumes from there rather than from the end; then {@code signal}, until its position is opened.
     */
    private static void tradeAfterAWarmUp(SignalGenerated signal) throws Exception {
        SignalGenerated warmUp = Fixtures.buy("SENSEX", "7.5", "1.6");
        send(warmUp);
        await().atMost(Duration.ofSeconds(60)).until(() -> !eventsFor(Topic.SIGNAL_REJECTED, warmUp.getSignalId()).isEmpty());
        send(signal);
        await().atMost(Duration.ofSeconds(60)).until(() -> !positionsFor(signal.getSignalId()).isEmpty());
    }

    private static void send(SignalGenerated signal) throws Exception {
        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED)) {
            producer.send(new ProducerRecord<>(Topic.SIGNAL_GENERATED.topicName(), signal.getSignalId(), signal)).get();
        }
    }

    private static List<Object> positionsFor(String signalId) {
        return eventsFor(Topic.POSITION_OPENED, signalId).stream()
                .filter(p -> PRODUCER.equals(((PositionOpened) p).getMetadata().getProducer())).toList();
    }

    private static List<Object> eventsFor(Topic<?> topic, String signalId) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return EventClients.readAll(reader, topic.topicName()).stream()
                    .filter(r -> signalId.equals(r.key()))
                    .filter(r -> !(r.value() instanceof OrderPlaced placed) || PRODUCER.equals(placed.getMetadata().getProducer()))
                    .map(r -> r.value()).toList();
        }
    }

}
