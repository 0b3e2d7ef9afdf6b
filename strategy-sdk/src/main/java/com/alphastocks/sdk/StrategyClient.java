package com.alphastocks.sdk;

import java.time.Clock;
import java.util.HashMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.SignalIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

/**
 * How a Java strategy publishes signals: {@code emitSignal(...)} of the seed, onto {@code strategy.signals},
 * keyed by the signal id. One client per strategy; it is thread-safe.
 */
public final class StrategyClient implements AutoCloseable {

    private final String strategy;
    private final Envelope envelope;
    private final KafkaProducer<String, Object> producer;

    private StrategyClient(String strategy, KafkaProducer<String, Object> producer) {
        this.strategy = strategy;
        this.envelope = new Envelope("strategy." + strategy, Clock.systemUTC());
        this.producer = producer;
    }

    /** A client for {@code strategy} (e.g. {@code RSI}) on the cluster at {@code bootstrapServers}, embedded wire mode. */
    public static StrategyClient connect(String bootstrapServers, String strategy) {
        return connect(bootstrapServers, strategy, WireSettings.EMBEDDED);
    }

    /** As {@link #connect(String, String)}, writing as {@code wire} says (e.g. {@code WireSettings.registry(url)}). */
    public static StrategyClient connect(String bootstrapServers, String strategy, WireSettings wire) {
        return new StrategyClient(strategy, EventClients.producer(bootstrapServers, wire));
    }

    /**
     * Publishes the signal and waits until the broker has it.
     * @return the signal id, which every later event about this signal carries as its correlation id
     */
    public String emitSignal(Signal signal) {
        StrategySignal event = toEvent(signal);
        try {
            // Keyed by the signal id: the signal-service takes it on the partition of its signal, with no extra hop.
            producer.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), event.getMetadata().getCorrelationId(), event)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("signal not published: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the broker confirmed the signal", e);
        }
        return event.getMetadata().getCorrelationId();
    }

    StrategySignal toEvent(Signal s) {
        String eventId = EventIds.random();
        return StrategySignal.newBuilder()
                .setMetadata(envelope.metadataAt(envelope.now(), s.marketTime, EventType.STRATEGY_SIGNAL, eventId,
                        SignalIds.of(strategy, s.clientSignalId, eventId), null, s.urgent ? Priority.HIGH : Priority.NORMAL))
                .setClientSignalId(s.clientSignalId)
                .setStrategy(strategy)
                .setSymbol(s.symbol)
                .setAction(s.action)
                .setEntryPrice(required(s.entryPrice, "entry"))
                .setStopLoss(required(s.stopLoss, "stopLoss"))
                .setTarget(required(s.target, "target"))
                .setSignalStrength(required(s.signalStrength, "strength"))
                .setExpectedMovePct(required(s.expectedMovePct, "expectedMovePct"))
                .setTimeframe(s.timeframe)
                .setUrgent(s.urgent)
                .setFeatures(new HashMap<>(s.features))
                .build();
    }

    private static java.math.BigDecimal required(java.math.BigDecimal value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("a signal needs " + name + "(...)");
        }
        return Decimals.scaled(value);
    }

    @Override
    public void close() {
        producer.close();
    }
}
