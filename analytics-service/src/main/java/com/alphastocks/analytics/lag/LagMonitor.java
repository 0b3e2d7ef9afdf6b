package com.alphastocks.analytics.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;

/**
 * Measures the lag of every consumer group on the broker (the services' and anyone else's): on demand for REST,
 * and every {@code alphastocks.analytics.lag-every} for the gauge {@code alphastocks_consumer_lag{group,topic}}.
 */
@ApplicationScoped
public class LagMonitor {

    private static final Logger LOG = Logger.getLogger(LagMonitor.class);

    /** Gaps up to this many offsets are read to tell transaction markers from records. */
    static final int MARKER_PROBE_GAP = 8;

    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> probe;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** The lag of every consumer group per topic, now. */
    public List<ConsumerLag> measure() {
        try {
            Admin client = admin();
            Collection<GroupListing> groups = client.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS);
            List<ConsumerLag> lags = new ArrayList<>();
            for (GroupListing group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets = client.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, Long> committed = new HashMap<>();
                offsets.forEach((tp, om) -> {
                    if (om != null) {
                        committed.put(tp, om.offset());
                    }
                });
                if (committed.isEmpty()) {
                    continue;
                }
                Set<String> topics = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
                Set<TopicPartition> partitions = client.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                        .collect(Collectors.toSet());
                Map<TopicPartition, Long> ends = offsets(client, partitions, OffsetSpec.latest());
                skipMarkers(committed, ends);
                lags.addAll(ConsumerLag.of(group.groupId(), committed, offsets(client, partitions, OffsetSpec.earliest()), ends));
            }
            return lags;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot measure consumer lag at " + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring consumer lag", e);
        }
    }

    /**
     * A transactional producer ends each transaction with a commit marker, which takes an offset but is no record:
     * a group that has read everything sits one short of the end. Where the gap is small, read it (read_committed)
     * and count it as caught up when no record is in it; a larger gap is reported as it is.
     */
    private synchronized void skipMarkers(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> small = new HashMap<>();
        committed.forEach((tp, offset) -> {
            Long end = ends.get(tp);
            if (end != null && end > offset && end - offset <= MARKER_PROBE_GAP) {
                small.put(tp, offset);
            }
        });
        if (small.isEmpty()) {
            return;
        }
        KafkaConsumer<byte[], byte[]> probe = probe();
        probe.assign(small.keySet());
        small.forEach(probe::seek);
        Map<TopicPartition, Integer> records = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && small.keySet().stream().anyMatch(tp -> probe.position(tp) < ends.get(tp))) {
            for (ConsumerRecord<byte[], byte[]> r : probe.poll(Duration.ofMillis(100))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < ends.get(tp)) {
                    records.merge(tp, 1, Integer::sum);
                }
            }
        }
        for (TopicPartition tp : small.keySet()) {
            if (probe.position(tp) >= ends.get(tp) && !records.containsKey(tp)) {
                committed.put(tp, ends.get(tp));
            }
        }
        probe.assign(List.of());
    }

    private KafkaConsumer<byte[], byte[]> probe() {
        if (probe == null) {
            probe = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.CLIENT_ID_CONFIG,
                    "analytics-lag-probe", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50,
                    // Nothing to wait for: what is there is there now.
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return probe;
    }

    @Scheduled(every = "${alphastocks.analytics.lag-every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() {
        try {
            for (ConsumerLag lag : measure()) {
                gauges.computeIfAbsent(lag.group() + "\u0000" + lag.topic(), k -> {
                    AtomicLong value = new AtomicLong();
                    Gauge.builder("alphastocks.consumer.lag", value, AtomicLong::get).tags(Tags.of("group", lag.group(), "topic", lag.topic()))
                            .description("Records past the group's committed offsets").register(registry);
                    return value;
                }).set(lag.lag());
            }
        } catch (RuntimeException e) {
            LOG.warnf("consumer lag not measured this time: %s", e.getMessage());
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin client, Set<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = client.listOffsets(request).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> result = new HashMap<>();
        answer.forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, AdminClientConfig.CLIENT_ID_CONFIG,
                    "analytics-lag-monitor"));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
        if (probe != null) {
            probe.close();
        }
    }
}
