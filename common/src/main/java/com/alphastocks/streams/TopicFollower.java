package com.alphastocks.streams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows a whole topic on its own thread without a consumer group (every instance sees every record), starting
 * at most {@code backlog} records before the end of each partition; a record it cannot read is logged and skipped
 * (market data and commands are superseded by the next record).
 *
 * <p>{@link #catchUp(Duration)} waits until every record the topic held when it was asked has been handled;
 * {@link #catchUpAfter} until every record it held after a given input record was on the broker (one catch-up for
 * every input record its caller had fetched before it). The end offsets are asked on the caller's thread by a second
 * consumer that fetches nothing (one ListOffsets round trip each, routed by that consumer's metadata, which follows a
 * partition to its new leader when a broker dies); the caller then waits for the follower to have read that far, which it usually has: its
 * fetch is answered as soon as a record is appended. Not by the following consumer: a broker handles one request of a
 * connection at a time, so a ListOffsets sent there waits behind the fetch in flight, up to its
 * {@code fetch.max.wait.ms} (500 ms) when the topic is quiet. Nor on the follower's thread: waking it and waiting to be
 * woken cost two thread hand-overs a catch-up, a third of its time on a busy 2-core machine.
 */
public final class TopicFollower<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, V> consumer;
    private final KafkaConsumer<?, ?> ends;
    private final Map<Integer, Long> readUpTo = new java.util.concurrent.ConcurrentHashMap<>();
    /** Notified after each poll once {@link #readUpTo} is updated, and at close. */
    private final Object progress = new Object();
    private final java.util.concurrent.atomic.AtomicLong roundTrips = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Per input partition, how far its caller had fetched before a completed catch-up asked this topic's ends: a record
     * of it below that offset was on the broker before them, so this follower has handled every record the topic had then.
     */
    private final Map<TopicPartition, Long> covered = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** The followed partitions, once the follower has positioned itself on them (null before). */
    private volatile List<TopicPartition> followed;

    /**
     * The one way to follow a topic: a follower of {@code topic} on the cluster {@code connection} names, reading its
     * values with {@code values}, with catch-ups (its second consumer asks the ends); the two consumers are
     * {@code clientId} and {@code clientId-ends}.
     */
    public static <V> TopicFollower<V> follow(Map<String, Object> connection, String clientId, String topic, Deserializer<V> values,
                                              long backlog, Consumer<ConsumerRecord<String, V>> handler) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(KafkaConnection.client(connection,
                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId)), new StringDeserializer(), values);
        KafkaConsumer<byte[], byte[]> ends = new KafkaConsumer<>(KafkaConnection.client(connection,
                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-ends")), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return new TopicFollower<>(consumer, ends, topic, backlog, handler);
    }

    /** A follower without catch-ups ({@link #catchUp} answers false). */
    public TopicFollower(KafkaConsumer<String, V> consumer, String topic, long backlog, Consumer<ConsumerRecord<String, V>> handler) {
        this(consumer, null, topic, backlog, handler);
    }

    /**
     * @param ends a consumer of the same cluster that only asks end offsets for {@link #catchUp} (its own connections),
     *             closed with the follower; null: no catch-ups
     */
    public TopicFollower(KafkaConsumer<String, V> consumer, KafkaConsumer<?, ?> ends, String topic, long backlog,
                         Consumer<ConsumerRecord<String, V>> handler) {
        this.consumer = consumer;
        this.ends = ends;
        this.thread = new Thread(() -> follow(topic, backlog, handler), "follow-" + topic);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void follow(String topic, long backlog, Consumer<ConsumerRecord<String, V>> handler) {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            consumer.endOffsets(partitions).forEach((partition, end) -> consumer.seek(partition, Math.max(start.get(partition), end - backlog)));
            followed = partitions;
            while (running) {
                try {
                    consumer.poll(POLL).forEach(handler);
                } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
                    LOG.warnf("skipping unreadable record on %s at offset %d: %s", e.topicPartition(), e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
                for (TopicPartition partition : partitions) {
                    readUpTo.put(partition.partition(), consumer.position(partition));
                }
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "stopped following %s: its records are no longer handled, and catch-ups answer false", topic);
        } finally {
            running = false;
            synchronized (progress) {
                progress.notifyAll();
            }
            consumer.close();
            if (ends != null) {
                synchronized (ends) {
                    ends.close();
                }
            }
        }
    }

    /**
     * Waits until every record the topic held when asked has been handled, at most {@code atMost}: true when it has,
     * false when the end offsets could not be asked or read up to in time (a broker down, the follower reconnecting).
     */
    public boolean catchUp(Duration atMost) {
        return catchUp(atMost, null, -1, -1);
    }

    /**
     * Waits until every record the topic held after the record at {@code offset} of {@code input} was on the broker has
     * been handled, at most {@code atMost}; {@code fetchedUpTo}: every record of {@code input} below it was on the
     * broker before this call (its caller fetched them). Without a round trip when an earlier catch-up covers the record
     * (it had been fetched before that one asked); otherwise one ListOffsets for the topic, which then covers every
     * record below {@code fetchedUpTo}.
     */
    public boolean catchUpAfter(TopicPartition input, long offset, long fetchedUpTo, Duration atMost) {
        return catchUp(atMost, input, offset, Math.max(offset + 1, fetchedUpTo));
    }

    private boolean catchUp(Duration atMost, TopicPartition input, long offset, long fetchedUpTo) {
        if (ends == null) {
            return false;
        }
        if (input != null && offset < covered.getOrDefault(input, -1L)) {
            return true;
        }
        long deadline = System.nanoTime() + atMost.toNanos();
        if (!await(() -> followed != null, deadline)) {
            return false;
        }
        Map<TopicPartition, Long> atEnd;
        synchronized (ends) {
            if (input != null && offset < covered.getOrDefault(input, -1L)) {
                return true;
            }
            if (!running) {
                return false;
            }
            try {
                atEnd = ends.endOffsets(followed, left(deadline));
                roundTrips.incrementAndGet();
            } catch (TimeoutException | WakeupException e) {
                return false;
            } catch (KafkaException e) {
                LOG.warnf("cannot ask %s's end offsets: %s", followed.get(0).topic(), e.toString());
                return false;
            }
        }
        if (!await(() -> atEnd.entrySet().stream().allMatch(end -> readUpTo.getOrDefault(end.getKey().partition(), -1L) >= end.getValue()),
                deadline)) {
            return false;
        }
        if (input != null) {
            covered.merge(input, fetchedUpTo, Math::max);
        }
        return true;
    }

    /** Waits for the follower's progress to make {@code done} true, until {@code deadline} (System.nanoTime) or the follower's end. */
    private boolean await(java.util.function.BooleanSupplier done, long deadline) {
        synchronized (progress) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return false;
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    /** How many times catch-ups asked end offsets (one count for an input's and the topic's, asked together). */
    public long roundTrips() {
        return roundTrips.get();
    }

    /** Per partition, the offset of the next record to handle: every record before it has been handled. */
    public Map<Integer, Long> readUpTo() {
        return new java.util.TreeMap<>(readUpTo);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (ends != null) {
            ends.wakeup();
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }
}
