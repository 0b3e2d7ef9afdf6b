package com.alphastocks.bench;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.launcher.Home;
import com.alphastocks.launcher.LocalStack;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.SignalIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

/**
 * The load on the pipeline that the benchmarks and the deployment checks (module e2e: the images, the scale-out
 * cluster) share: the three trading services with risk limits out of the way (every signal may become a position), a
 * NIFTY market at a fixed time of the session, strategy signals as a strategy sends them, and a market that closes
 * every position soon after it opens, so the books stay small however many signals go through.
 */
public final class PipelineLoad {

    static final List<String> SERVICES = List.of("signal-service", "executor-service", "position-service");
    /** 09:30 in Mumbai on a Tuesday: inside the session, the weekly expiry a week away. */
    public static final Instant MARKET_TIME = Instant.parse("2026-12-01T04:00:00Z");

    /** The low and high premium the closing market alternates between: an entry at one exits at the other. */
    private static final BigDecimal LOW = new BigDecimal("100.00");
    private static final BigDecimal HIGH = new BigDecimal("250.00");

    private PipelineLoad() {
    }

    /**
     * Settings for the services: limits that refuse nothing (stop losses are half of the exits), the repartition topics
     * kept for the run, else the defaults.
     */
    public static Map<String, String> settings() {
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of(
                "alphastocks.executor.risk.max-open-positions", "10000000",
                "alphastocks.executor.risk.max-capital-at-risk-pct", "100",
                "alphastocks.executor.risk.daily-loss-limit-pct", "100",
                "alphastocks.executor.risk.max-consecutive-losses", "1000000000",
                "alphastocks.executor.capital", "100000000000000",
                // The latency benchmark reads the executor's repartition topic after its run for the append times: Kafka
                // Streams would purge what it has committed there every 30 s.
                "kafka-streams.repartition.purge.interval.ms", "600000"));
        settings.putAll(BenchReport.serviceSettings());
        return settings;
    }

    public static KafkaProducer<String, Object> producer(String bootstrap, int lingerMs) {
        return EventClients.producer(bootstrap, WireSettings.EMBEDDED, lingerMs);
    }

    /** A rising underlying (the conservative mode trades with the trend), so that the executor knows spot and trend. */
    public static void openTheMarket(KafkaProducer<String, Object> producer) throws Exception {
        Envelope feed = new Envelope("bench.feed", Clock.systemUTC());
        String[] prices = {"21480", "21495", "21510", "21523"};
        for (int i = 0; i < prices.length; i++) {
            Instant at = MARKET_TIME.minusSeconds(60L * (prices.length - i));
            producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "NIFTY", MarketTick.newBuilder()
                    .setMetadata(feed.metadataAt(at, EventType.MARKET_TICK, EventIds.random(), "NIFTY", null, Priority.LOW))
                    .setInstrument("NIFTY").setUnderlying("NIFTY").setOption(null).setLastPrice(Decimals.of(prices[i]))
                    .setBid(null).setAsk(null).setVolume(0).setOpenInterest(0).setImpliedVolatility(null).setExchangeTime(at).build())).get();
        }
    }

    /** A buy on NIFTY as a strategy named {@code strategy} sends it to strategy.signals (a fresh client signal id). */
    public static StrategySignal signal(Envelope strategyEnvelope, String strategy) {
        String clientSignalId = "b-" + EventIds.random();
        String eventId = EventIds.random();
        return StrategySignal.newBuilder()
                .setMetadata(strategyEnvelope.metadata(EventType.STRATEGY_SIGNAL, eventId, SignalIds.of(strategy, clientSignalId, eventId),
                        null, Priority.NORMAL))
                .setClientSignalId(clientSignalId).setStrategy(strategy).setSymbol("NIFTY").setAction(SignalAction.BUY)
                .setEntryPrice(Decimals.of("21523")).setStopLoss(Decimals.of("21350")).setTarget(Decimals.of("21870"))
                .setSignalStrength(Decimals.of("7.5")).setExpectedMovePct(Decimals.of("1.6")).setFeatures(Map.of()).build();
    }

    static KafkaConsumer<String, Object> committedReader(String bootstrap, List<String> topics) {
        // A fetch is answered as soon as records come: a longer wait costs no latency, only fewer empty round trips.
        KafkaConsumer<String, Object> consumer = EventClients.reader(KafkaConnection.plain(bootstrap),
                EventClients.deserializer(WireSettings.EMBEDDED), Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
        List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t).stream())
                .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /**
     * The stack both pipeline benchmarks run on: a local broker, the three services with {@link #settings()}, a producer
     * for the strategy's signals (waiting {@code lingerMs} to fill a batch), the market opened and closing what opens.
     */
    static final class Stack implements AutoCloseable {
        final String bootstrap;
        final KafkaProducer<String, Object> signals;
        final ClosingMarket closing;
        private final LocalStack local;
        private final KafkaProducer<String, Object> market;

        Stack(int lingerMs) throws Exception {
            local = new LocalStack(Home.fromSystemProperty(), "bench-key");
            try {
                bootstrap = local.startBroker(Duration.ofSeconds(120));
                local.startServices(SERVICES, Duration.ofSeconds(120), settings());
                signals = producer(bootstrap, lingerMs);
                market = producer(bootstrap, 0);
                openTheMarket(market);
                closing = new ClosingMarket(bootstrap, market, 100);
            } catch (Exception | Error e) {
                // Nothing left running behind a failed start: the broker and the services are processes of their own.
                local.close();
                throw e;
            }
        }

        Map<String, Long> peakRssMb() {
            return local.peakRssMb();
        }

        /** From now on, what each process of the stack and this one spend of the CPU ({@link CpuUse#sinceThen()}). */
        CpuUse cpuFromNow() {
            return CpuUse.from(local::cpuTime);
        }

        @Override
        public void close() throws Exception {
            try (local; market; signals) {
                closing.close();
            }
        }
    }

    /**
     * Reads {@code topics} (read_committed, from their ends at start) on a thread of its own and hands each record to
     * {@code each}, until closed.
     */
    static final class Follower implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Follower(String bootstrap, List<String> topics, Consumer<ConsumerRecord<String, Object>> each) throws InterruptedException {
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
            thread = new Thread(() -> {
                try (KafkaConsumer<String, Object> consumer = committedReader(bootstrap, topics)) {
                    ready.countDown();
                    while (running.get()) {
                        consumer.poll(Duration.ofMillis(200)).forEach(each);
                    }
                }
            }, "follow-" + String.join(",", topics));
            thread.setDaemon(true);
            thread.start();
            ready.await();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    /**
     * A market that closes what opens: it follows position.opened and, every {@code everyMillis}, ticks each option
     * instrument a position opened on, alternating between a low and a high premium. The executor fills a new order
     * at the last tick; the next tick is beyond its target (bought low) or its stop (bought high), so each position
     * closes on the tick after it opened. Market time moves a millisecond a tick, staying inside the session.
     */
    public static final class ClosingMarket implements AutoCloseable {
        private final Set<String> instruments = ConcurrentHashMap.newKeySet();
        private final Map<String, PositionOpened> lastOpened = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong ticks = new AtomicLong();
        private final Follower opened;
        private final Thread ticker;

        public ClosingMarket(String bootstrap, KafkaProducer<String, Object> producer, long everyMillis) throws InterruptedException {
            opened = new Follower(bootstrap, List.of(Topic.POSITION_OPENED.topicName()), record -> {
                if (record.value() instanceof PositionOpened position && instruments.add(position.getInstrument())) {
                    lastOpened.put(position.getInstrument(), position);
                }
            });
            Envelope feed = new Envelope("bench.feed", Clock.systemUTC());
            ticker = new Thread(() -> {
                long n = 0;
                while (running.get()) {
                    n++;
                    BigDecimal price = n % 2 == 0 ? LOW : HIGH;
                    Instant at = MARKET_TIME.plusMillis(n);
                    for (String instrument : instruments) {
                        PositionOpened position = lastOpened.get(instrument);
                        producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, MarketTick.newBuilder()
                                .setMetadata(feed.metadataAt(at, EventType.MARKET_TICK, EventIds.random(), instrument, null, Priority.LOW))
                                .setInstrument(instrument).setUnderlying(position.getUnderlying()).setOption(position.getOption())
                                .setLastPrice(price).setBid(price.subtract(new BigDecimal("0.50")))
                                .setAsk(price.add(new BigDecimal("0.50"))).setVolume(100_000).setOpenInterest(1_000_000)
                                .setImpliedVolatility(Decimals.of("16")).setExchangeTime(at).build()));
                        ticks.incrementAndGet();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(everyMillis * 1_000_000);
                }
            }, "closing-market");
            ticker.setDaemon(true);
            ticker.start();
        }

        public long ticks() {
            return ticks.get();
        }

        Set<String> instruments() {
            return Set.copyOf(instruments);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            ticker.join();
            opened.close();
        }
    }
}
