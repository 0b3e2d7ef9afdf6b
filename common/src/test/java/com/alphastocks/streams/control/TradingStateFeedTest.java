package com.alphastocks.streams.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.TradingState;
import com.alphastocks.contracts.TradingStateChanged;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

/** The desk's trading state set by one process (the bot) and followed by another (the executor), on the test broker. */
class TradingStateFeedTest {

    @Test
    void shouldShareEachChangeAsAnEventAndKeepTheLatestAcrossARestart() throws Exception {
        try (ClusterAdmin admin = ClusterAdmin.at(SharedKafka.bootstrapServers())) {
            admin.ensureCatalogue(1, (short) 1);
        }
        Map<String, Object> connection = KafkaConnection.plain(SharedKafka.bootstrapServers());
        try (TradingStateFeed bot = feed(connection, "bot"); TradingStateFeed desk = feed(connection, "desk")) {
            bot.set(TradingState.ACTIVE, null, "setup");
            long before = changes().size();

            TradingStatus halted = bot.set(TradingState.HALTED, "exchange glitch", "telegram:@ops");
            assertThat(desk.latest(Duration.ofSeconds(10))).isEqualTo(halted);
            assertThat(halted.state()).isEqualTo(TradingState.HALTED);
            assertThat(halted.entryRefusal().code()).isEqualTo("KILL_SWITCH");

            // The same state again is no change: nothing is published.
            assertThat(desk.set(TradingState.HALTED, "again", "ops")).isEqualTo(halted);
            // A record that is no state change, under the desk's key, is skipped; the state stays.
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(Topic.TRADING_STATE.topicName(), TradingStateFeed.KEY, "{\"on\": true}".getBytes())).get();
            }
            assertThat(bot.latest(Duration.ofSeconds(10))).isEqualTo(halted);

            desk.set(TradingState.REDUCING, "wind down before the close", "ops");
            assertThat(bot.latest(Duration.ofSeconds(10)).state()).isEqualTo(TradingState.REDUCING);

            List<TradingStateChanged> published = changes().subList((int) before, changes().size());
            assertThat(published).extracting(c -> c.getPrevious() + "->" + c.getState() + " by " + c.getBy() + ": " + c.getReason())
                    .containsExactly("ACTIVE->HALTED by telegram:@ops: exchange glitch", "HALTED->REDUCING by ops: wind down before the close");
            assertThat(published).extracting(c -> c.getMetadata().getPriority()).containsExactly(Priority.CRITICAL, Priority.HIGH);
            assertThat(published.get(0).getMetadata().getProducer()).isEqualTo("bot-service");
        }
        // A process started later reads the latest state back.
        try (TradingStateFeed restarted = feed(connection, "restarted")) {
            TradingStatus now = restarted.latest(Duration.ofSeconds(10));
            assertThat(now.state()).isEqualTo(TradingState.REDUCING);
            assertThat(now.why()).isEqualTo("wind down before the close (set by ops)");
            restarted.set(TradingState.ACTIVE, null, "cleanup");
        }
    }

    private static TradingStateFeed feed(Map<String, Object> connection, String name) {
        return new TradingStateFeed(connection, WireSettings.EMBEDDED, name + "-service", name + "-trading-state", Clock.systemUTC());
    }

    private static List<TradingStateChanged> changes() {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return EventClients.readAll(reader, Topic.TRADING_STATE.topicName()).stream()
                    .filter(r -> r.value() instanceof TradingStateChanged).map(r -> (TradingStateChanged) r.value()).toList();
        }
    }
}
