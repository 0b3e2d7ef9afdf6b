package com.alphastocks.streams.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.TradingState;
import com.alphastocks.contracts.TradingStateChanged;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.TopicFollower;
import com.alphastocks.streams.wire.WireSettings;

/**
 * The desk's trading state as a process sees it and sets it. The state is the latest {@link TradingStateChanged} under
 * {@link #KEY} on the compacted trading.state topic (ACTIVE when never set), so it holds across restarts and for every
 * executor instance; each change is also an event like any other (the notification-service sends it, the
 * analytics-service keeps it in the history). The executor's desk reads {@link #current()} on every signal; the
 * Telegram bot and the REST API ask {@link #latest} (one round trip, never an answer older than the question) and
 * {@link #set} it.
 */
public final class TradingStateFeed implements AutoCloseable {

    /** The desk's key on trading.state: one state for the whole desk. */
    public static final String KEY = "desk";
    private static final Logger LOG = Logger.getLogger(TradingStateFeed.class);

    private final Envelope envelope;
    private final KafkaProducer<String, Object> producer;
    private final TopicFollower<Object> follower;
    private volatile TradingStatus current = TradingStatus.ACTIVE;

    /**
     * @param service  the process that sets states here (the events' producer)
     * @param clientId names this process's clients of the topic (e.g. executor-trading-state)
     */
    public TradingStateFeed(Map<String, Object> connection, WireSettings wire, String service, String clientId, Clock clock) {
        this.envelope = new Envelope(service, clock);
        this.producer = EventClients.producer(connection, EventClients.serializer(wire), Map.of(ProducerConfig.CLIENT_ID_CONFIG,
                clientId + "-set"));
        Deserializer<Object> events = EventClients.deserializer(wire);
        Deserializer<Object> tolerant = (topic, data) -> {
            try {
                return events.deserialize(topic, data);
            } catch (SerializationException poison) {
                return poison;
            }
        };
        this.follower = TopicFollower.follow(connection, clientId, Topic.TRADING_STATE.topicName(), tolerant, Long.MAX_VALUE, record -> {
            if (!KEY.equals(record.key())) {
                return;
            }
            if (record.value() instanceof TradingStateChanged changed) {
                current = status(changed);
                LOG.infof("trading state %s: %s", current.state(), current.why());
            } else if (record.value() != null) {
                LOG.errorf("trading.state offset %d is no TradingStateChanged, ignored: %s", record.offset(), record.value());
            }
        });
    }

    /** The state as read so far. */
    public TradingStatus current() {
        return current;
    }

    /** The state once every record the topic holds now is read (at most {@code atMost}; as read so far after that). */
    public TradingStatus latest(Duration atMost) {
        if (!follower.catchUp(atMost)) {
            LOG.warnf("trading.state could not be read to its end in %d ms: the state as read so far", atMost.toMillis());
        }
        return current;
    }

    /**
     * Sets the state for every process, as {@code by} for {@code reason}, and waits until the broker has it; the state
     * it already is changes nothing and publishes nothing. Answers the state now.
     */
    public TradingStatus set(TradingState next, String reason, String by) throws Exception {
        TradingStatus was = latest(Duration.ofSeconds(5));
        if (was.state() == next) {
            return was;
        }
        java.time.Instant at = envelope.now();
        TradingStateChanged changed = TradingStateChanged.newBuilder()
                .setMetadata(envelope.metadataAt(at, EventType.TRADING_STATE_CHANGED,
                        EventIds.derived(EventType.TRADING_STATE_CHANGED, next.name(), by, at.toString()), KEY, null,
                        next == TradingState.HALTED ? Priority.CRITICAL : Priority.HIGH))
                .setState(next).setPrevious(was.state()).setReason(reason == null || reason.isBlank() ? null : reason).setBy(by)
                .build();
        producer.send(new ProducerRecord<>(Topic.TRADING_STATE.topicName(), KEY, changed)).get(10, TimeUnit.SECONDS);
        current = status(changed);
        return current;
    }

    static TradingStatus status(TradingStateChanged changed) {
        return new TradingStatus(changed.getState(), changed.getReason(), changed.getBy(), changed.getMetadata().getOccurredAt());
    }

    @Override
    public void close() {
        follower.close();
        producer.close(Duration.ofSeconds(5));
    }
}
