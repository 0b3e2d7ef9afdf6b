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
import com.alphastocks.streams.Topic;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Every service makes sure the catalogue's topics exist before its channels start (this observer runs before
 * Reactive Messaging's own start-up observer), so that no consumer waits on a topic nobody created. Where the
 * catalogue was made once before the services start (the launcher does), {@code alphastocks.topics.create=false} spares
 * every start and restart this round trip to the cluster.
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

    @ConfigProperty(name = ClusterAdmin.CHECK_CATALOGUE_SETTING, defaultValue = "true")
    boolean create;

    void createMissingTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) throws Exception {
        if (!create) {
            LOG.infof("the catalogue's topics are not checked at start (%s=false: made before, once)", ClusterAdmin.CHECK_CATALOGUE_SETTING);
            return;
        }
        long began = System.nanoTime();
        List<String> created;
        try (ClusterAdmin admin = ClusterAdmin.on(kafka, "topics-at-startup")) {
            created = admin.ensureCatalogue(partitions, replicationFactor);
        }
        long ms = (System.nanoTime() - began) / 1_000_000;
        if (created.isEmpty()) {
            LOG.infof("the catalogue's %d topics are there (checked in %d ms)", Topic.values().length, ms);
        } else {
            LOG.infof("created topics %s (%d partitions, replication factor %d) in %d ms", created, partitions, replicationFactor, ms);
        }
    }
}
