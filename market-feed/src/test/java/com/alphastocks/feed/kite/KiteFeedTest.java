package com.alphastocks.feed.kite;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.feed.BrokerStream;
import com.alphastocks.feed.FeedPublisher;
import com.alphastocks.feed.MarketFeedMain;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;

/** The market feed on Kite's live market (its stand-in), into market.ticks on the broker, through a lost connection. */
class KiteFeedTest {

    private static final Instant AT = Instant.parse("2025-12-03T06:10:00Z");

    @Test
    void shouldPublishTheLiveMarketThroughADroppedConnection() throws Exception {
        TestTopics.ensureAll(6);
        List<String> progress = new ArrayList<>();
        try (StandInKiteTicker kite = new StandInKiteTicker(KiteInstrumentsTest.NSE, KiteInstrumentsTest.NFO, 200);
             KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED)) {
            KiteTicker.Settings settings = KiteTicker.Settings.kite(StandInKiteTicker.API_KEY, StandInKiteTicker.ACCESS_TOKEN)
                    .at(kite.socket()).retrying(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(400), 50);
            BrokerStream stream = MarketFeedMain.kite(settings, kite.api(), List.of("BANKNIFTY"), LocalDate.of(2025, 12, 3), progress::add);
            CompletableFuture<FeedPublisher.Result> published = CompletableFuture.supplyAsync(
                    () -> new FeedPublisher(producer, 0, progress::add).publish(stream));
            awaitSaid(kite, 2);

            kite.send(StandInKiteTicker.indexFull(260_105, "59012.40", AT),
                    StandInKiteTicker.full(10_243_330, "412.50", 10_000, 90_000, "412.45", "412.55", AT));
            kite.dropFor(1_000);
            awaitSaid(kite, 4);
            kite.send(StandInKiteTicker.full(10_243_330, "418.00", 12_000, 91_000, "417.95", "418.05", AT.plusSeconds(30)));
            assertTheTickAfterTheReconnectionIsOnTheTopic();
            stream.close();
            FeedPublisher.Result result = published.get(30, TimeUnit.SECONDS);

            assertThat(progress.get(0)).isEqualTo("market feed: streaming 5 instruments from " + kite.socket()
                    + " in full mode: BANKNIFTY and 4 options expiring 2025-12-30");
            assertThat(result.ticks()).isEqualTo(3);
            assertThat(result.lastExchangeTime()).isEqualTo(AT.plusSeconds(30));
        }
    }

    private static void assertTheTickAfterTheReconnectionIsOnTheTopic() {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            ConsumerRecord<String, Object> last = EventClients.awaitRecord(reader, Topic.MARKET_TICKS.topicName(),
                    r -> r.key().equals("BANKNIFTY25DEC59000CE") && ((MarketTick) r.value()).getExchangeTime().equals(AT.plusSeconds(30)),
                    Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("the tick after the reconnection never reached market.ticks"));
            MarketTick tick = (MarketTick) last.value();
            assertThat(tick.getLastPrice()).isEqualByComparingTo("418.00");
            assertThat(tick.getBid()).isEqualByComparingTo("417.95");
            assertThat(tick.getOption().getExpiry()).isEqualTo(LocalDate.of(2025, 12, 30));
        }
    }

    private static void awaitSaid(StandInKiteTicker kite, int messages) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (kite.said.size() < messages) {
            assertThat(System.nanoTime()).as("waiting for the subscription").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
