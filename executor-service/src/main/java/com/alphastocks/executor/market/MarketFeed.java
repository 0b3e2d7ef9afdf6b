package com.alphastocks.executor.market;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.executor.ExecutorSettings;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.TopicFollower;
import com.alphastocks.streams.wire.EventDeserializer;
import com.alphastocks.streams.wire.WireSettings;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** Keeps this instance's {@link MarketBook} up to date from market.ticks (the recent ones at start, then every tick). */
@ApplicationScoped
public class MarketFeed {

    static final long BACKLOG_PER_PARTITION = 5_000;
    /** The longest a decision waits for this instance's market to catch up (a broker restarting, the follower reconnecting). */
    static final Duration CATCH_UP_AT_MOST = Duration.ofSeconds(3);

    private static final Logger LOG = Logger.getLogger(MarketFeed.class);

    private final MarketBook book;
    private final Map<String, Object> connection;
    private final WireSettings wire;
    /** The order desk's consumer group (its Kafka Streams application id), whose polls {@link PolledOffsets} follows. */
    private final String desk;
    private volatile TopicFollower<Object> follower;

    @Inject
    MarketFeed(ExecutorSettings settings, @Identifier("default-kafka-broker") Map<String, Object> kafka, WireSettings wire,
               @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.kafka-streams.application-id") String desk) {
        DayOfWeek expiryDay = settings.underlyings().values().stream().map(ExecutorSettings.UnderlyingSettings::expiryDay)
                .findFirst().orElse(DayOfWeek.TUESDAY);
        this.book = new MarketBook(Clock.systemUTC(), settings.exchangeZone(), expiryDay, settings.defaultImpliedVolatilityPct(),
                settings.riskFreeRatePct());
        this.connection = KafkaConnection.of(kafka);
        this.wire = wire;
        this.desk = desk;
    }

    public MarketBook book() {
        return book;
    }

    /**
     * How far this instance's market goes on market.ticks: per partition, the offset of the next tick to read (every
     * tick before it is in the book); empty until the feed has polled once.
     */
    public Map<Integer, Long> readUpTo() {
        TopicFollower<Object> f = follower;
        return f == null ? Map.of() : f.readUpTo();
    }

    /**
     * Waits until the book holds every tick market.ticks had when asked (at most {@link #CATCH_UP_AT_MOST}): a signal is
     * decided on the market of its moment. The ticks that closed the candle a strategy answers travel on other
     * partitions than its signal, and this instance's follower reads them on its own: without this, a signal could
     * overtake them (after a broker restart, the follower reconnects late) and be priced on an older quote. One
     * ListOffsets round trip for market.ticks when the follower is already there; none for a signal the desk had polled
     * before the last catch-up ({@link PolledOffsets}: a poll's backlog is caught up with once). The time it takes is
     * the timer {@code alphastocks.executor.market.catch.up}.
     */
    public void catchUp(String inputTopic, int inputPartition, long offset) {
        TopicFollower<Object> f = follower;
        TopicPartition input = new TopicPartition(inputTopic, inputPartition);
        if (f != null && !f.catchUpAfter(input, offset, PolledOffsets.upTo(desk, input, offset + 1), CATCH_UP_AT_MOST)) {
            LOG.warnf("deciding on the market as read so far (market.ticks read up to %s): its end offsets could not be asked or read up to in %d ms",
                    f.readUpTo(), CATCH_UP_AT_MOST.toMillis());
        }
    }

    void start(@Observes StartupEvent start) {
        EventDeserializer values = new EventDeserializer();
        values.configure(wire.serdeConfig(), false);
        follower = TopicFollower.follow(connection, "executor-market-feed", Topic.MARKET_TICKS.topicName(), values, BACKLOG_PER_PARTITION, record -> {
            if (record.value() instanceof MarketTick tick) {
                book.accept(tick);
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        if (follower != null) {
            follower.close();
        }
    }
}
