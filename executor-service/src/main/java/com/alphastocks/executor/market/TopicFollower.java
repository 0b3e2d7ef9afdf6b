package com.alphastocks.executor.market;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Follows a whole topic on its own thread without a consumer group (every instance sees every record), starting
 * at most {@code backlog} records before the end of each partition; a record it cannot read is logged and skipped
 * (market data and commands are superseded by the next record).
 */
public final class TopicFollower<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);

    private final KafkaConsumer<String, V> consumer;
    private final Map<Integer, Long> readUpTo = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public TopicFollower(KafkaConsumer<String, V> consumer, String topic, long backlog, Consumer<ConsumerRecord<String, V>> handler) {
        this.consumer = consumer;
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
            while (running) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(handler);
                } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
                    LOG.warnf("skipping unreadable record on %s at offset %d: %s", e.topicPartition(), e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
                for (TopicPartition partition : partitions) {
                    readUpTo.put(partition.partition(), consumer.position(partition));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Per partition, the offset of the next record to handle: every record before it has been handled. */
    public Map<Integer, Long> readUpTo() {
        return new java.util.TreeMap<>(readUpTo);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
