package com.alphastocks.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.feed.TickSource;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.lag.ConsumerLag;
import com.alphastocks.streams.lag.LagMeter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes a replay give the same trades on every run, however fast the machine: at each point where a signal can come
 * (a candle closes; a user's signal is due) the feed waits until the trading services have taken in everything sent
 * so far, so that each signal is judged on the market as of its time, and each new position sees every tick after
 * its opening. Played freely, a signal would meet whatever part of the next minutes the feed had already sent.
 */
final class Lockstep implements AutoCloseable {

    /**
     * The consumer groups that trade, each with the topics it must have taken in (a group that has not committed on
     * one yet lags by all of it): signal-, executor- and position-service; with the sample strategies, their runner.
     */
    private static final Map<String, Set<String>> TRADING_GROUPS = Map.of(
            "signal-service", Set.of(Topic.STRATEGY_SIGNALS.topicName()),
            "executor-service", Set.of(Topic.SIGNAL_GENERATED.topicName()),
            "position-service", Set.of(Topic.POSITION_OPENED.topicName(), Topic.MARKET_TICKS.topicName()));
    /** Long enough for a service killed by the fault suite to start again and catch up. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LagMeter lag;
    private final Map<String, Set<String>> groups = new HashMap<>(TRADING_GROUPS);
    private final URI executorRisk;
    private final HttpClient http = HttpClient.newHttpClient();
    private long pauses;
    private long pausedNanos;

    /** @param strategyRunner whether the sample strategies' runner ({@link LocalStack#RUNNER_GROUP}) is one of them */
    Lockstep(String bootstrap, int executorPort, boolean strategyRunner) {
        this.lag = new LagMeter(bootstrap, "alphastocks-run-lockstep");
        if (strategyRunner) {
            groups.put(LocalStack.RUNNER_GROUP, Set.of(Topic.MARKET_TICKS.topicName()));
        }
        this.executorRisk = URI.create("http://127.0.0.1:" + executorPort + "/api/risk");
    }

    /**
     * Waits until the executor's market holds every tick sent so far (its market feed has read market.ticks up to the
     * end of every partition: the latest exchange time is not enough, another partition may lag behind) and the
     * trading groups have no lag. {@code marketTime} is the last tick's time, null when none was sent.
     */
    void settle(Instant marketTime) {
        long started = System.nanoTime();
        long deadline = started + TIMEOUT.toNanos();
        try {
            Map<Integer, Long> sent = marketTime == null ? Map.of() : marketEnds();
            while (!executorHas(sent) || !caughtUp()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the trading services did not catch up with the market at " + marketTime
                            + " within " + TIMEOUT.toSeconds() + " s (see .run/logs)");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the trading services", e);
        }
        pauses++;
        pausedNanos += System.nanoTime() - started;
    }

    /** How often the feed waited, and for how long in all. */
    String pausesText() {
        return String.format("%d pause(s), %.1f s in all", pauses, pausedNanos / 1e9);
    }

    /**
     * The ticks of {@code source}, pausing before and after the first ticks of each new candle of {@code candle}. Those
     * first ticks (one exchange time) go out options first, then, once the options are on the broker ({@code flush}),
     * the underlyings: a strategy answers the underlying's tick, and the executor, deciding its signal on every tick the
     * broker has by then, prices it on the option's quote of that same moment, however the partitions race.
     */
    TickSource byCandle(TickSource source, Duration candle, Runnable flush) {
        return new TickSource() {
            private Instant last;
            private Instant nextCandle;
            private Instant opening;
            /** The opening's ticks still to go out, in order; the first underlying's tick goes out after a flush. */
            private final java.util.ArrayDeque<MarketTick> opened = new java.util.ArrayDeque<>();
            private MarketTick flushBefore;
            /** A tick read ahead while gathering an opening (the first after it), handled next. */
            private Optional<MarketTick> ahead = Optional.empty();

            @Override
            public Optional<MarketTick> next() {
                if (!opened.isEmpty()) {
                    MarketTick tick = opened.poll();
                    if (tick == flushBefore) {
                        flush.run();
                    }
                    last = tick.getExchangeTime();
                    return Optional.of(tick);
                }
                Optional<MarketTick> next = ahead.isPresent() ? ahead : source.next();
                ahead = Optional.empty();
                if (next.isEmpty()) {
                    return next;
                }
                Instant at = next.get().getExchangeTime();
                if (opening != null && at.isAfter(opening)) {
                    // The new candle's first ticks are out (they close the last one): let the strategies answer.
                    flush.run();
                    settle(opening);
                    opening = null;
                }
                if (nextCandle == null || !at.isBefore(nextCandle)) {
                    if (last != null) {
                        flush.run();
                        settle(last);
                    }
                    opening = at;
                    long step = candle.toMillis();
                    nextCandle = Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), step) * step + step);
                    List<MarketTick> options = new java.util.ArrayList<>();
                    List<MarketTick> underlyings = new java.util.ArrayList<>();
                    Optional<MarketTick> t = next;
                    while (t.isPresent() && t.get().getExchangeTime().equals(at)) {
                        (t.get().getOption() == null ? underlyings : options).add(t.get());
                        t = source.next();
                    }
                    ahead = t;
                    opened.addAll(options);
                    opened.addAll(underlyings);
                    flushBefore = options.isEmpty() || underlyings.isEmpty() ? null : underlyings.get(0);
                    return next();
                }
                last = at;
                return next;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    /** market.ticks' end offsets now; the broker restarting (the fault suite does that): ask again. */
    private Map<Integer, Long> marketEnds() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return lag.endOffsets(Topic.MARKET_TICKS.topicName());
            } catch (IllegalStateException brokerAway) {
                if (System.nanoTime() > deadline) {
                    throw brokerAway;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Whether the executor's market feed has read every partition of market.ticks up to {@code ends}. */
    private boolean executorHas(Map<Integer, Long> ends) throws InterruptedException {
        if (ends.isEmpty()) {
            return true;
        }
        try {
            String body = http.send(HttpRequest.newBuilder(executorRisk).build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode read = JSON.readTree(body).path("marketReadUpTo");
            return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                    || read.path(String.valueOf(end.getKey())).asLong(-1) >= end.getValue());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private boolean caughtUp() {
        try {
            return lag.measure(groups).stream().mapToLong(ConsumerLag::lag).sum() == 0;
        } catch (IllegalStateException brokerAway) {
            // The broker restarting (the fault suite does that): ask again.
            return false;
        }
    }

    @Override
    public void close() {
        lag.close();
    }
}
