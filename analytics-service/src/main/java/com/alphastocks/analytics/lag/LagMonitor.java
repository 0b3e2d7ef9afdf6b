package com.alphastocks.analytics.lag;

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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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

    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private Admin admin;

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
                lags.addAll(ConsumerLag.of(group.groupId(), committed, offsets(client, partitions, OffsetSpec.earliest()),
                        offsets(client, partitions, OffsetSpec.latest())));
            }
            return lags;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot measure consumer lag at " + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring consumer lag", e);
        }
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
    }
}
