package com.alphastocks.executor.desk;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.alphastocks.contracts.TradingState;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.control.TradingStateFeed;
import com.alphastocks.streams.control.TradingStatus;
import com.alphastocks.streams.wire.WireSettings;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** The desk's trading state as every instance sees it and sets it ({@link TradingStateFeed}), for the desk and the REST API. */
@ApplicationScoped
public class ControlFeed {

    private final Map<String, Object> connection;
    private final WireSettings wire;
    private final String service;
    private TradingStateFeed feed;

    ControlFeed(@Identifier("default-kafka-broker") Map<String, Object> kafka, WireSettings wire,
                @ConfigProperty(name = "quarkus.application.name") String service) {
        this.connection = KafkaConnection.of(kafka);
        this.wire = wire;
        this.service = service;
    }

    /** The state as this instance has read it (the desk asks on every signal). */
    public TradingStatus status() {
        return feed == null ? TradingStatus.ACTIVE : feed.current();
    }

    /** The state once the topic is read to its end (at most 5 s): an answer to someone who asks. */
    public TradingStatus latest() {
        return feed == null ? TradingStatus.ACTIVE : feed.latest(Duration.ofSeconds(5));
    }

    /** Sets the state for every instance, publishes the change, and waits until the broker has it. */
    public TradingStatus set(TradingState next, String reason, String by) throws Exception {
        return feed.set(next, reason, by);
    }

    void start(@Observes StartupEvent start) {
        feed = new TradingStateFeed(connection, wire, service, "executor-trading-state", Clock.systemUTC());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (feed != null) {
            feed.close();
        }
    }
}
