package com.alphastocks.analytics.meters;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.alphastocks.analytics.score.Scorecard;
import com.alphastocks.analytics.score.ScorecardView;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.streams.stores.InstanceStores;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * What the operators' dashboard (Grafana, over Prometheus) draws, from the analytics-service's own counts, every
 * {@code alphastocks.analytics.lag-every}: {@code alphastocks_events_total{type}} (events on each event type's topic),
 * {@code alphastocks_dlq_records_total{service}} (DLQ records per service that gave up on them) and
 * {@code alphastocks_net_pnl{strategy}} (net P&amp;L of the closed trades). Consumer lag is {@code LagMonitor}'s.
 */
@ApplicationScoped
public class PipelineMeters {

    private static final Logger LOG = Logger.getLogger(PipelineMeters.class);

    private final Map<String, AtomicLong> events = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<BigDecimal>> netPnl = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry registry;

    @Inject
    InstanceStores stores;

    /** The services that can give up on a record: their DLQ counts are shown from 0, not as "no data" until the first. */
    static final java.util.List<String> SERVICES = java.util.List.of("signal-service", "executor-service", "position-service",
            "notification-service", "analytics-service");

    @jakarta.annotation.PostConstruct
    void registerDeadLetterCounts() {
        SERVICES.forEach(this::deadLetterCount);
    }

    @Scheduled(every = "${alphastocks.analytics.lag-every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() {
        try {
            stores.all(AnalyticsTopology.EVENT_COUNTS_STORE, Long.class).forEach((type, count) -> counter(events, "alphastocks.events",
                    "type", type, "Events published on the topic of this event type").set(count));
            stores.all(AnalyticsTopology.DLQ_COUNTS_STORE, Long.class).forEach((service, count) -> deadLetterCount(service).set(count));
            stores.all(AnalyticsTopology.SCORECARDS_STORE, Scorecard.class).forEach((key, card) -> {
                ScorecardView view = ScorecardView.of(key, card);
                if (view.kind().equals("strategy")) {
                    pnl(view.name()).set(view.totalPnl());
                }
            });
        } catch (RuntimeException e) {
            // The stores are not queryable while the service starts or rebalances: next time.
            LOG.debugf("pipeline meters not read this time: %s", e.getMessage());
        }
    }

    private AtomicLong deadLetterCount(String service) {
        return counter(deadLetters, "alphastocks.dlq.records", "service", service, "DLQ records of the service that gave up on them");
    }

    private AtomicLong counter(Map<String, AtomicLong> counters, String name, String tag, String value, String description) {
        return counters.computeIfAbsent(value, v -> {
            AtomicLong count = new AtomicLong();
            FunctionCounter.builder(name, count, AtomicLong::doubleValue).tag(tag, v).description(description).register(registry);
            return count;
        });
    }

    private AtomicReference<BigDecimal> pnl(String strategy) {
        return netPnl.computeIfAbsent(strategy, s -> {
            AtomicReference<BigDecimal> value = new AtomicReference<>(BigDecimal.ZERO);
            // A gauge is a double: the dashboard's figure, not the books' (those stay exact in the scorecards).
            Gauge.builder("alphastocks.net.pnl", value, v -> v.get().doubleValue()).tag("strategy", s)
                    .description("Net P&L of the strategy's closed trades, in rupees").register(registry);
            return value;
        });
    }
}
