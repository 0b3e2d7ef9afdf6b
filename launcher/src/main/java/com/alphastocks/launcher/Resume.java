package com.alphastocks.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.feed.TickSource;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;

/**
 * {@code run --resume}: carry on with the run the last one left (stopped by Ctrl-C or a crash), on its broker data
 * and the services' local state. The feed skips what market.ticks already holds: ticks are keyed by instrument, and
 * the idempotent feed producer writes each partition in order without gaps, so what is on the topic is, instrument by
 * instrument, the first ticks of the day; the consumer groups carry on from their committed offsets.
 */
final class Resume {

    private static final String INPUT_FILE = "run-input.properties";

    private Resume() {
    }

    /** What a run replays, so that a resume replays the same. */
    record Input(String ticks, String signals) {

        static Input of(RunOptions options) {
            return new Input(options.ticks() == null ? "sample day" : options.ticks().toAbsolutePath().normalize().toString(),
                    options.signals() == null ? "sample strategies" : options.signals().toAbsolutePath().normalize().toString());
        }

        void save(Path runDir) throws IOException {
            Properties p = new Properties();
            p.setProperty("ticks", ticks);
            p.setProperty("signals", signals);
            Files.createDirectories(runDir);
            try (var out = Files.newBufferedWriter(runDir.resolve(INPUT_FILE))) {
                p.store(out, "what the last ./alphastocks run replays");
            }
        }

        /** Fails, saying what differs, when the last run replayed something else. */
        void checkSameAs(Path runDir) throws IOException {
            Path file = runDir.resolve(INPUT_FILE);
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("nothing to resume: no run left " + file);
            }
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            Input last = new Input(p.getProperty("ticks"), p.getProperty("signals"));
            if (!last.equals(this)) {
                throw new IllegalArgumentException("--resume carries on the last run, which replayed " + last.ticks() + " with "
                        + last.signals() + "; give the same --ticks/--signals (or none), or run without --resume to start clean");
            }
        }
    }

    /** How many ticks of each instrument market.ticks holds. */
    static Map<String, Long> publishedTicks(String bootstrap) {
        Map<String, Long> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> reader = EventClients.rawReader(bootstrap)) {
            for (ConsumerRecord<String, byte[]> r : EventClients.readAll(reader, Topic.MARKET_TICKS.topicName())) {
                counts.merge(r.key(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The ticks of {@code source} after the first {@code published} of each instrument. */
    static TickSource after(TickSource source, Map<String, Long> published) {
        Map<String, Long> toSkip = new HashMap<>(published);
        return new TickSource() {
            @Override
            public Optional<MarketTick> next() {
                Optional<MarketTick> tick = source.next();
                while (tick.isPresent() && !toSkip.isEmpty()) {
                    String instrument = tick.get().getInstrument();
                    Long left = toSkip.get(instrument);
                    if (left == null) {
                        break;
                    }
                    if (left == 1) {
                        toSkip.remove(instrument);
                    } else {
                        toSkip.put(instrument, left - 1);
                    }
                    tick = source.next();
                }
                return tick;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    /** The exchange time of the last of the published ticks in {@code source} (null when none was published). */
    static Instant lastPublished(TickSource source, Map<String, Long> published) {
        Map<String, Long> toSkip = new HashMap<>(published);
        Instant last = null;
        for (Optional<MarketTick> tick = source.next(); tick.isPresent() && !toSkip.isEmpty(); tick = source.next()) {
            Long left = toSkip.get(tick.get().getInstrument());
            if (left != null) {
                last = tick.get().getExchangeTime();
                toSkip.compute(tick.get().getInstrument(), (k, v) -> v == 1 ? null : v - 1);
            }
        }
        return last;
    }
}
