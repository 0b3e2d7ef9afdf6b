package com.alphastocks.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.streams.Topic;

/**
 * Publishes a source's ticks to market.ticks, keyed by instrument, at {@code speed} times exchange time (1 = as the
 * day went, 60 = an hour a minute) or, with speed 0, as fast as the broker takes them; a progress line as it goes.
 */
public final class FeedPublisher {

    /** What a replay did. */
    public record Result(long ticks, Instant firstExchangeTime, Instant lastExchangeTime, Duration wall) {
        public double ticksPerSecond() {
            return ticks / Math.max(wall.toNanos() / 1e9, 1e-9);
        }
    }

    private final KafkaProducer<String, Object> producer;
    private final double speed;
    private final Consumer<String> progress;

    public FeedPublisher(KafkaProducer<String, Object> producer, double speed, Consumer<String> progress) {
        this.producer = producer;
        this.speed = speed;
        this.progress = progress;
    }

    public Result publish(TickSource source) {
        long started = System.nanoTime();
        long lastReport = started;
        Instant first = null;
        Instant last = null;
        long count = 0;
        for (Optional<MarketTick> next = source.next(); next.isPresent(); next = source.next()) {
            MarketTick tick = next.get();
            if (first == null) {
                first = tick.getExchangeTime();
            }
            last = tick.getExchangeTime();
            if (speed > 0) {
                long due = started + (long) (Duration.between(first, last).toNanos() / speed);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    producer.flush();
                    LockSupport.parkNanos(wait);
                }
            }
            producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), tick.getInstrument(), tick));
            count++;
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                progress.accept(String.format("market feed: %,d ticks published, exchange time %s", count, last));
            }
        }
        producer.flush();
        return new Result(count, first, last, Duration.ofNanos(System.nanoTime() - started));
    }
}
