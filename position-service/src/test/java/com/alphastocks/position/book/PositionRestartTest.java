package com.alphastocks.position.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.PaperGateway;
import com.alphastocks.position.trading.ChargeRates;
import com.alphastocks.position.trading.ExitEngine;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.trading.PositionEvents;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.TopicProvisioner;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

/**
 * The position book as its own deployment over the real broker, stopped in the middle of a position's ticks and
 * started again with its local state wiped: the position comes back from the changelog, is still watched, and
 * closes once, whatever ticks follow.
 */
class PositionRestartTest {

    private static final String PRODUCER = "position-restart-test";

    @TempDir
    Path state;

    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            TopicProvisioner.ensureAll(admin, 6, (short) 1, 30_000);
        }
    }

    @Test
    void shouldNeitherLoseAPositionNorCloseItTwiceAcrossARestart() throws Exception {
        String applicationId = "position-restart-test-" + UUID.randomUUID();
        String instrument = "NIFTY25D0921900CE";
        PositionOpened position = PositionTopologyTest.position("pos-restart", "sig-restart", 2);
        position.setInstrument(instrument);

        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED)) {
            try (KafkaStreams first = start(applicationId)) {
                producer.send(new ProducerRecord<>(Topic.POSITION_OPENED.topicName(), "sig-restart", position)).get();
                await().atMost(Duration.ofSeconds(60)).until(() -> watched(first, "pos-restart"));
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:00", "200"))).get();
                Thread.sleep(500);
            }
            deleteContents(state);

            try (KafkaStreams second = start(applicationId)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> watched(second, "pos-restart"));
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:05", "130"))).get();
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:06", "120"))).get();
                await().atMost(Duration.ofSeconds(60)).until(() -> !closes().isEmpty());
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:07", "110"))).get();
                Thread.sleep(1_000);
            }
        }
        List<PositionClosed> closes = closes();
        assertThat(closes).hasSize(1);
        assertThat(closes.get(0).getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
        // It was opened on the 10:00 tick before the restart: the holding time spans the restart.
        assertThat(closes.get(0).getHoldingMillis()).isEqualTo(Duration.ofMinutes(5).toMillis());
    }

    private KafkaStreams start(String applicationId) {
        var topology = PositionTopology.build(new ExitEngine(new ExitEngine.Settings(PositionTopologyTest.IST, LocalTime.of(14, 30))),
                new PositionEvents(new Envelope(PRODUCER, Clock.systemUTC()), ChargeRates.NSE_OPTIONS),
                (ledger, quotes) -> new PaperGateway(ledger, quotes, new BigDecimal("0.1")),
                new PositionBookProcessor.Settings(Duration.ofSeconds(30), Duration.ofSeconds(60)), new SimpleMeterRegistry(), 6,
                EventSerde.any(WireSettings.EMBEDDED), new ObjectMapperSerde<>(OpenPosition.class, PositionTopologyTest.JSON),
                new ObjectMapperSerde<>(ClosedPosition.class, PositionTopologyTest.JSON),
                new ObjectMapperSerde<>(OrderResult.class, PositionTopologyTest.JSON),
                new ObjectMapperSerde<>(CloseRequest.class, PositionTopologyTest.JSON));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        // From the start of the topics: a fresh application sees the position even if it was sent before its assignment.
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), "6000");
        props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), "1500");
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        return streams;
    }

    private static boolean watched(KafkaStreams streams, String positionId) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(PositionTopology.BOOK_STORE,
                    QueryableStoreTypes.<String, OpenPosition>keyValueStore())).get(positionId) != null;
        } catch (InvalidStateStoreException notReadyYet) {
            return false;
        }
    }

    private static List<PositionClosed> closes() {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return EventClients.readAll(reader, Topic.POSITION_CLOSED.topicName()).stream()
                    .map(r -> (PositionClosed) r.value())
                    .filter(c -> c.getPositionId().equals("pos-restart") && PRODUCER.equals(c.getMetadata().getProducer()))
                    .toList();
        }
    }

    private static MarketTick tick(String instrument, String time, String price) {
        Instant at = LocalDate.of(2025, 12, 3).atTime(LocalTime.parse(time)).atZone(PositionTopologyTest.IST).toInstant();
        return MarketTick.newBuilder()
                .setMetadata(new Envelope("feed", Clock.systemUTC()).metadata(EventType.MARKET_TICK, EventIds.random(), instrument, null, Priority.LOW))
                .setInstrument(instrument).setUnderlying("NIFTY").setOption(null)
                .setLastPrice(Decimals.of(price)).setBid(null).setAsk(null).setVolume(1000).setOpenInterest(50000)
                .setImpliedVolatility(null).setExchangeTime(at).build();
    }

    private static void deleteContents(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
