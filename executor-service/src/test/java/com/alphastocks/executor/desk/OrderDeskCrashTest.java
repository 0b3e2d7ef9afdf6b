package com.alphastocks.executor.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
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
import com.alphastocks.executor.wire.TradeEvents;
import com.alphastocks.executor.trading.TradePlanner;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.orders.LiveGateway;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.StubKiteBroker;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.TopicProvisioner;
import com.alphastocks.streams.control.TradingStatus;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

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
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            TopicProvisioner.ensureAll(admin, 6, (short) 1, 30_000);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2})
    void shouldPlaceOneOrderNotTwoWhenTheExecutorDiesBetweenOrderAndPublish(String guarantee) throws Exception {
        try (StubKiteBroker broker = new StubKiteBroker()) {
            LiveGateway live = new LiveGateway(new LiveGateway.Connection(broker.url(), "key", "token", "NFO", "MIS",
                    Duration.ofSeconds(2), 2, Duration.ofMillis(10), Duration.ofSeconds(2), 5, Duration.ofSeconds(30), 10));
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
                        throw new SimulatedCrash();
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
                // A first signal (refused, it places nothing) makes the executor commit its place in the input,
                // so that after the crash it resumes from there rather than from the end.
                SignalGenerated warmUp = Fixtures.buy("SENSEX", "7.5", "1.6");
                send(warmUp);
                await().atMost(Duration.ofSeconds(60)).until(() -> !eventsFor(Topic.SIGNAL_REJECTED, warmUp.getSignalId()).isEmpty());
                send(signal);
                await().atMost(Duration.ofSeconds(60)).until(() -> !positionsFor(signal.getSignalId()).isEmpty());
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
            LiveGateway live = new LiveGateway(new LiveGateway.Connection(broker.url(), "key", "token", "NFO", "MIS",
                    Duration.ofSeconds(2), 2, Duration.ofMillis(10), Duration.ofSeconds(2), 5, Duration.ofSeconds(30), 10));
            // The events go out through this serde: it dies at the first order.placed, after the desk recorded its decision.
            AtomicBoolean crashOnce = new AtomicBoolean(true);
            org.apache.kafka.common.serialization.Serde<org.apache.avro.specific.SpecificRecord> events = EventSerde.events(WireSettings.EMBEDDED);
            org.apache.kafka.common.serialization.Serde<org.apache.avro.specific.SpecificRecord> dyingAtThePublish = org.apache.kafka.common.serialization.Serdes.serdeFrom(
                    (topic, event) -> {
                        if (topic.equals(Topic.ORDER_PLACED.topicName()) && crashOnce.getAndSet(false)) {
                            throw new SimulatedCrash();
                        }
                        return events.serializer().serialize(topic, event);
                    }, events.deserializer());
            SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");

            try (KafkaStreams executor = start(live, StreamsConfig.AT_LEAST_ONCE, dyingAtThePublish)) {
                SignalGenerated warmUp = Fixtures.buy("SENSEX", "7.5", "1.6");
                send(warmUp);
                await().atMost(Duration.ofSeconds(60)).until(() -> !eventsFor(Topic.SIGNAL_REJECTED, warmUp.getSignalId()).isEmpty());
                send(signal);
                await().atMost(Duration.ofSeconds(60)).until(() -> !positionsFor(signal.getSignalId()).isEmpty());
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
            LiveGateway live = new LiveGateway(new LiveGateway.Connection(broker.url(), "key", "token", "NFO", "MIS",
                    Duration.ofSeconds(2), 2, Duration.ofMillis(10), Duration.ofSeconds(2), 5, Duration.ofSeconds(30), 10));
            SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");
            // The decision's value is encoded twice: into the journal record, then into its store. It dies at the second:
            // the journal has the decision, the stores have part of it, nothing was published.
            AtomicBoolean crashOnce = new AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger encodings = new java.util.concurrent.atomic.AtomicInteger();
            ObjectMapperSerde<Decision> decisions = new ObjectMapperSerde<>(Decision.class, ExecutorTopologyTest.JSON);
            org.apache.kafka.common.serialization.Serde<Decision> dyingInTheStores = org.apache.kafka.common.serialization.Serdes.serdeFrom(
                    (topic, decision) -> {
                        if (decision != null && decision.signalId().equals(signal.getSignalId()) && encodings.incrementAndGet() == 2
                                && crashOnce.getAndSet(false)) {
                            throw new SimulatedCrash();
                        }
                        return decisions.serializer().serialize(topic, decision);
                    }, decisions.deserializer());

            try (KafkaStreams executor = start(live, StreamsConfig.AT_LEAST_ONCE, EventSerde.events(WireSettings.EMBEDDED), dyingInTheStores)) {
                SignalGenerated warmUp = Fixtures.buy("SENSEX", "7.5", "1.6");
                send(warmUp);
                await().atMost(Duration.ofSeconds(60)).until(() -> !eventsFor(Topic.SIGNAL_REJECTED, warmUp.getSignalId()).isEmpty());
                send(signal);
                await().atMost(Duration.ofSeconds(60)).until(() -> !positionsFor(signal.getSignalId()).isEmpty());
                await().atMost(Duration.ofSeconds(30)).until(() -> decided(executor, signal.getSignalId()));
            }

            assertThat(crashOnce).as("the crash happened").isFalse();
            assertThat(broker.placements).as("orders the broker received").hasValue(1);
            assertThat(eventsFor(Topic.ORDER_PLACED, signal.getSignalId()).stream().map(e -> ((OrderPlaced) e).getMetadata().getEventId())
                    .distinct()).hasSize(1);
            assertThat(positionsFor(signal.getSignalId()).stream().map(e -> ((PositionOpened) e).getPositionId()).distinct()).hasSize(1);
        }
    }

    private static boolean decided(KafkaStreams streams, String signalId) {
        try {
            return streams.store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(ExecutorTopology.DECISIONS_STORE,
                    org.apache.kafka.streams.state.QueryableStoreTypes.<String, Decision>keyValueStore())).get(signalId) != null;
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException notReadyYet) {
            return false;
        }
    }

    private KafkaStreams start(OrderGateway gateway, String guarantee, org.apache.kafka.common.serialization.Serde<org.apache.avro.specific.SpecificRecord> wire) {
        return start(gateway, guarantee, wire, new ObjectMapperSerde<>(Decision.class, ExecutorTopologyTest.JSON));
    }

    private KafkaStreams start(OrderGateway gateway, String guarantee, org.apache.kafka.common.serialization.Serde<org.apache.avro.specific.SpecificRecord> wire,
                               org.apache.kafka.common.serialization.Serde<Decision> decisions) {
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
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "executor-crash-test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "20");
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "latest");
        // The crashed thread's transaction is left open; it blocks readers until it times out and is aborted.
        props.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), "3000");
        // The dead thread's consumer does not leave the group: its session has to expire before the new one gets the task.
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), "6000");
        props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), "1500");
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
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

    /** Stands for the process dying: an Error, which no exception handler turns into a DLQ entry. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash after the broker took the order");
        }
    }
}
