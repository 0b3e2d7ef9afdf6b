package com.alphastocks.executor.market;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Follows a whole topic on its own thread without a consumer group (every instance sees every record), starting
 * at most {@code backlog} records before the end of each partition; a record it cannot read is logged and skipped
 * (market data and commands are superseded by the next record).
 *
 * <p>{@link #catchUp(Duration)} waits until every record the topic held when it was asked has been handled;
 * {@link #catchUpAfter} until every record it held after a given input record was on the broker (at most one round
 * trip for a whole backlog of the input). The end
 * offsets are asked on the follower's thread by a second consumer that fetches nothing: one ListOffsets round trip,
 * answered for every catch-up asked before it went out, routed by that consumer's metadata (which follows a partition
 * to its new leader when a broker dies). Not by the following consumer: a broker handles one request of a connection
 * at a time, so a ListOffsets sent there waits behind the fetch in flight, up to its {@code fetch.max.wait.ms} (500
 * ms) when the topic is quiet.
 */
public final class TopicFollower<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** While a catch-up waits, the follower returns from each poll soon to see whether it has read far enough. */
    private static final Duration WAITING_POLL = Duration.ofMillis(5);

    private final KafkaConsumer<String, V> consumer;
    private final KafkaConsumer<?, ?> ends;
    private final Map<Integer, Long> readUpTo = new java.util.concurrent.ConcurrentHashMap<>();
    private final Queue<CatchUp> asked = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong roundTrips = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Per input partition, the end offset it had before a completed catch-up asked this topic's ends: a record of it
     * below that offset was on the broker before them, so this follower has handled every record the topic had then.
     */
    private final Map<TopicPartition, Long> covered = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Set once the follower polls: a wake-up before that would interrupt its start; a catch-up asked then is served on its first turn. */
    private volatile boolean following;

    /**
     * A catch-up asked by another thread, after a record of {@code input} was on the broker: done with true once the
     * records up to {@code ends} are handled, false at its deadline.
     */
    private static final class CatchUp {
        final CompletableFuture<Boolean> done = new CompletableFuture<>();
        final long deadline;
        final TopicPartition input;
        Map<TopicPartition, Long> ends;
        /** {@code input}'s end offset, asked before {@code ends}: every record of it below was on the broker before them. */
        long inputEnd = -1;

        CatchUp(long deadline, TopicPartition input) {
            this.deadline = deadline;
            this.input = input;
        }
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
        List<CatchUp> waiting = new ArrayList<>();
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            consumer.endOffsets(partitions).forEach((partition, end) -> consumer.seek(partition, Math.max(start.get(partition), end - backlog)));
            following = true;
            while (running) {
                try {
                    consumer.poll(waiting.isEmpty() ? POLL : WAITING_POLL).forEach(handler);
                } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
                    LOG.warnf("skipping unreadable record on %s at offset %d: %s", e.topicPartition(), e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                } catch (WakeupException e) {
                    if (!running) {
                        break;
                    }
                    // a catch-up was asked: served right below
                }
                try {
                    for (TopicPartition partition : partitions) {
                        readUpTo.put(partition.partition(), consumer.position(partition));
                    }
                    askEnds(partitions, waiting);
                } catch (WakeupException e) {
                    if (!running) {
                        break;
                    }
                    // woken up for a catch-up asked meanwhile: served on the next turn
                }
                settle(waiting);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            asked.forEach(c -> c.done.complete(false));
            waiting.forEach(c -> c.done.complete(false));
            consumer.close();
            if (ends != null) {
                ends.close();
            }
        }
    }

    /**
     * One round trip for every catch-up asked so far: first their inputs' end offsets, then this topic's (in that order,
     * so that every input record below its end was on the broker before the topic's ends were taken).
     */
    private void askEnds(List<TopicPartition> partitions, List<CatchUp> waiting) {
        List<CatchUp> batch = new ArrayList<>();
        for (CatchUp c; (c = asked.poll()) != null; ) {
            batch.add(c);
        }
        if (batch.isEmpty()) {
            return;
        }
        long deadline = batch.stream().mapToLong(c -> c.deadline).max().orElseThrow();
        try {
            List<TopicPartition> inputs = batch.stream().map(c -> c.input).filter(java.util.Objects::nonNull).distinct().toList();
            Map<TopicPartition, Long> inputEnds = inputs.isEmpty() ? Map.of()
                    : ends.endOffsets(inputs, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            Map<TopicPartition, Long> atEnd = ends.endOffsets(partitions, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            roundTrips.incrementAndGet();
            batch.forEach(c -> {
                c.ends = atEnd;
                c.inputEnd = c.input == null ? -1 : inputEnds.getOrDefault(c.input, -1L);
            });
            waiting.addAll(batch);
        } catch (WakeupException e) {
            asked.addAll(batch); // closing
            throw e;
        } catch (TimeoutException e) {
            batch.forEach(c -> c.done.complete(false));
        } catch (KafkaException e) {
            LOG.warnf("cannot ask %s's end offsets: %s", partitions.get(0).topic(), e.toString());
            batch.forEach(c -> c.done.complete(false));
        }
    }

    private void settle(List<CatchUp> waiting) {
        long now = System.nanoTime();
        for (Iterator<CatchUp> i = waiting.iterator(); i.hasNext(); ) {
            CatchUp c = i.next();
            if (c.ends.entrySet().stream().allMatch(end -> readUpTo.getOrDefault(end.getKey().partition(), -1L) >= end.getValue())) {
                if (c.input != null) {
                    covered.merge(c.input, c.inputEnd, Math::max);
                }
                c.done.complete(true);
                i.remove();
            } else if (now - c.deadline > 0) {
                c.done.complete(false);
                i.remove();
            }
        }
    }

    /**
     * Waits until every record the topic held when asked has been handled, at most {@code atMost}: true when it has,
     * false when the end offsets could not be asked or read up to in time (a broker down, the follower reconnecting).
     */
    public boolean catchUp(Duration atMost) {
        return catchUp(atMost, null);
    }

    /**
     * Waits until every record the topic held after the record at {@code offset} of {@code input} was on the broker has
     * been handled, at most {@code atMost}. Without a round trip when an earlier catch-up already covers that record (a
     * backlog of the input: one catch-up serves every record that was on the broker before it); otherwise one ListOffsets
     * for the input, then one for the topic.
     */
    public boolean catchUpAfter(String inputTopic, int inputPartition, long offset, Duration atMost) {
        TopicPartition input = new TopicPartition(inputTopic, inputPartition);
        if (offset < covered.getOrDefault(input, -1L)) {
            return true;
        }
        return catchUp(atMost, input);
    }

    private boolean catchUp(Duration atMost, TopicPartition input) {
        if (!running || ends == null) {
            return false;
        }
        CatchUp c = new CatchUp(System.nanoTime() + atMost.toNanos(), input);
        asked.add(c);
        if (following) {
            consumer.wakeup();
        }
        try {
            return c.done.get(atMost.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
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
    }
}
