package com.alphastocks.launcher;

import static com.alphastocks.launcher.RunCommand.DAY_END_AT;
import static com.alphastocks.launcher.RunCommand.DAY_END_DEFAULT;
import static com.alphastocks.launcher.RunCommand.SERVICES;
import static com.alphastocks.launcher.RunCommand.say;
import static com.alphastocks.launcher.RunCommand.step;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.alphastocks.feed.FeedPublisher;
import com.alphastocks.feed.MarketFeedMain;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

/**
 * The main job's wait once the day is played: until every consumer group of the run has taken in everything, and for
 * the day's report when the day reached its end.
 *
 * @param strategyRunner whether the sample strategies' runner is one of the groups (not when the user's signals are sent)
 */
record RunSettle(String bootstrap, WireSettings wire, boolean strategyRunner) {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** Waits until every service has taken in everything, and for the day's report; the consumer lag left. */
    long settle(FeedPublisher.Result fed, Map<String, String> settings, int analytics)
            throws Exception {
        step("waiting until every service has taken in everything (consumer lag 0)");
        long lag = awaitNoLag();
        if (lag == 0) {
            say("consumer lag 0" + RunReport.pipeline(analytics));
        }
        if (fed.ticks() > 0 && awaitDayReport(fed.lastExchangeTime(),
                java.time.LocalTime.parse(settings.getOrDefault(DAY_END_AT, DAY_END_DEFAULT)))) {
            lag = awaitNoLag();
        }
        return lag;
    }

    /**
     * A day played up to its end (on the market's clock) gets its report on day.ended from the analytics-service: waits
     * for it (the summary counts its notification too). False when the day did not reach its end.
     */
    private boolean awaitDayReport(Instant lastTick, java.time.LocalTime dayEnd) {
        java.time.ZonedDateTime last = lastTick.atZone(MarketFeedMain.EXCHANGE);
        if (last.toLocalTime().isBefore(dayEnd)) {
            return false;
        }
        String day = last.toLocalDate().toString();
        step("waiting for the day's report (analytics-service, day.ended " + day + ")");
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap, wire)) {
            boolean there = EventClients.awaitRecord(reader, Topic.DAY_ENDED.topicName(), r -> day.equals(r.key()), TIMEOUT).isPresent();
            say(there ? "reported" : "no report within " + TIMEOUT.toSeconds() + " s");
            return there;
        }
    }

    /**
     * Waits until each of the run's consumer groups (the five services, named as their groups, and the strategy
     * runner) has committed everything on its topics, each group asked for by name (a group the broker does not list
     * at the moment, e.g. while it rejoins, still counts); returns the lag left.
     */
    private long awaitNoLag() throws Exception {
        Map<String, java.util.Set<String>> groups = new LinkedHashMap<>();
        SERVICES.forEach(service -> groups.put(service, java.util.Set.of()));
        if (strategyRunner) {
            groups.put(LocalStack.RUNNER_GROUP, java.util.Set.of(Topic.MARKET_TICKS.topicName()));
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<com.alphastocks.streams.lag.ConsumerLag> lags = List.of();
        try (com.alphastocks.streams.lag.LagMeter meter = new com.alphastocks.streams.lag.LagMeter(bootstrap, "alphastocks-run")) {
            while (System.nanoTime() < deadline) {
                try {
                    lags = meter.measure(groups);
                } catch (IllegalStateException brokerAway) {
                    Thread.sleep(500);
                    continue;
                }
                // Every group must be there (members or commits): one that has not joined yet has taken in nothing.
                List<com.alphastocks.streams.lag.ConsumerLag> now = lags;
                boolean allThere = groups.keySet().stream().allMatch(g -> now.stream().anyMatch(l -> l.group().equals(g)));
                if (allThere && now.stream().allMatch(l -> l.lag() == 0)) {
                    return 0;
                }
                Thread.sleep(250);
            }
        }
        List<com.alphastocks.streams.lag.ConsumerLag> last = lags;
        List<String> absent = groups.keySet().stream().filter(g -> last.stream().noneMatch(l -> l.group().equals(g))).toList();
        if (!absent.isEmpty()) {
            say("not in their consumer groups after " + TIMEOUT.toSeconds() + " s: " + String.join(", ", absent));
        }
        long lag = lags.stream().mapToLong(com.alphastocks.streams.lag.ConsumerLag::lag).sum() + absent.size();
        say("consumer lag still " + lag + " after " + TIMEOUT.toSeconds() + " s: " + String.join(", ",
                lags.stream().filter(l -> l.lag() > 0).map(l -> l.group() + " on " + l.topic() + " " + l.lag()).toList()));
        return lag;
    }
}
