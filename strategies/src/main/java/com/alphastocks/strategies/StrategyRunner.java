package com.alphastocks.strategies;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.sdk.Signal;
import com.alphastocks.sdk.StrategyClient;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs sample strategies as a user's strategy runs: its own process, reading {@code market.ticks} in its own
 * consumer group, building candles of the underlyings (option ticks are not its business), and sending signals with
 * the strategy SDK. Offsets are committed after the signals of a poll are sent; a restart rebuilds its candles from the
 * ticks it had read (sending nothing for them) and goes on from its committed offsets; a signal sent again (a crash
 * between sending and committing) carries the same client signal id, so the signal-service takes it as a retry.
 * <pre>java -jar strategies/target/strategy-runner.jar --bootstrap 127.0.0.1:9092 [--candle PT5M] [--group strategy-runner] [--registry URL]</pre>
 */
public final class StrategyRunner implements AutoCloseable {

    private final KafkaConsumer<String, Object> ticks;
    private final CandleBuilder candles;
    private final Map<SampleStrategy, StrategyClient> strategies = new LinkedHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong signals = new AtomicLong();

    public StrategyRunner(String bootstrap, String group, Duration candle, List<SampleStrategy> sampleStrategies) {
        this(bootstrap, group, candle, sampleStrategies, WireSettings.EMBEDDED);
    }

    /** As above, its signals written (and registry-framed ticks read) as {@code wire} says. */
    public StrategyRunner(String bootstrap, String group, Duration candle, List<SampleStrategy> sampleStrategies, WireSettings wire) {
        this.ticks = EventClients.groupConsumer(KafkaConnection.plain(bootstrap), group, EventClients.deserializer(wire), Map.of());
        this.candles = new CandleBuilder(candle);
        sampleStrategies.forEach(s -> strategies.put(s, StrategyClient.connect(bootstrap, s.name(), wire)));
    }

    /** The three samples on 5-minute candles. */
    public static List<SampleStrategy> samples(String timeframe) {
        return List.of(new RsiStrategy(14, timeframe), new MacdStrategy(timeframe), new BollingerStrategy(timeframe));
    }

    /**
     * Reads ticks until {@link #stop()}; each closed candle goes to every strategy. A runner that starts on a group
     * that has read before (a restart, {@code run --resume}) first reads the ticks it had read again, from the start,
     * to rebuild its candles and indicators, sending nothing for them: their signals went out before their offsets
     * were committed.
     */
    public void run() {
        Map<TopicPartition, Long> readBefore = new HashMap<>();
        AtomicBoolean firstAssignment = new AtomicBoolean(true);
        ticks.subscribe(List.of(Topic.MARKET_TICKS.topicName()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (!firstAssignment.getAndSet(false)) {
                    return;
                }
                ticks.committed(new HashSet<>(partitions)).forEach((tp, committed) -> {
                    if (committed != null && committed.offset() > 0) {
                        readBefore.put(tp, committed.offset());
                    }
                });
                ticks.seekToBeginning(readBefore.keySet());
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }
        });
        while (running.get()) {
            org.apache.kafka.clients.consumer.ConsumerRecords<String, Object> batch;
            try {
                batch = ticks.poll(Duration.ofMillis(200));
            } catch (org.apache.kafka.common.errors.RecordDeserializationException poison) {
                // Not a tick (the services that read market.ticks dead-letter it): step over it, keep trading.
                System.out.println("skipping a record on " + poison.topicPartition() + " at offset " + poison.offset()
                        + " that is not an event: " + poison.getMessage());
                ticks.seek(poison.topicPartition(), poison.offset() + 1);
                ticks.commitSync(Map.of(poison.topicPartition(), new org.apache.kafka.clients.consumer.OffsetAndMetadata(poison.offset() + 1)));
                continue;
            }
            for (ConsumerRecord<String, Object> record : batch) {
                if (record.value() instanceof MarketTick tick && tick.getOption() == null) {
                    boolean sent = record.offset() < readBefore.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L);
                    onTick(tick.getUnderlying(), tick.getExchangeTime(), tick.getLastPrice().doubleValue(), !sent);
                }
            }
            if (!batch.isEmpty()) {
                ticks.commitSync();
            }
        }
    }

    void onTick(String underlying, Instant time, double price) {
        onTick(underlying, time, price, true);
    }

    private void onTick(String underlying, Instant time, double price, boolean send) {
        Optional<Candle> closed = candles.add(underlying, time, price);
        closed.ifPresent(candle -> strategies.forEach((strategy, client) -> strategy.onCandle(candle).ifPresent(signal -> {
            if (send) {
                send(strategy, client, signal.marketTime(time));
            }
        })));
    }

    private void send(SampleStrategy strategy, StrategyClient client, Signal signal) {
        String id = client.emitSignal(signal);
        signals.incrementAndGet();
        System.out.println(strategy.name() + ": " + signal + " -> " + id);
    }

    public long signalsSent() {
        return signals.get();
    }

    public void stop() {
        running.set(false);
        ticks.wakeup();
    }

    @Override
    public void close() {
        ticks.close();
        strategies.values().forEach(StrategyClient::close);
    }

    public static void main(String[] args) {
        // Not System.exit on success: a stop (SIGTERM) waits in a shutdown hook for this thread to end.
        int status = new CommandLine(new Cli()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The runner's command line. */
    @Command(name = "strategy-runner", sortOptions = false,
            description = "The sample strategies (RSI, MACD, Bollinger Bands) on candles of market.ticks, sending signals with the SDK.")
    static final class Cli implements Callable<Integer> {
        @Option(names = "--bootstrap", paramLabel = "HOST:PORT", required = true, description = "the broker")
        private String bootstrap;
        @Option(names = "--group", paramLabel = "NAME", description = "its consumer group (default: ${DEFAULT-VALUE})")
        private String group = "strategy-runner";
        @Option(names = "--candle", paramLabel = "PERIOD", converter = CandlePeriod.class,
                description = "the candles' length, ISO-8601 (default: PT5M)")
        private Duration candle = Duration.ofMinutes(5);
        @Option(names = "--registry", paramLabel = "URL",
                description = "registry wire mode: Apicurio's v3 API, e.g. http://127.0.0.1:8080/apis/registry/v3")
        private String registry;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        private boolean help;

        @Override
        public Integer call() {
            WireSettings wire = registry == null ? WireSettings.EMBEDDED : WireSettings.registry(registry);
            String timeframe = candle.toMinutes() + "min";
            StrategyRunner runner = new StrategyRunner(bootstrap, group, candle, samples(timeframe), wire);
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runner.stop();
                try {
                    main.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            System.out.println("READY strategy runner: RSI, MACD, BOLLINGER on " + timeframe + " candles of " + Topic.MARKET_TICKS.topicName());
            try {
                runner.run();
            } catch (org.apache.kafka.common.errors.WakeupException stopping) {
                // Ctrl-C or the launcher stopping it.
            } finally {
                runner.close();
            }
            return 0;
        }
    }

    /** A positive ISO-8601 period such as PT5M. */
    static final class CandlePeriod implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            try {
                Duration d = Duration.parse(text);
                if (!d.isZero() && !d.isNegative()) {
                    return d;
                }
            } catch (java.time.format.DateTimeParseException e) {
                // said below
            }
            throw new CommandLine.TypeConversionException("a positive ISO-8601 period such as PT5M, not '" + text + "'");
        }
    }
}
