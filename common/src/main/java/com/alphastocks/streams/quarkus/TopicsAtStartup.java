package com.alphastocks.streams.quarkus;

import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.alphastocks.streams.ClusterAdmin;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Every service makes sure the catalogue's topics exist before its channels start (this observer runs before
 * Reactive Messaging's own start-up observer), so that no consumer waits on a topic nobody created.
 */
@ApplicationScoped
public class TopicsAtStartup {

    private static final Logger LOG = Logger.getLogger(TopicsAtStartup.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @ConfigProperty(name = "alphastocks.topics.partitions", defaultValue = "6")
    int partitions;

    @ConfigProperty(name = "alphastocks.topics.replication-factor", defaultValue = "1")
    short replicationFactor;

    @ConfigProperty(name = "alphastocks.topics.create", defaultValue = "true")
    boolean create;

    void createMissingTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) throws Exception {
        if (!create) {
            return;
        }
        try (ClusterAdmin admin = ClusterAdmin.on(kafka, "topics-at-startup")) {
            List<String> created = admin.ensureCatalogue(partitions, replicationFactor);
            if (!created.isEmpty()) {
                LOG.infof("created topics %s (%d partitions, replication factor %d)", created, partitions, replicationFactor);
            }
        }
    }
}
