package com.alphastocks.analytics.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.alphastocks.analytics.AnalyticsSettings;
import com.alphastocks.analytics.lag.LagMonitor;
import com.alphastocks.analytics.score.DayReport;
import com.alphastocks.analytics.score.MlRow;
import com.alphastocks.analytics.score.PriceMinutes;
import com.alphastocks.analytics.score.Trade;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.contracts.DayEnded;
import com.alphastocks.contracts.DayTrade;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.StrategyDay;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.lag.ConsumerLag;
import com.alphastocks.streams.stores.InstanceStores;
import com.alphastocks.streams.stores.StoresNotReady;
import com.alphastocks.streams.wire.WireSettings;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The day's report on day.ended, once per trading day: when the market's clock (the underlyings' price minutes) has
 * reached {@code alphastocks.analytics.day-end-at} on a day, and this service has taken in every event before (no
 * lag of its own), the day's closed trades are reported. One instance reports (the one holding the price minutes'
 * report key); the days already on day.ended are read back at start, so a restart does not report a day again.
 */
@ApplicationScoped
public class DayEndReporter {

    private static final Logger LOG = Logger.getLogger(DayEndReporter.class);
    private static final String REPORTER_KEY = "day-end";

    @Inject
    InstanceStores stores;

    @Inject
    LagMonitor lag;

    @Inject
    AnalyticsSettings settings;

    @Inject
    Envelope envelope;

    @Inject
    WireSettings wire;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    @Channel("day-ended-out")
    MutinyEmitter<DayEnded> out;

    /** This service's consumer group (its Kafka Streams application id): its own lag says whether everything is scored. */
    @ConfigProperty(name = "quarkus.kafka-streams.application-id")
    String group;

    private final Set<LocalDate> reported = ConcurrentHashMap.newKeySet();
    private boolean readBack;

    /** The days reported before this start, read once (the first check runs after the service has made its topics). */
    private void readBack() {
        try (var reader = EventClients.reader(KafkaConnection.of(kafka), wire)) {
            EventClients.events(reader, Topic.DAY_ENDED).forEach(d -> reported.add(d.getDay()));
        }
        readBack = true;
        LOG.infof("day-end reports: %d day(s) reported before this start; the next once the market's clock reaches %s",
                reported.size(), settings.dayEndAt());
    }

    @Scheduled(every = "${alphastocks.analytics.day-end-check:PT5S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    void check() {
        try {
            if (!stores.isHere(AnalyticsTopology.PRICE_MINUTES_STORE, REPORTER_KEY)) {
                return;
            }
            if (!readBack) {
                readBack();
            }
            Map<String, NavigableMap<Instant, BigDecimal>> prices = PriceMinutes.byUnderlying(
                    stores.all(AnalyticsTopology.PRICE_MINUTES_STORE, BigDecimal.class));
            Map<LocalDate, Instant> ended = new java.util.TreeMap<>();
            prices.values().forEach(minutes -> minutes.keySet().forEach(minute -> {
                var local = minute.atZone(settings.exchangeZone());
                if (!local.toLocalTime().isBefore(settings.dayEndAt()) && !reported.contains(local.toLocalDate())) {
                    ended.merge(local.toLocalDate(), minute, (a, b) -> a.isAfter(b) ? a : b);
                }
            }));
            if (ended.isEmpty() || ownLag() > 0) {
                return;
            }
            for (Map.Entry<LocalDate, Instant> day : ended.entrySet()) {
                DayReport report = report(day.getKey());
                out.sendMessageAndAwait(Message.of(event(report, day.getValue()))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(day.getKey().toString()).build()));
                reported.add(day.getKey());
                LOG.infof("day %s reported: %d trade(s), net %s, max drawdown %s", day.getKey(), report.trades(),
                        Decimals.plain(report.netPnl()), Decimals.plain(report.maxDrawdown()));
            }
        } catch (StoresNotReady e) {
            LOG.debugf("day-end check skipped: %s", e.getMessage());
        }
    }

    private long ownLag() {
        return lag.measure().stream().filter(l -> l.group().equals(group)).mapToLong(ConsumerLag::lag).sum();
    }

    /** The day's closed trades (market time), with what the ML rows say of each. */
    private DayReport report(LocalDate day) {
        Map<String, MlRow> rows = stores.all(AnalyticsTopology.ML_ROWS_STORE, MlRow.class);
        List<DayReport.Row> trades = new ArrayList<>();
        stores.all(AnalyticsTopology.TRADES_STORE, Trade.class).forEach((signalId, t) -> {
            MlRow r = rows.get(signalId);
            if (r != null && t.closedAt() != null && t.day().equals(day)) {
                trades.add(new DayReport.Row(r.positionId(), t.strategy(), r.instrument(), r.quantity(), r.entryPremium(), r.exitPremium(),
                        r.grossPnl(), r.charges(), r.netPnl(), r.exitReason(), t.openedAt(), t.closedAt()));
            }
        });
        return DayReport.of(day, trades);
    }

    private DayEnded event(DayReport r, Instant marketTime) {
        return DayEnded.newBuilder()
                .setMetadata(envelope.metadataAt(marketTime, marketTime, EventType.DAY_ENDED,
                        EventIds.derived(EventType.DAY_ENDED, r.day().toString()), r.day().toString(), null, Priority.NORMAL))
                .setDay(r.day()).setTrades(r.trades()).setWins(r.wins()).setGrossPnl(Decimals.scaled(r.grossPnl()))
                .setCharges(Decimals.scaled(r.charges())).setNetPnl(Decimals.scaled(r.netPnl())).setMaxDrawdown(Decimals.scaled(r.maxDrawdown()))
                .setStrategies(r.strategies().stream().map(s -> StrategyDay.newBuilder().setStrategy(s.strategy()).setTrades(s.trades())
                        .setWins(s.wins()).setNetPnl(Decimals.scaled(s.netPnl())).build()).toList())
                .setClosedTrades(r.rows().stream().map(t -> DayTrade.newBuilder().setPositionId(t.positionId()).setStrategy(t.strategy())
                        .setInstrument(t.instrument()).setQuantity(t.quantity()).setEntryPremium(Decimals.scaled(t.entryPremium()))
                        .setExitPremium(Decimals.scaled(t.exitPremium())).setGrossPnl(Decimals.scaled(t.grossPnl()))
                        .setCharges(Decimals.scaled(t.charges())).setNetPnl(Decimals.scaled(t.netPnl())).setExitReason(t.exitReason())
                        .setEnteredAt(t.enteredAt()).setExitedAt(t.exitedAt()).build()).toList())
                .build();
    }
}
