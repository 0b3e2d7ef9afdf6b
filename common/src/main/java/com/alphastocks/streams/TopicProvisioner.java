package com.alphastocks.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates every catalogue topic that is missing, idempotently: several services may race to do it at start. */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /** @return the topics this call created; those that existed are left as they are */
    public static List<String> ensureAll(Admin admin, int partitions, short replicationFactor, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?> topic : Topic.values()) {
            if (!existing.contains(topic.topicName())) {
                missing.add(new NewTopic(topic.topicName(), partitions, replicationFactor).configs(topic.config()));
            }
        }
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        CreateTopicsResult result = admin.createTopics(missing);
        for (NewTopic topic : missing) {
            try {
                result.values().get(topic.name()).get(timeoutMs, TimeUnit.MILLISECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }
}
