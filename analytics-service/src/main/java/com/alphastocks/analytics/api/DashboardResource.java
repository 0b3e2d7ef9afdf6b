package com.alphastocks.analytics.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.alphastocks.analytics.AnalyticsSettings;
import com.alphastocks.analytics.lag.LagMonitor;
import com.alphastocks.analytics.score.DayChart;
import com.alphastocks.analytics.score.HistoryEntry;
import com.alphastocks.analytics.score.OpenPosition;
import com.alphastocks.analytics.score.PriceMinutes;
import com.alphastocks.analytics.score.Scorecard;
import com.alphastocks.analytics.score.ScorecardView;
import com.alphastocks.analytics.score.Trade;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.streams.lag.ConsumerLag;
import com.alphastocks.streams.stores.InstanceStores;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * What the dashboard page ({@code /}) shows, as one snapshot ({@code GET /api/dashboard}) and live, a snapshot a
 * second as server-sent events ({@code GET /api/dashboard/stream}): open positions with unrealised P&L, the recent
 * events by priority, the score per strategy, consumer lag per group, the DLQ, and the day's charts ({@link DayChart}).
 */
@Path("/api/dashboard")
public class DashboardResource {

    private static final Logger LOG = Logger.getLogger(DashboardResource.class);
    /** Events of a type the dashboard looks at, and how many it shows in all. */
    static final int EVENTS_PER_TYPE = 10;
    static final int EVENTS_SHOWN = 40;
    /** Too many to show one by one: the marks are in the open positions, the ticks and inbound signals elsewhere. */
    private static final List<EventType> NOT_SHOWN = List.of(EventType.MARKET_TICK, EventType.STRATEGY_SIGNAL, EventType.POSITION_UPDATED);
    /** The fields of an event that say what it was about, in the order a line shows them. */
    private static final List<String> SUMMARY_FIELDS = List.of("strategy", "symbol", "action", "instrument", "side", "quantity",
            "stage", "exitReason", "netPnl", "reason");

    /** An event as a line: when (on the market's clock where the event knows it), what, how urgent, and about what. */
    public record EventLine(Instant at, String type, String priority, String summary) {
    }

    /** The lag of a consumer group over all its topics. */
    public record GroupLag(String group, long lag) {
    }

    public record Snapshot(Instant at, List<OpenPosition> openPositions, BigDecimal unrealizedPnl,
                           Map<String, List<EventLine>> recentEventsByPriority, List<ScorecardView> strategies, long consumerLag,
                           List<GroupLag> lagByGroup, long dlqRecords, Map<String, Long> dlqByService, DayChart chart) {
    }

    @Inject
    InstanceStores stores;

    @Inject
    EventHistory history;

    @Inject
    LagMonitor lag;

    @Inject
    ObjectMapper json;

    @Inject
    AnalyticsSettings settings;

    private volatile Snapshot last;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The dashboard's view now: open positions, recent events by priority, score per strategy, lag, DLQ")
    public Snapshot snapshot() {
        List<OpenPosition> open = new ArrayList<>(stores.all(AnalyticsTopology.OPEN_POSITIONS_STORE, OpenPosition.class).values());
        open.sort(Comparator.comparing(OpenPosition::openedAt));
        BigDecimal unrealized = open.stream().map(OpenPosition::unrealizedPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<ScorecardView> strategies = stores.all(AnalyticsTopology.SCORECARDS_STORE, Scorecard.class).entrySet().stream()
                .map(e -> ScorecardView.of(e.getKey(), e.getValue())).filter(v -> v.kind().equals("strategy"))
                .sorted(Comparator.comparing(ScorecardView::name)).toList();
        Map<String, Long> lagByGroup = new TreeMap<>();
        for (ConsumerLag l : lag.measure()) {
            lagByGroup.merge(l.group(), l.lag(), Long::sum);
        }
        Map<String, Long> dlq = new TreeMap<>(stores.all(AnalyticsTopology.DLQ_COUNTS_STORE, Long.class));
        DayChart chart = DayChart.of(List.copyOf(stores.all(AnalyticsTopology.TRADES_STORE, Trade.class).values()), open,
                PriceMinutes.byUnderlying(stores.all(AnalyticsTopology.PRICE_MINUTES_STORE, BigDecimal.class)), settings.exchangeZone());
        Snapshot snapshot = new Snapshot(Instant.now(), open, unrealized, recentEvents(), strategies,
                lagByGroup.values().stream().mapToLong(Long::longValue).sum(),
                lagByGroup.entrySet().stream().map(e -> new GroupLag(e.getKey(), e.getValue())).toList(),
                dlq.values().stream().mapToLong(Long::longValue).sum(), dlq, chart);
        last = snapshot;
        return snapshot;
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The dashboard's view, a snapshot a second (server-sent events)")
    public Multi<Snapshot> stream() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(Duration.ofSeconds(1))
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> current())
                .select().where(s -> s != null);
    }

    /** A new snapshot, or the last one while the stores rebalance (a live page keeps showing what it had). */
    private Snapshot current() {
        try {
            return snapshot();
        } catch (RuntimeException e) {
            LOG.debugf("dashboard snapshot skipped: %s", e.getMessage());
            return last;
        }
    }

    /** The newest events of every type shown, newest first, by priority (CRITICAL first). */
    private Map<String, List<EventLine>> recentEvents() {
        List<HistoryEntry> recent = new ArrayList<>();
        for (EventType type : EventType.values()) {
            if (!NOT_SHOWN.contains(type)) {
                recent.addAll(history.newest(type.name(), EVENTS_PER_TYPE));
            }
        }
        recent.sort(Comparator.comparing(HistoryEntry::occurredAt).reversed());
        Map<String, List<EventLine>> byPriority = new LinkedHashMap<>();
        for (Priority p : Priority.values()) {
            byPriority.put(p.name(), new ArrayList<>());
        }
        recent.stream().limit(EVENTS_SHOWN).forEach(e -> byPriority.computeIfAbsent(e.priority(), p -> new ArrayList<>())
                .add(new EventLine(e.marketTime() != null ? e.marketTime() : e.occurredAt(), e.eventType(), e.priority(),
                        summary(e.event()))));
        return byPriority;
    }

    private String summary(String event) {
        try {
            JsonNode node = json.readTree(event);
            List<String> parts = new ArrayList<>();
            for (String field : SUMMARY_FIELDS) {
                JsonNode value = node.path(field);
                if (value.isValueNode() && !value.isNull()) {
                    parts.add(field.equals("netPnl") ? "net " + value.asText() : value.asText());
                }
            }
            return String.join(" ", parts);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
