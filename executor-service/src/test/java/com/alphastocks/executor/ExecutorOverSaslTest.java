package com.alphastocks.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.executor.trading.Fixtures;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The executor on a cluster that wants SASL: only the broker's SASL_PLAINTEXT (PLAIN) listener is given, with the
 * account in the {@code kafka.*} settings. Every client of the service must authenticate for this to work: Kafka
 * Streams (the desk), the topic set-up, the market feed and the kill switch's producer and follower.
 */
@QuarkusTest
@QuarkusTestResource(value = ExecutorOverSaslTest.SaslOnly.class, restrictToAnnotatedClass = true)
class ExecutorOverSaslTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The shared broker's SASL listener and account, in place of its plain listener. */
    public static class SaslOnly implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("kafka.bootstrap.servers", SharedKafka.saslBootstrapServers(),
                    "kafka.security.protocol", "SASL_PLAINTEXT",
                    "kafka.sasl.mechanism", "PLAIN",
                    "kafka.sasl.jaas.config", SharedKafka.saslUser().jaasConfig(),
                    "alphastocks.state-dir", SharedKafka.stateDir().resolve("sasl").toString());
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void shouldTradeOverSaslWithEveryClientAuthenticated() throws Exception {
        assertThat(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .as("the service knows only the SASL listener").isEqualTo(SharedKafka.saslBootstrapServers());
        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED)) {
            for (String price : new String[] {"21480", "21495", "21510", "21523"}) {
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "NIFTY", tick(price))).get();
            }
            await().atMost(WAIT).until(() -> given().get("/api/risk").statusCode() == 200);
            given().contentType(ContentType.JSON).header("X-API-Key", "test-key").body("{\"on\": true, \"reason\": \"sasl check\"}")
                    .post("/api/risk/kill-switch").then().statusCode(200);
            try {
                SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");
                producer.send(new ProducerRecord<>(Topic.SIGNAL_GENERATED.topicName(), signal.getSignalId(), signal)).get();

                // Past the filters (the market feed's trend), refused by the kill switch (its follower), published by the desk.
                Optional<ConsumerRecord<String, Object>> refused;
                try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
                    refused = EventClients.awaitRecord(reader, Topic.SIGNAL_REJECTED.topicName(), r -> signal.getSignalId().equals(r.key()), WAIT);
                }
                assertThat(refused).as("the executor's answer over SASL").isPresent();
                SignalRejected rejected = (SignalRejected) refused.get().value();
                assertThat(rejected.getReasons().get(0).getMessage()).contains("sasl check");
            } finally {
                given().contentType(ContentType.JSON).header("X-API-Key", "test-key").body("{\"on\": false}")
                        .post("/api/risk/kill-switch").then().statusCode(200);
            }
        }
    }

    private static MarketTick tick(String price) {
        return MarketTick.newBuilder()
                .setMetadata(new Envelope("market-feed", Clock.systemUTC()).metadata(EventType.MARKET_TICK, EventIds.random(), "NIFTY",
                        null, Priority.LOW))
                .setInstrument("NIFTY").setUnderlying("NIFTY").setOption(null).setLastPrice(Decimals.of(price))
                .setBid(null).setAsk(null).setVolume(0).setOpenInterest(0).setImpliedVolatility(null)
                .setExchangeTime(Instant.parse("2025-12-03T04:30:00Z"))
                .build();
    }
}
