package com.alphastocks.analytics.lag;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.lag.ConsumerLag;
import com.alphastocks.streams.lag.LagMeter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * The lag of every consumer group on the broker (the services' and anyone else's): on demand for REST, and every
 * {@code alphastocks.analytics.lag-every} for the gauge {@code alphastocks_consumer_lag{group,topic}}.
 */
@ApplicationScoped
public class LagMonitor {

    private static final Logger LOG = Logger.getLogger(LagMonitor.class);

    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private LagMeter meter;

    @Inject
    MeterRegistry registry;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    /** The lag of every consumer group per topic, now. */
    public List<ConsumerLag> measure() {
        return meter().measure();
    }

    @Scheduled(every = "${alphastocks.analytics.lag-every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() {
        try {
            for (ConsumerLag lag : measure()) {
                gauges.computeIfAbsent(lag.group() + "\u0000" + lag.topic(), k -> {
                    AtomicLong value = new AtomicLong();
                    Gauge.builder("alphastocks.consumer.lag", value, AtomicLong::get).tags(Tags.of("group", lag.group(), "topic", lag.topic()))
                            .description("Records past the group's committed offsets").register(registry);
                    return value;
                }).set(lag.lag());
            }
        } catch (RuntimeException e) {
            LOG.warnf("consumer lag not measured this time: %s", e.getMessage());
        }
    }

    private synchronized LagMeter meter() {
        if (meter == null) {
            meter = new LagMeter(KafkaConnection.of(kafka), "analytics-lag-monitor");
        }
        return meter;
    }

    @PreDestroy
    synchronized void close() {
        if (meter != null) {
            meter.close();
        }
    }
}
