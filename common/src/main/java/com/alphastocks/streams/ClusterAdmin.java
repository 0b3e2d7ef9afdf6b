package com.alphastocks.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The project's one way to Kafka's admin client: the topics (the catalogue made at start, one topic made where
 * missing, a topic's partitions, replicas and settings), offsets, and consumer groups (their members, commits and
 * whether they caught up). Each call waits at most {@link #TIMEOUT} and fails with an {@link IllegalStateException}
 * naming the cluster and what was asked.
 */
public final class ClusterAdmin implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Whether a service checks the catalogue at start ({@code true} unless set): off where it was made before, once. */
    public static final String CHECK_CATALOGUE_SETTING = "alphastocks.topics.create";
    private static final String PARTITIONS_SETTING = "alphastocks.topics.partitions";
    private static final String REPLICATION_FACTOR_SETTING = "alphastocks.topics.replication-factor";

    private final Admin admin;
    private final String bootstrap;

    private ClusterAdmin(Map<String, Object> settings) {
        this.admin = Admin.create(settings);
        this.bootstrap = String.valueOf(settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** On a plain cluster at {@code bootstrap}. */
    public static ClusterAdmin at(String bootstrap) {
        return on(KafkaConnection.plain(bootstrap), "alphastocks-admin");
    }

    /**
     * On a cluster reached with these {@link KafkaConnection} settings (a service's, of which the admin client takes what
     * it knows: security, timeouts), as {@code clientId}.
     */
    public static ClusterAdmin on(Map<String, Object> connection, String clientId) {
        Map<String, Object> settings = new HashMap<>();
        connection.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return new ClusterAdmin(settings);
    }

    public String bootstrap() {
        return bootstrap;
    }

    // --- topics

    /** The topics of the cluster, without Kafka's own ({@code __consumer_offsets}, ...). */
    public Set<String> topicNames() {
        return await(admin.listTopics().names(), "the topics");
    }

    /** The topics of the cluster, with Kafka's own. */
    public Set<String> allTopicNames() {
        return await(admin.listTopics(new ListTopicsOptions().listInternal(true)).names(), "the topics");
    }

    /**
     * The catalogue laid out as services given these settings lay it out ({@code alphastocks.topics.partitions}, default 6;
     * {@code alphastocks.topics.replication-factor}, default 1, as in common's {@code microprofile-config.properties}).
     */
    public List<String> ensureCatalogue(Map<String, String> settings) {
        return ensureCatalogue(positive(settings, PARTITIONS_SETTING, "6"), (short) positive(settings, REPLICATION_FACTOR_SETTING, "1"));
    }

    /** A setting that must be a whole number from 1 up (a short's range at most), or an error naming it and its value. */
    private static int positive(Map<String, String> settings, String name, String otherwise) {
        String value = settings.getOrDefault(name, otherwise).trim();
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= Short.MAX_VALUE) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to " + Short.MAX_VALUE + ", not '" + value + "'");
    }

    /**
     * Every topic of the catalogue that is missing, idempotently: several services may race to do it at start.
     *
     * @return the topics this call created; those that existed are left as they are
     */
    public List<String> ensureCatalogue(int partitions, short replicationFactor) {
        Set<String> existing = topicNames();
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?> topic : Topic.values()) {
            if (!existing.contains(topic.topicName())) {
                missing.add(new NewTopic(topic.topicName(), partitions, replicationFactor).configs(topic.config()));
            }
        }
        return create(missing);
    }

    /**
     * One topic, if missing: {@code partitions} of them (empty: the cluster's default), the cluster's replication.
     *
     * @return whether this call created it
     */
    public boolean ensureTopic(String name, Optional<Integer> partitions, Map<String, String> config) {
        if (topicNames().contains(name)) {
            return false;
        }
        return !create(List.of(new NewTopic(name, partitions, Optional.empty()).configs(config))).isEmpty();
    }

    private List<String> create(List<NewTopic> topics) {
        List<String> created = new ArrayList<>();
        if (topics.isEmpty()) {
            return created;
        }
        CreateTopicsResult result = admin.createTopics(topics);
        for (NewTopic topic : topics) {
            try {
                result.values().get(topic.name()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw failed("creating " + topic.name(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw failed("creating " + topic.name(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("creating " + topic.name(), e);
            }
        }
        return created;
    }

    public TopicDescription describe(String topic) {
        return await(admin.describeTopics(List.of(topic)).allTopicNames(), "the topic " + topic).get(topic);
    }

    /** The partitions of the given topics. */
    public Set<TopicPartition> partitionsOf(Collection<String> topics) {
        return await(admin.describeTopics(topics).allTopicNames(), "the topics " + topics).values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
    }

    /** Sets one setting of each topic (the others keep theirs). */
    public void setTopicConfig(Collection<String> topics, String key, String value) {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        topics.forEach(topic -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET))));
        await(admin.incrementalAlterConfigs(changes).all(), "setting " + key + " of " + topics);
    }

    /** The node id of the active controller of a KRaft cluster. */
    public int activeController() {
        return await(admin.describeMetadataQuorum().quorumInfo(), "the metadata quorum").leaderId();
    }

    // --- offsets

    /** Per partition, the offset the next record will take. */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest());
    }

    /** Per partition, the offset of its oldest record kept. */
    public Map<TopicPartition, Long> startOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.earliest());
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec));
        Map<TopicPartition, Long> result = new HashMap<>();
        await(admin.listOffsets(request).all(), "the offsets of " + partitions.size() + " partitions")
                .forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    // --- consumer groups

    /** The ids of the cluster's consumer groups. */
    public List<String> consumerGroups() {
        Collection<GroupListing> groups = await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), "the consumer groups");
        return groups.stream().map(GroupListing::groupId).sorted().toList();
    }

    /** The groups as they are now (members and their assignments); a group that cannot be described is left out. */
    public Map<String, ConsumerGroupDescription> describeGroups(Collection<String> groups) {
        Map<String, ConsumerGroupDescription> described = new LinkedHashMap<>();
        if (groups.isEmpty()) {
            return described;
        }
        Map<String, KafkaFuture<ConsumerGroupDescription>> answers = admin.describeConsumerGroups(groups).describedGroups();
        for (String group : groups) {
            try {
                described.put(group, answers.get(group).get(10, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                // not there (yet), or not answering: left out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("describing " + group, e);
            }
        }
        return described;
    }

    /** The offsets {@code group} committed, per partition. */
    public Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "the offsets of " + group)
                .forEach((tp, om) -> {
                    if (om != null) {
                        committed.put(tp, om.offset());
                    }
                });
        return committed;
    }

    /**
     * Until {@code group} has committed the end of every partition of {@code topics} (a committed offset may sit one
     * short of the end: the transaction marker that follows it).
     */
    public void awaitCaughtUp(String group, Collection<String> topics, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<TopicPartition> partitions = partitionsOf(topics);
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, Long> committed = committed(group);
            Map<TopicPartition, Long> ends = endOffsets(partitions);
            if (partitions.stream().allMatch(p -> ends.get(p) == 0 || committed.getOrDefault(p, -1L) >= ends.get(p) - 1)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(group + " did not catch up with " + topics + " in " + timeout);
    }

    private <T> T await(KafkaFuture<T> answer, String what) {
        try {
            return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed("reading " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " gave no answer in " + TIMEOUT.toSeconds() + " s (reading " + what
                    + "): is it running, and is this its address?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("reading " + what + " (interrupted)", e);
        }
    }

    private IllegalStateException failed(String what, Throwable cause) {
        return new IllegalStateException("Kafka at " + bootstrap + ": " + what + " failed"
                + (cause.getMessage() == null ? " (" + cause.getClass().getSimpleName() + ")" : ": " + cause.getMessage()), cause);
    }

    /** Calls still pending (a cluster that does not answer) are given up after 5 s, not left to hold the caller. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
